"""The public pages of the four areas of work (/areas/i/ … /areas/iv/): what the institute
does there, the area's goals in the programme in force, and its upcoming events, recent
news and publications — published things only, in a constant number of queries."""

import datetime as dt

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from outreach.areas import AREA_PAGES
from outreach.models import NewsStatus, Publication, PublicationKind, PublicationStatus
from programme.models import RevisionStatus
from pzss.core.models import ActivityStatus, Area
from tests.core.soup import soup
from tests.factories import ActivityFactory
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _publication(title: str, *, area=Area.RESEARCH, published=True, days_ago=1) -> Publication:
    """A publication straight into the table (the library's services are tested there)."""
    return Publication.objects.create(
        title=title,
        slug=f"pub-{Publication.objects.count() + 1}",
        kind=PublicationKind.REPORT,
        year=2021,
        area=area,
        status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
        published_at=timezone.now() - dt.timedelta(days=days_ago) if published else None,
    )


def _event(title: str, *, area=Area.RESEARCH, days=5, **extra):
    return ActivityFactory(
        title=title,
        area=area,
        is_public=extra.pop("is_public", True),
        start_date=timezone.localdate() + dt.timedelta(days=days),
        **extra,
    )


# --- the four pages and no others --------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "name", "opening"),
    [
        ("i", "I Expert support", "The Institute gives continuous expert support to the centres"),
        ("ii", "II Professional training", "The area of professional training is the Institute"),
        ("iii", "III Research and analysis", "The Institute's research and analysis aims at"),
        ("iv", "IV Information, promotion and support", "Through information, promotion and"),
    ],
)
def test_each_area_page_says_its_name_and_what_the_institute_does_there(
    english, numeral, name, opening
):
    page = soup(english.get(f"/areas/{numeral}/"))
    assert page.select_one("h1").get_text(strip=True) == name
    paragraphs = page.select(".area-intro p")
    assert len(paragraphs) == 3
    assert paragraphs[0].get_text().startswith(opening)
    assert name in page.select_one("title").get_text()


@pytest.mark.parametrize("path", ["/areas/v/", "/areas/I/", "/areas/0/", "/areas/support/"])
def test_any_other_area_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_each_area_page_links_the_other_three_and_marks_itself(client):
    page = soup(client.get("/areas/ii/"))
    links = page.select(".area-switch a")
    assert [a["href"] for a in links] == ["/areas/i/", "/areas/ii/", "/areas/iii/", "/areas/iv/"]
    assert [a.get("aria-current") for a in links] == [None, "page", None, None]


# --- the goals of the programme in force -------------------------------------------------


def test_the_area_lists_its_goals_in_the_programme_in_force_linked_to_their_place(english):
    make_revision(year=2029, status=RevisionStatus.PUBLISHED, goals_per_area=1)
    make_revision(year=2030, status=RevisionStatus.PUBLISHED, goals_per_area=2)
    page = soup(english.get("/areas/iii/"))
    goals = page.select(".area-goals a")
    # Typed in Cyrillic, read in Latin by an English reader.
    assert [a.get_text(" ", strip=True) for a in goals] == [
        "1. Cilj III.1 — podrška centrima",
        "2. Cilj III.2 — podrška centrima",
    ]
    assert goals[1]["href"] == "/programme/2030/#goal-3-2"
    section = page.select_one("[aria-labelledby=area-goals-h]")
    assert "The work programme for 2030, in force." in section.get_text()
    assert section.select_one("a[href='/programme/2030/pdf/']")


def test_a_draft_programme_gives_no_goals(english):
    make_revision(year=2030, status=RevisionStatus.DRAFT, goals_per_area=2)
    page = soup(english.get("/areas/i/"))
    assert not page.select(".area-goals")
    assert "No work programme has been published yet." in page.get_text()


# --- news, events and publications of the area, and only what is public -------------------


