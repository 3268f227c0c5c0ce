"""The public library: facets kept in the address with counts, a publication's page with
its citation and downloads, drafts and their files never public, cached pages that show a
publication at once, and query counts that do not grow with the rows."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach.library import services
from outreach.models import Publication, PublicationKind
from pzss.core.models import Area
from pzss.lib.translit import to_cyrillic
from tests.outreach.conftest import make_publication, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_address(settings):
    # The portal's public address, not the test client's host: the addresses the pages
    # give out (citation, sitemap, robots.txt) are on SITE_URL whatever Host asked.
    settings.SITE_URL = "https://portal.example.org"


LIBRARY = "/publications/"


@pytest.fixture(autouse=True)
def _no_extraction(no_extraction):
    return no_extraction


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _titles(response) -> list[str]:
    """The titles listed, in Cyrillic whatever the page's script (English pages show
    Cyrillic content in Latin letters)."""
    return [
        to_cyrillic(a.get_text(strip=True))
        for a in _soup(response).select(".publication-item h2 a")
    ]


def _facet(response, label: str) -> dict[str, tuple[int, str, bool]]:
    """{value label: (count, href, chosen)} of one facet."""
    soup = _soup(response)
    section = next(s for s in soup.select(".facet") if s.h3.get_text(strip=True) == label)
    out = {}
    for link in section.select("a.facet-link"):
        name = link.select_one("span").get_text(" ", strip=True).lstrip("✓ ").strip()
        count = int(link.select_one(".badge").get_text())
        out[name] = (count, link["href"], "active" in link["class"])
    return out


@pytest.fixture
def shelf():
    make_publication(title="Извештај о раду ЦСР 2021", year=2021)
    make_publication(title="Извештај о раду ЦСР 2020", year=2020)
    make_publication(title="Водич за супервизоре", kind=PublicationKind.GUIDE, year=2021,
                     area=Area.SUPPORT)  # fmt: skip
    make_publication(title="Нацрт анализе", kind=PublicationKind.ANALYSIS, published=False)


def test_the_list_shows_only_published_publications_newest_year_first(english, shelf):
    response = english.get(LIBRARY)
    assert response.status_code == 200
    titles = _titles(response)
    assert "Нацрт анализе" not in titles
    assert titles[-1] == "Извештај о раду ЦСР 2020"
    assert set(titles) == {"Извештај о раду ЦСР 2021", "Извештај о раду ЦСР 2020",
                           "Водич за супервизоре"}  # fmt: skip


def test_facets_are_kept_in_the_address_with_counts_and_toggle(english, shelf):
    everything = english.get(LIBRARY)
    years = _facet(everything, "Year")
    assert {k: v[0] for k, v in years.items()} == {"2021": 2, "2020": 1}
    kinds = _facet(everything, "Kind")
    assert {k: v[0] for k, v in kinds.items()} == {"Report": 2, "Guide": 1}  # the draft not

    # choose a year: the list and the other facets' counts follow; the address keeps it
    href = years["2021"][1]
    assert href == "?year=2021"
    chosen = english.get(LIBRARY + href)
    assert set(_titles(chosen)) == {"Извештај о раду ЦСР 2021", "Водич за супервизоре"}
    assert _facet(chosen, "Year")["2021"][2] is True
    assert {k: v[0] for k, v in _facet(chosen, "Kind").items()} == {"Report": 1, "Guide": 1}
    # the year's own counts stay those of every year: each link leads to what it says
    assert {k: v[0] for k, v in _facet(chosen, "Year").items()} == {"2021": 2, "2020": 1}

    # add a kind: both in the address
    both_href = _facet(chosen, "Kind")["Guide"][1]
    assert both_href == "?year=2021&kind=guide"
    both = english.get(LIBRARY + both_href)
    assert _titles(both) == ["Водич за супервизоре"]

    # the chosen year's link takes it off again, the kind stays
    off = _facet(both, "Year")["2021"][1]
    assert off == "?kind=guide"
    assert _titles(english.get(LIBRARY + off)) == ["Водич за супервизоре"]


def test_the_area_facet_filters_by_area(english, shelf):
    response = english.get(LIBRARY + f"?area={Area.SUPPORT}")
    assert _titles(response) == ["Водич за супервизоре"]


@pytest.mark.parametrize(
    "query",
    ["?year=abc", "?year=-1", "?kind=<script>", "?area=9", "?page=999", "?page=x",
     "?year=99999999999999999999"],
)  # fmt: skip
def test_a_facet_value_that_means_nothing_is_ignored_not_an_error(english, shelf, query):
    response = english.get(LIBRARY + query)
    assert response.status_code == 200
    assert len(_titles(response)) == 3
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_an_empty_choice_says_so_and_offers_the_whole_list(english, shelf):
    response = english.get(LIBRARY + "?year=2019")
    assert "No publication matches these choices." in response.text
    assert _soup(response).select_one(".empty-state a")["href"] == LIBRARY


def test_a_publication_page_has_its_abstract_citation_line_and_downloads_with_sizes(english):
    publication = make_publication(
        title="Обједињени извештај о раду центара за социјални рад",
        authors="Јелена Јовић, Марко Марковић",
        abstract="Подаци 45 центара за социјални рад.",
    )
    response = english.get(publication.get_absolute_url())
    assert response.status_code == 200
    soup = _soup(response)
    assert "Podaci 45 centara" in soup.select_one(".abstract").get_text()  # Latin for English
    url = f"https://portal.example.org/publications/{publication.slug}/"
    assert soup.select_one(".citation").get_text(strip=True) == (
        "Jelena Jović, Marko Marković (2021). Objedinjeni izveštaj o radu centara za socijalni "
        f"rad. Pokrajinski zavod za socijalnu zaštitu, Novi Sad. {url}"
    )
    [download] = soup.select("aside a.btn")
    assert download["href"] == publication.files.get().get_absolute_url()
    assert f"{len(pdf_bytes())}\xa0bytes" in download.get_text()


def test_the_citation_names_the_institute_as_author_when_no_one_is_named(client):
    publication = make_publication(title="Водич кроз услуге")
    response = client.get(publication.get_absolute_url())
    assert _soup(response).select_one(".citation").get_text(strip=True) == (
        "Покрајински завод за социјалну заштиту (2021). Водич кроз услуге. Нови Сад. "
        f"https://portal.example.org/publications/{publication.slug}/"
    )


def test_a_published_file_downloads_as_the_pdf(client):
    publication = make_publication()
    response = client.get(publication.files.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_draft_and_its_files_are_a_404_to_the_public_and_open_to_staff(
    client, plain_user, staff_user
):
    draft = make_publication(published=False)
    page, file_url = draft.get_absolute_url(), draft.files.get().get_absolute_url()
    for user in (None, plain_user):
        if user:
            client.force_login(user)
        assert client.get(page).status_code == 404
        assert client.get(file_url).status_code == 404
    client.force_login(staff_user)
    assert client.get(page).status_code == 200
    assert client.get(file_url).status_code == 200


def test_a_withdrawn_publications_file_is_no_longer_public(client):
    publication = make_publication()
    file_url = publication.files.get().get_absolute_url()
    assert client.get(file_url).status_code == 200
    services.publication_withdraw(user=None, publication=publication)
    assert client.get(file_url).status_code == 404
    assert client.get(publication.get_absolute_url()).status_code == 404


def test_a_file_of_another_publication_is_not_served_under_this_ones_address(client):
    one, other = make_publication(title="Први"), make_publication(title="Други")
    url = reverse(
        "outreach:publication_file", kwargs={"slug": one.slug, "pk": other.files.get().pk}
    )
    assert client.get(url).status_code == 404


def test_the_public_pages_are_cached_and_a_publication_shows_at_once(client):
    make_publication(title="Први извештај")
    first = client.get(LIBRARY)
    assert first["X-Cache"] == "miss"
    assert client.get(LIBRARY)["X-Cache"] == "hit"
    draft = make_publication(title="Нови извештај", published=False)
    assert "Нови извештај" not in _titles(client.get(LIBRARY))
    services.publication_publish(user=None, publication=draft)
    response = client.get(LIBRARY)
    assert response["X-Cache"] == "miss"
    assert "Нови извештај" in _titles(response)
    detail = client.get(draft.get_absolute_url())
    assert detail.status_code == 200 and detail["X-Cache"] == "miss"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_5_and_for_25_rows(client, settings):
    # Queries: the page's count, its rows, the rows' files (one query), and one count per
    # facet (year, kind, area) — six, whatever the number of rows.
    for number in range(5):
        make_publication(title=f"Извештај {number}", year=2015 + number)
    five = _queries(client, LIBRARY + "?nocache=5")
    for number in range(20):
        make_publication(title=f"Анализа {number}", kind=PublicationKind.ANALYSIS,
                         year=2000 + number)  # fmt: skip
    assert Publication.objects.published().count() == 25
    twenty_five = _queries(client, LIBRARY + "?nocache=25")
    assert five == twenty_five <= 6


def test_the_staff_list_costs_the_same_queries_for_5_and_for_25_rows(staff_client):
    # Queries: the session, the user, the user's groups, the page's count and its rows.
    for number in range(5):
        make_publication(title=f"Извештај {number}", published=number % 2 == 0)
    url = reverse("outreach_staff:publications")
    five = _queries(staff_client, url)
    for number in range(20):
        make_publication(title=f"Анализа {number}", published=False)
    assert five == _queries(staff_client, url) <= 6


def test_the_same_title_twice_gets_a_second_address_never_an_error(staff_client):
    first = make_publication(title="Годишњи извештај")
    second = make_publication(title="Годишњи извештај")
    third = make_publication(title="Godišnji izveštaj")  # the same words in Latin letters
    assert first.slug == "godisnji-izvestaj"
    assert second.slug == "godisnji-izvestaj-2"
    assert third.slug == "godisnji-izvestaj-3"
    response = staff_client.post(
        reverse("outreach_staff:publication_create"),
        {"title": "Годишњи извештај", "kind": "report", "year": "2021", "language": "sr-Cyrl"},
    )
    assert response.status_code == 302
    assert Publication.objects.order_by("-pk").first().slug == "godisnji-izvestaj-4"


def test_a_title_with_no_letters_for_an_address_still_gets_one(staff_client):
    for title in ("!!!", "???"):
        make_publication(title=title, published=False, with_file=False)
    assert set(Publication.objects.values_list("slug", flat=True)) == {
        "publikacija",
        "publikacija-2",
    }


def test_dj_is_spelled_out_in_the_address(staff_client):
    assert make_publication(title="Ђурђевдан").slug == "djurdjevdan"
