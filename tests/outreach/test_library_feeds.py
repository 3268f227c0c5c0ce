"""The Atom feed of publications, /sitemap.xml and /robots.txt, read as XML (defusedxml)
and as text: the published entries are there, drafts are not."""

import datetime as dt

import pytest
from defusedxml import ElementTree
from django.core.management import call_command

from outreach.library import services
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from tests.events.conftest import make_event
from tests.outreach.conftest import make_publication

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _quiet(no_extraction, monkeypatch):
    from pzss.documents import tasks

    monkeypatch.setattr(tasks.render_document, "delay", lambda pk: None)


def test_the_atom_feed_lists_published_publications_newest_first_and_no_draft(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    older = make_publication(title="Извештај 2020", year=2020, abstract="Стари подаци.")
    newer = make_publication(title="Водич за супервизоре", authors="Јелена Јовић")
    make_publication(title="Нацрт који није објављен", published=False)
    response = client.get("/feeds/publications.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [newer.title, older.title]
    first = entries[0]
    # Addresses on the portal's public address, whatever Host asked (the feed is cached).
    site = "https://portal.example.org"
    assert first.find(f"{ATOM}link").get("href") == f"{site}{newer.get_absolute_url()}"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{site}/feeds/publications.atom"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Јелена Јовић"
    assert first.find(f"{ATOM}published") is not None and first.find(f"{ATOM}updated") is not None
    assert entries[1].find(f"{ATOM}summary").text == "Стари подаци."
    assert entries[1].find(f"{ATOM}author/{ATOM}name").text == (
        "Покрајински завод за социјалну заштиту"
    )
    assert "Нацрт" not in response.content.decode()


def test_a_withdrawn_publication_leaves_the_feed(client):
    publication = make_publication(title="Повучени извештај")
    assert "Повучени извештај" in client.get("/feeds/publications.atom").content.decode()
    services.publication_withdraw(user=None, publication=publication)
    assert "Повучени извештај" not in client.get("/feeds/publications.atom").content.decode()


def _locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}


def test_the_sitemap_lists_published_programmes_publications_and_upcoming_public_events(
    client, settings
):
    call_command("load_programme", verbosity=0)
    publication = make_publication(title="Обједињени извештај")
    draft = make_publication(title="Нацрт", published=False)
    upcoming = make_event()
    past = make_event(days_ahead=-30)
    private = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.WORKING_VISIT,
        title="Радна посета",
        start_date=dt.date.today() + dt.timedelta(days=5),
        status=ActivityStatus.SCHEDULED,
        is_public=False,
    )
    settings.SITE_URL = "https://portal.example.org"
    locations = _locations(client)
    base = "https://portal.example.org"
    assert f"{base}/programme/2021/" in locations
    assert f"{base}{publication.get_absolute_url()}" in locations
    # the programme's own library entry is a publication like the others
    assert any(loc.startswith(f"{base}/publications/program-rada") for loc in locations)
    assert f"{base}/events/{upcoming.pk}/" in locations
    assert f"{base}{draft.get_absolute_url()}" not in locations
    assert f"{base}/events/{past.pk}/" not in locations
    assert f"{base}/events/{private.pk}/" not in locations


def test_the_sitemap_lists_the_news_whose_time_has_come(client, settings):
    from django.utils import timezone

    from outreach.models import NewsItem, NewsStatus

    settings.SITE_URL = "https://portal.example.org"
    now = timezone.now()

    def item(slug, status, published_at):
        return NewsItem.objects.create(
            title=slug, year=now.year, slug=slug, lead="Увод.", status=status,
            published_at=published_at,
        )  # fmt: skip

    item("objavljena", NewsStatus.PUBLISHED, now - dt.timedelta(hours=1))
    item("zakazana", NewsStatus.PUBLISHED, now + dt.timedelta(days=1))
    item("nacrt", NewsStatus.DRAFT, None)
    news = [loc for loc in _locations(client) if "/news/" in loc]
    assert news == [f"https://portal.example.org/news/{now.year}/objavljena/"]


def test_a_draft_programme_is_not_in_the_sitemap(client):
    from tests.programme.builders import make_revision

    make_revision(year=2031)  # a draft
    assert not any("/programme/2031/" in loc for loc in _locations(client))


def test_another_app_adds_its_section_to_the_sitemap_by_registering_it(client, monkeypatch):
    from django.contrib.sitemaps import Sitemap

    from pzss.lib import sitemaps

    class Extra(Sitemap):
        def items(self):
            return ["/extra/"]

        def location(self, item):
            return item

    monkeypatch.setitem(sitemaps.SITEMAPS, "extra", Extra)
    assert "http://testserver/extra/" in _locations(client)


def test_robots_txt_allows_the_public_site_keeps_staff_pages_out_and_names_the_sitemap(
    client, settings
):
    settings.SITE_URL = "https://portal.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /staff/", "Disallow: /accounts/", "Disallow: /admin/"} <= set(lines)
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines  # the public site stays open
    assert "Disallow: /publications/" not in lines
    assert "Sitemap: https://portal.example.org/sitemap.xml" in lines


def test_the_sitemap_and_the_feed_cost_the_same_queries_for_5_and_for_25_publications(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for number in range(5):
        make_publication(title=f"Извештај {number}")
    five = (queries("/sitemap.xml?n=5"), queries("/feeds/publications.atom?n=5"))
    for number in range(20):
        make_publication(title=f"Анализа {number}")
    assert five == (queries("/sitemap.xml?n=25"), queries("/feeds/publications.atom?n=25"))
