"""The three readers of every page: Serbian in Cyrillic, Serbian in Latin, English."""

import pytest

from tests.core.soup import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "mark", "lang"),
    [("sr", "ПЗСЗ", None), ("sr-latn", "PZSZ", None), ("en", "PZSZ", "sr-Latn")],
)
def test_the_institute_mark_is_in_the_readers_script(client, language, mark, lang):
    client.cookies["django_language"] = language
    brand = soup(client.get("/")).select_one(".brand-mark")
    assert brand.text == mark
    assert brand.get("lang") == lang


@pytest.mark.parametrize("language", ["sr-latn", "en"])
def test_a_latin_or_english_home_page_has_no_cyrillic_but_the_script_switch(client, language):
    client.cookies["django_language"] = language
    page = soup(client.get("/"))
    cyrillic = page.find_all(string=lambda s: any("а" <= ch <= "ш" for ch in s.lower()))
    assert [(el.strip(), el.parent.get("lang")) for el in cyrillic] == [("Ћирилица", "sr-Cyrl")]
