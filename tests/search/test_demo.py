"""The demo (`manage.py load_demo`) ends with the search index complete: a visitor of
`make run` finds the demo's news and publications at once."""

import pytest
from django.core.management import call_command

from outreach.models import NewsItem, Publication
from pzss.search.models import SearchEntry
from tests.core.soup import soup

pytestmark = pytest.mark.django_db


def test_the_demo_ends_with_every_public_thing_in_the_index(client):
    call_command("load_demo", verbosity=0)
    assert SearchEntry.objects.filter(kind="news").count() == NewsItem.objects.published().count()
    assert (
        SearchEntry.objects.filter(kind="publication").count()
        == Publication.objects.published().count()
        > 0
    )
    before = sorted(SearchEntry.objects.values_list("kind", "key", "title", "text"))
    call_command("rebuild_search_index", verbosity=0)
    assert sorted(SearchEntry.objects.values_list("kind", "key", "title", "text")) == before
    page = soup(client.get("/search/", {"q": "sombor"}))
    titles = [a.get_text(" ", strip=True) for a in page.select(".search-result h2 a")]
    assert "Реализован округли сто за супервизоре групе 2 у ЦСР Сомбор" in titles
