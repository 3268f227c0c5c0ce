"""The demo's news are the items of the institute's own news page, published at their
dates, in proper Cyrillic; loading the demo again adds nothing."""

import re

import pytest
from django.core.management import call_command

from outreach.demo import NEWS
from outreach.models import NewsItem

pytestmark = pytest.mark.django_db

# A Latin letter inside a Cyrillic word: the seed page had "Oдржана" with a Latin O.
MIXED = re.compile(r"[а-шА-ШђјљњћџЂЈЉЊЋЏ][A-Za-z]|[A-Za-z][а-шА-ШђјљњћџЂЈЉЊЋЏ]")


def test_the_demo_news_are_the_seed_pages_items_published_once(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    items = list(NewsItem.objects.published().newest_first())
    assert [i.title for i in items] == [title for _d, _a, title, _l, _b in NEWS]
    assert items[0].published_at.date().isoformat() == "2019-10-31"
    page = client.get("/news/").content.decode()
    assert "Реализован округли сто за супервизоре групе 2 у ЦСР Сомбор" in page
    sombor = NewsItem.objects.get(slug="realizovan-okrugli-sto-za-supervizore-grupe-2-u-csr-sombor")
    assert "Присуствовали су супервизори ЦСР Врбас, Апатин, Кула" in sombor.body


def test_the_demo_text_has_no_latin_letters_in_cyrillic_words_and_serbian_quotes():
    for _day, _area, title, lead, body in NEWS:
        for text in (title, lead, body):
            assert not MIXED.search(text), MIXED.search(text)
            assert ",," not in text and "’’" not in text and "  " not in text
