"""The published programme's page carries its canonical address, the language
alternates and OpenGraph tags; a draft's page is a 404 with none of it; staff reading a
programme (any revision) get no canonical address and a noindex."""

import pytest
from bs4 import BeautifulSoup

from programme.models import RevisionStatus
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.LANGUAGE_CODE = "sr"  # the portal's own default: Cyrillic at the plain address


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_a_published_programme_has_its_canonical_address_and_opengraph_tags(client):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    response = client.get("/programme/2030/?lang=sr-latn")
    soup = _soup(response)
    assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE}/programme/2030/?lang=sr-latn"
    alternates = {a["hreflang"]: a["href"] for a in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        "sr-Cyrl": f"{SITE}/programme/2030/",
        "sr-Latn": f"{SITE}/programme/2030/?lang=sr-latn",
        "en": f"{SITE}/programme/2030/?lang=en",
        "x-default": f"{SITE}/programme/2030/",
    }
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    # the title the page shows, in the reader's script
    assert og["og:title"] == soup.title.get_text().split(" · ")[0]
    assert "za 2030. godinu" in og["og:title"] and "2030" in og["og:description"]
    assert og["og:url"] == f"{SITE}/programme/2030/?lang=sr-latn"
    assert og["og:locale"] == "sr_Latn_RS"


def test_a_draft_programme_is_a_404_without_discovery(client):
    make_revision(year=2031, status=RevisionStatus.DRAFT)
    response = client.get("/programme/2031/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


def test_staff_reading_a_programme_get_no_canonical_address(staff_client):
    make_revision(year=2031, status=RevisionStatus.DRAFT)
    html = staff_client.get("/programme/2031/").content.decode()
    assert 'rel="canonical"' not in html and "og:url" not in html
    assert '<meta name="robots" content="noindex">' in html