def test_the_area_shows_its_published_news_and_hides_drafts_scheduled_and_other_areas(
    client, make_news
):
    make_news("Објављена вест области", area=Area.RESEARCH)
    make_news("Нацрт вести области", area=Area.RESEARCH, status=NewsStatus.DRAFT)
    make_news(
        "Вест за сутра",
        area=Area.RESEARCH,
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    make_news("Вест друге области", area=Area.TRAINING)
    make_news("Вест без области")
    page = soup(client.get("/areas/iii/"))
    shown = [a.get_text(strip=True) for a in page.select("[aria-labelledby=area-news-h] h3 a")]
    assert shown == ["Објављена вест области"]


def test_the_area_shows_its_upcoming_public_events_only(client):
    _event("Јавни скуп области", days=3)
    _event("Интерни састанак области", is_public=False)
    _event("Одржан скуп области", days=-3, status=ActivityStatus.HELD)
    _event("Отказан скуп области", status=ActivityStatus.CANCELLED)
    _event("Скуп друге области", area=Area.SUPPORT)
    page = soup(client.get("/areas/iii/"))
    section = page.select_one("[aria-labelledby=area-events-h]")
    assert [a.get_text(strip=True) for a in section.select("h3 a")] == ["Јавни скуп области"]
    assert section.select_one("a[href='/events/?area=3']")


def test_the_area_shows_its_published_publications_newest_first_and_no_drafts(client):
    _publication("Старији извештај", days_ago=5)
    _publication("Новији извештај", days_ago=1)
    _publication("Нацрт извештаја", published=False)
    _publication("Водич друге области", area=Area.OUTREACH)
    page = soup(client.get("/areas/iii/"))
    section = page.select_one("[aria-labelledby=area-publications-h]")
    assert [a.get_text(strip=True) for a in section.select("h3 a")] == [
        "Новији извештај",
        "Старији извештај",
    ]
    assert section.select_one("a[href='/publications/?area=3']")


def test_an_area_with_nothing_yet_says_so(english):
    page = soup(english.get("/areas/iv/")).get_text()
    assert "No public events of this area are announced right now." in page
    assert "No news of this area has been published yet." in page
    assert "No publications of this area have been published yet." in page


# --- queries, cache, languages, sitemap ---------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_an_area_page_runs_the_same_queries_for_5_and_50_rows(
    client, make_news, django_assert_num_queries, rows
):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED, goals_per_area=rows // 5)
    for n in range(rows):
        make_news(f"Вест {n}", area=Area.SUPPORT)
        _event(f"Скуп {n}", area=Area.SUPPORT, days=n + 1)
        _publication(f"Извештај {n}", area=Area.SUPPORT, days_ago=n + 1)
    # Anonymous: 1. the programme in force, 2. its goals of the area, 3. the area's next
    # public events (seats counted in the same query), 4. its latest news, 5. its latest
    # publications
    with django_assert_num_queries(5):
        response = client.get("/areas/i/")
    assert response.status_code == 200
    page = soup(response)
    assert len(page.select("[aria-labelledby=area-events-h] h3")) == min(rows, 6)
    assert len(page.select("[aria-labelledby=area-news-h] h3")) == 5
    assert len(page.select("[aria-labelledby=area-publications-h] h3")) == min(rows, 6)
    assert len(page.select(".area-goals li")) == rows // 5


def test_an_area_page_is_served_from_the_public_cache_and_a_new_item_shows_at_once(
    client, make_news
):
    assert client.get("/areas/ii/")["X-Cache"] == "miss"
    assert client.get("/areas/ii/")["X-Cache"] == "hit"
    make_news("Свежа вест обуке", area=Area.TRAINING)
    response = client.get("/areas/ii/")
    assert response["X-Cache"] == "miss"
    assert "Свежа вест обуке" in response.content.decode()


def test_a_latin_reader_reads_the_areas_content_in_latin(client, make_news):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    make_news("Округли сто за супервизоре", area=Area.SUPPORT)
    _event("Трибина супервизора", area=Area.SUPPORT)
    client.cookies["django_language"] = "sr-latn"
    page = client.get("/areas/i/").content.decode()
    assert "Okrugli sto za supervizore" in page and "Округли сто за супервизоре" not in page
    assert "Tribina supervizora" in page and "Трибина супервизора" not in page
    assert "Cilj I.1 — podrška centrima" in page and "Циљ I.1" not in page


def test_an_english_reader_reads_the_content_in_latin_marked_as_serbian(english, make_news):
    make_news("Округли сто за супервизоре", area=Area.SUPPORT)
    page = soup(english.get("/areas/i/"))
    title = page.select_one("[aria-labelledby=area-news-h] h3 a span")
    assert title.get_text() == "Okrugli sto za supervizore"
    assert title["lang"] == "sr-Latn"
    assert page.select_one("html")["lang"] == "en"


def test_the_sitemap_lists_the_four_area_pages(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]
    for numeral in ("i", "ii", "iii", "iv"):
        assert f"https://portal.example.org/areas/{numeral}/" in locations
    assert not any("/areas/v/" in loc for loc in locations)


def test_the_area_registry_holds_the_four_areas_in_order():
    assert [(p.numeral, p.area) for p in AREA_PAGES] == [
        ("i", Area.SUPPORT),
        ("ii", Area.TRAINING),
        ("iii", Area.RESEARCH),
        ("iv", Area.OUTREACH),
    ]
    assert [p.get_absolute_url() for p in AREA_PAGES] == [
        "/areas/i/",
        "/areas/ii/",
        "/areas/iii/",
        "/areas/iv/",
    ]
