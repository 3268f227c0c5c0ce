"""The public home page: the programme in force, upcoming events, the latest news and
publications, and the four areas of work."""

import datetime as dt

import pytest
from django.utils import timezone

from outreach.models import Publication, PublicationKind, PublicationStatus
from programme.models import RevisionStatus
from pzss.core.models import Area
from tests.core.soup import soup
from tests.factories import ActivityFactory
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


def _publication(title: str, *, published=True, days_ago=1, kind=PublicationKind.REPORT):
    return Publication.objects.create(
        title=title,
        slug=f"pub-{Publication.objects.count() + 1}",
        kind=kind,
        year=2021,
        area=Area.RESEARCH,
        status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
        published_at=timezone.now() - dt.timedelta(days=days_ago) if published else None,
    )


def test_the_home_names_the_newest_published_programme_with_its_page_and_pdf(english):
    make_revision(year=2029, status=RevisionStatus.PUBLISHED)
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    make_revision(year=2031, status=RevisionStatus.DRAFT)
    hero = soup(english.get("/")).select_one(".hero")
    assert "Program rada Pokrajinskog zavoda za socijalnu zaštitu za 2030. godinu" in (
        hero.get_text()
    )
    assert "2031" not in hero.get_text()
    read = hero.select_one("a[href='/programme/2030/']")
    assert read.get_text(strip=True) == "Read the work programme for 2030"
    assert hero.select_one("a[href='/programme/2030/pdf/']")


def test_without_a_published_programme_the_home_points_to_the_programme_list(english):
    make_revision(year=2030, status=RevisionStatus.SUBMITTED)
    hero = soup(english.get("/")).select_one(".hero")
    assert hero.select_one("a[href='/programme/']").get_text(strip=True) == (
        "Read the work programme"
    )
    assert not hero.select(".programme-in-force")


def test_the_home_shows_the_latest_three_publications_and_no_draft(client):
    for n in range(1, 5):
        _publication(f"Извештај {n}", days_ago=n)
    _publication("Нацрт публикације", published=False)
    page = soup(client.get("/"))
    shown = [a.get_text(strip=True) for a in page.select(".publications-latest h3 a")]
    assert shown == ["Извештај 1", "Извештај 2", "Извештај 3"]


def test_the_home_says_when_the_library_is_empty(english):
    _publication("Нацрт публикације", published=False)
    section = soup(english.get("/")).select_one("[aria-labelledby=publications-h]")
    assert "No publications have been published yet." in section.get_text()


def test_the_home_links_the_four_areas_of_work(english):
    page = soup(english.get("/"))
    links = page.select(".area-cards a")
    assert [a["href"] for a in links] == ["/areas/i/", "/areas/ii/", "/areas/iii/", "/areas/iv/"]
    assert [a.get_text(strip=True) for a in links] == [
        "I Expert support",
        "II Professional training",
        "III Research and analysis",
        "IV Information, promotion and support",
    ]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_home_runs_the_same_queries_for_5_and_50_rows(
    client, make_news, django_assert_num_queries, rows
):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED, goals_per_area=rows // 5)
    for n in range(rows):
        make_news(f"Вест {n}")
        ActivityFactory(is_public=True, start_date=timezone.localdate() + dt.timedelta(days=n + 1))
        _publication(f"Извештај {n}", days_ago=n + 1)
    # Anonymous: 1. the programme in force (its programme joined), 2. the next six public
    # events, 3. the latest three news items, 4. the latest three publications
    with django_assert_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    page = soup(response)
    assert len(page.select("[aria-labelledby=upcoming-h] h3")) == min(rows, 6)
    assert len(page.select(".news-latest h3")) == 3
    assert len(page.select(".publications-latest h3")) == 3


def test_the_home_stays_cached_and_a_new_publication_shows_at_once(client):
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    _publication("Свеж извештај")
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Свеж извештај" in response.content.decode()


def test_a_latin_reader_reads_the_programme_and_publications_in_latin(client):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    _publication("Обједињени извештај о раду центара")
    client.cookies["django_language"] = "sr-latn"
    page = client.get("/").content.decode()
    assert "Objedinjeni izveštaj o radu centara" in page
    assert "Обједињени извештај" not in page
    assert "za 2030. godinu" in page
