"""One address per language (`?lang=`), the canonical address and its alternates, and the
JSON-LD script that no content can break out of."""

import json

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.test import RequestFactory

from pzss.lib.discovery import canonical_query, discovery_for
from pzss.lib.language import switch_language, without_language_parameter
from pzss.lib.structured_data import json_ld_script, organization

SITE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _alternates(found) -> dict[str, str]:
    return {a.hreflang: a.href for a in found.alternates}


def test_the_canonical_address_keeps_the_page_and_facets_and_drops_the_rest():
    query = QueryDict("lang=en&page=2&utm_source=x&kind=report&year=2021&nocache=1")
    assert canonical_query(query) == "?year=2021&kind=report&page=2"
    # the first page is the list itself; empty facets choose nothing
    assert canonical_query(QueryDict("page=1&year=&lang=sr-latn")) == ""


def test_each_language_has_its_own_address_and_cyrillic_is_the_default():
    found = discovery_for("/publications/", QueryDict("year=2021&lang=en"), language="en")
    # the English page asked for by its address is its own canonical page
    assert found.canonical == f"{SITE}/publications/?year=2021&lang=en"
    assert _alternates(found) == {
        "sr-Cyrl": f"{SITE}/publications/?year=2021",
        "sr-Latn": f"{SITE}/publications/?year=2021&lang=sr-latn",
        "en": f"{SITE}/publications/?year=2021&lang=en",
        "x-default": f"{SITE}/publications/?year=2021",
    }
    assert found.locale == "en_GB"
    assert found.locale_alternates == ["sr_RS", "sr_Latn_RS"]


def test_a_page_in_the_cookies_language_has_the_plain_address():
    # what a crawler (no cookie) reads at this address is the Cyrillic page
    found = discovery_for("/publications/", QueryDict("year=2021"), language="en")
    assert found.canonical == f"{SITE}/publications/?year=2021"
    assert found.locale == "en_GB"
    # a lang in the query that did not choose the page's language (a POST) is not kept
    found = discovery_for("/events/1/", QueryDict("lang=en"), language="sr-latn")
    assert found.canonical == f"{SITE}/events/1/"
    # asking for the default language by its address is the plain address
    found = discovery_for("/events/1/", QueryDict("lang=sr"), language="sr")
    assert found.canonical == f"{SITE}/events/1/"


def test_a_path_with_cyrillic_letters_is_written_as_a_uri():
    found = discovery_for("/news/2021/вест/", QueryDict(""), language="sr")
    assert found.canonical == f"{SITE}/news/2021/%D0%B2%D0%B5%D1%81%D1%82/"
    assert found.locale == "sr_RS"


@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/outreach/news/", "/accounts/login/", "/admin/", "/registrations/x/"]
)
def test_private_pages_have_no_canonical_address(path):
    assert discovery_for(path, QueryDict(""), language="sr") is None


# --- ?lang= ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,cookie,expected",
    [
        ("?lang=en", "", "en"),
        ("?lang=sr-latn", "en", "sr-latn"),  # over the cookie
        ("?lang=SR-LATN", "", "sr-latn"),
        ("?lang=de", "en", "en"),  # an unknown code is ignored
        ("?lang=", "", "sr"),
        ("", "sr-latn", "sr-latn"),
    ],
)
def test_lang_in_the_query_chooses_the_language_of_that_request(client, query, cookie, expected):
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get("/privacy/" + query)
    assert response.status_code == 200
    assert response["Content-Language"] == expected


@pytest.mark.django_db
def test_lang_in_the_query_sets_no_cookie_and_the_next_page_is_in_the_chosen_language(client):
    response = client.get("/privacy/?lang=en")
    assert response["Content-Language"] == "en"
    assert "django_language" not in response.cookies
    assert client.get("/privacy/")["Content-Language"] == "sr"


@pytest.mark.django_db
def test_a_post_does_not_take_its_language_from_the_query(client):
    client.cookies["django_language"] = "sr-latn"
    response = client.post("/events/999999/register/?lang=en", {})
    assert response["Content-Language"] == "sr-latn"


def test_the_language_switch_goes_back_to_the_page_without_its_lang():
    assert without_language_parameter("/news/?page=2&lang=en") == "/news/?page=2"
    assert without_language_parameter("/news/?lang=en") == "/news/"
    assert without_language_parameter("/news/?page=2") == "/news/?page=2"
    request = RequestFactory().get("/language/sr/", {"next": "/publications/?year=2021&lang=en"})
    response = switch_language(request, "sr")
    assert response["Location"] == "/publications/?year=2021"
    assert response.cookies["django_language"].value == "sr"


# --- JSON-LD -----------------------------------------------------------------------------


def test_json_ld_cannot_be_closed_by_the_text_it_carries():
    hostile = "</script><script>alert(1)</script><!-- & -->"
    html = str(json_ld_script({"@type": "Thing", "name": hostile}))
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "<!--" not in html
    soup = BeautifulSoup(html, "html.parser")
    [script] = soup.find_all("script")
    assert script["type"] == "application/ld+json"
    assert json.loads(script.string) == {"@type": "Thing", "name": hostile}


def test_json_ld_writes_one_script_per_item_and_nothing_for_none():
    assert str(json_ld_script(None)) == ""
    assert str(json_ld_script([])) == ""
    html = str(json_ld_script([{"@type": "A"}, {"@type": "B"}]))
    assert html.count('<script type="application/ld+json">') == 2


def test_the_organization_has_the_footers_contacts_in_the_readers_script(settings):
    settings.INSTITUTE = {
        "name": "Покрајински завод за социјалну заштиту",
        "address": "Булевар Михајла Пупина 25, Нови Сад",
        "phone": "021 425 836, 021 425 854",
        "email": "office@pzs.gov.rs",
    }
    data = organization(language="sr-latn")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Pokrajinski zavod za socijalnu zaštitu"
    assert data["url"] == f"{SITE}/"
    assert data["logo"].startswith(f"{SITE}/static/") and data["logo"].endswith(".svg")
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Bulevar Mihajla Pupina 25",
        "addressLocality": "Novi Sad",
        "addressCountry": "RS",
    }
    assert data["telephone"] == ["021 425 836", "021 425 854"]
    assert data["email"] == "office@pzs.gov.rs"
    assert organization(language="sr")["name"] == "Покрајински завод за социјалну заштиту"
