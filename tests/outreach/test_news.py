"""News: addresses unique in their year (a clash gets a new slug, never a 500); only
published items whose time has come are public — on the list, the page, the home page and
the feed; an item published for later is shown when its time comes, and the beat task that
refreshes the public pages then is safe to run twice; a publication shows at once despite
the page cache; the lists' query counts do not grow with the rows."""

import datetime as dt

import pytest
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outreach import services, tasks
from outreach.models import NewsItem, NewsStatus
from tests.core.soup import fill, find_form, messages_on, soup

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _data(title="Округли сто у Сомбору", **extra) -> dict:
    return {
        "title": title,
        "lead": "Увод.",
        "body": "Текст.",
        "picture_alt": "",
        "area": None,
        "published_at": None,
        **extra,
    }


# --- addresses ------------------------------------------------------------------------------


def test_the_slug_is_the_title_in_latin_script(staff_user):
    item = services.news_create(user=staff_user, data=_data("Округли сто у Сомбору — ЦСР")).item
    assert item.slug == "okrugli-sto-u-somboru-csr"
    assert item.year == timezone.localdate().year


def test_a_slug_clash_in_the_same_year_gets_a_new_slug(staff_user):
    slugs = [services.news_create(user=staff_user, data=_data()).item.slug for _ in range(3)]
    assert slugs == ["okrugli-sto-u-somboru", "okrugli-sto-u-somboru-2", "okrugli-sto-u-somboru-3"]


def test_the_same_slug_in_another_year_is_free(staff_user):
    last_year = timezone.now().replace(year=timezone.now().year - 1)
    old = services.news_create(user=staff_user, data=_data(published_at=last_year)).item
    new = services.news_create(user=staff_user, data=_data()).item
    assert old.slug == new.slug and old.year != new.year


def test_a_clash_through_the_page_is_saved_never_a_500(staff_client):
    for _ in range(2):
        form = find_form(soup(staff_client.get("/staff/outreach/news/new/")))
        data = fill(form, {"title": "Иста вест", "lead": "Увод."})
        assert staff_client.post("/staff/outreach/news/new/", data).status_code == 302
    assert sorted(NewsItem.objects.values_list("slug", flat=True)) == ["ista-vest", "ista-vest-2"]


def test_a_clash_that_slips_past_the_check_takes_the_next_slug(staff_user, monkeypatch):
    # Two editors at the same moment: both see the slug free, the constraint refuses one,
    # which looks again and takes the next.
    services.news_create(user=staff_user, data=_data())
    real = services._free_slug
    calls = []

    def stale_then_real(**kw):
        calls.append(1)
        return "okrugli-sto-u-somboru" if len(calls) == 1 else real(**kw)

    monkeypatch.setattr(services, "_free_slug", stale_then_real)
    item = services.news_create(user=staff_user, data=_data()).item
    assert item.slug == "okrugli-sto-u-somboru-2" and len(calls) == 2


def test_a_clash_that_keeps_slipping_past_the_check_is_a_message_not_a_500(staff_user, monkeypatch):
    services.news_create(user=staff_user, data=_data())
    monkeypatch.setattr(services, "_free_slug", lambda **kw: "okrugli-sto-u-somboru")
    with pytest.raises(ValidationError) as refused:
        services.news_create(user=staff_user, data=_data())
    assert "сачувајте поново" in str(refused.value)
    assert NewsItem.objects.count() == 1


def test_a_title_of_only_symbols_still_gets_an_address(staff_user):
    assert services.news_create(user=staff_user, data=_data("„…“")).item.slug == "vest"


def test_a_published_item_keeps_its_address_when_its_title_changes(staff_user):
    item = services.news_create(user=staff_user, data=_data(), publish=True).item
    services.news_update(user=staff_user, item=item, data={"title": "Нови наслов"})
    item.refresh_from_db()
    assert item.slug == "okrugli-sto-u-somboru" and item.title == "Нови наслов"


# --- who sees what ------------------------------------------------------------------------


@pytest.fixture
def three_states(make_news):
    return {
        "public": make_news("Објављена вест"),
        "draft": make_news("Нацрт вести", status=NewsStatus.DRAFT),
        "future": make_news("Вест за сутра", published_at=timezone.now() + dt.timedelta(days=1)),
    }


def test_drafts_and_future_items_are_not_on_the_public_list(client, three_states):
    page = client.get("/news/").content.decode()
    assert "Објављена вест" in page
    assert "Нацрт вести" not in page and "Вест за сутра" not in page


def test_drafts_and_future_items_have_no_public_page(client, three_states):
    for name, item in three_states.items():
        response = client.get(f"/news/{item.year}/{item.slug}/")
        assert response.status_code == (200 if name == "public" else 404), name


def test_the_feed_is_atom_with_the_published_items_only(client, three_states, make_news, settings):
    settings.SITE_URL = "https://portal.example.org"
    older = make_news("Старија вест", published_at=timezone.now() - dt.timedelta(days=30))
    response = client.get("/feeds/news.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Објављена вест", "Старија вест"]  # newest first, Cyrillic as typed
    public = three_states["public"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"https://portal.example.org/news/{public.year}/{public.slug}/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://portal.example.org/feeds/news.atom"
    )
    assert entries[0].findtext(f"{ATOM}summary") == public.lead
    assert "<p>Текст.</p>" in entries[0].findtext(f"{ATOM}content")
    assert older.slug in entries[1].find(f"{ATOM}link").get("href")


def test_the_home_page_shows_the_latest_three_news(client, make_news):
    items = [
        make_news(f"Вест {n}", published_at=timezone.now() - dt.timedelta(days=n))
        for n in range(1, 5)
    ]
    make_news("Нацрт на почетној", status=NewsStatus.DRAFT)
    page = soup(client.get("/"))
    shown = [a.get_text(strip=True) for a in page.select(".news-latest h3 a")]
    assert shown == [i.title for i in items[:3]]


def test_the_public_pages_show_latin_to_latin_readers(client, three_states):
    client.cookies["django_language"] = "sr-latn"
    page = client.get("/news/").content.decode()
    assert "Objavljena vest" in page and "Објављена вест" not in page


# --- publication ------------------------------------------------------------------------------


def test_a_publication_shows_at_once_on_cached_pages(client, staff_client, staff_user):
    # `client` and `staff_client` are one client: an anonymous one of its own for the public.
    from django.test import Client

    public = Client()
    item = services.news_create(user=staff_user, data=_data("Свежа вест")).item
    assert "Свежа вест" not in public.get("/news/").content.decode()
    assert public.get("/news/")["X-Cache"] == "hit"  # the page is cached now
    form = find_form(
        soup(staff_client.get(f"/staff/outreach/news/{item.pk}/")),
        action=f"/staff/outreach/news/{item.pk}/publish/",
    )
    response = staff_client.post(form["action"], fill(form, {}), follow=True)
    assert any("published" in m or "објављ" in m.lower() for m in messages_on(soup(response)))
    for url in ("/news/", "/", "/feeds/news.atom"):
        assert "Свежа вест" in public.get(url).content.decode(), url


def test_unpublishing_hides_the_item_at_once(client, staff_user):
    item = services.news_create(user=staff_user, data=_data("Повучена вест"), publish=True).item
    url = f"/news/{item.year}/{item.slug}/"
    assert client.get(url).status_code == 200
    services.news_unpublish(user=staff_user, item=item)
    assert client.get(url).status_code == 404
    assert "Повучена вест" not in client.get("/news/").content.decode()


def test_an_item_published_for_later_is_scheduled_until_then(staff_user):
    later = timezone.now() + dt.timedelta(hours=2)
    item = services.news_create(user=staff_user, data=_data(published_at=later)).item
    item = services.news_publish(user=staff_user, item=item)
    assert item.status == NewsStatus.PUBLISHED and item.state == "scheduled"
    assert item.public_since is None
    assert not NewsItem.objects.published().exists()
    assert NewsItem.objects.published(now=later + dt.timedelta(seconds=1)).get() == item


def test_the_beat_task_announces_a_due_item_once_and_is_safe_to_run_twice(
    client, staff_user, monkeypatch
):
    later = timezone.now() + dt.timedelta(minutes=5)
    item = services.news_create(user=staff_user, data=_data("Заказана вест", published_at=later))
    services.news_publish(user=staff_user, item=item.item)
    assert "Заказана вест" not in client.get("/news/").content.decode()  # cached without it
    assert tasks.announce_due_news() == 0  # not yet due
    bumps = []
    from pzss.lib import public_cache

    real_bump = public_cache.bump
    monkeypatch.setattr(public_cache, "bump", lambda: bumps.append(1) or real_bump())
    # Its time comes.
    NewsItem.objects.filter(pk=item.item.pk).update(published_at=timezone.now())
    assert tasks.announce_due_news() == 1
    assert tasks.announce_due_news() == 0
    assert bumps == [1]  # the second run refreshed nothing
    assert NewsItem.objects.get(pk=item.item.pk).public_since is not None
    assert "Заказана вест" in client.get("/news/").content.decode()


def test_the_beat_schedule_runs_the_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["news-announcement"]
    assert entry["task"] == "outreach.tasks.announce_due_news"
    assert entry["schedule"] <= 60


# --- query counts ------------------------------------------------------------------------


def _queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", ["/news/", "/", "/feeds/news.atom"])
def test_public_news_pages_make_as_many_queries_for_5_items_as_for_25(client, make_news, url):
    for _ in range(5):
        make_news()
    at_5 = _queries(client, url)
    for _ in range(20):
        make_news()
    # /news/: the count and the page; /: events and the latest news; the feed: the items.
    assert _queries(client, url) == at_5
    assert at_5 <= 5


def test_the_staff_news_list_makes_as_many_queries_for_5_items_as_for_25(
    staff_client, make_news, django_assert_max_num_queries
):
    for _ in range(5):
        make_news()
    at_5 = _queries(staff_client, "/staff/outreach/news/")
    for _ in range(20):
        make_news()
    # session, user, groups; the count and the page (with the author joined)
    with django_assert_max_num_queries(at_5):
        assert staff_client.get("/staff/outreach/news/").status_code == 200
