"""The public search at /search/: news, publications (their files' text too), public
events and the published programme, found by a query in either script, ranked, a page
at a time, each result's matching passage marked in the reader's script.

These run on both databases: SQLite's fallback finds what the query says as typed and
in the other script; tests/search/test_postgresql.py adds what only PostgreSQL does
(no diacritics, prefixes, ranking, the indexes)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from outreach import services as news_services
from outreach.library import services as library_services
from outreach.models import NewsStatus, PublicationFile
from pzss.search import selectors
from pzss.search.models import SearchEntry
from tests.core.soup import soup
from tests.factories import ActivityFactory
from tests.outreach.conftest import make_publication

pytestmark = pytest.mark.django_db


def _results(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    page = soup(response)
    return [a.get_text(" ", strip=True) for a in page.select(".search-result h2 a")], page


def _titles(client, q, **params):
    return _results(client, q, **params)[0]


# --- what is found ---------------------------------------------------------------------


def test_a_latin_query_finds_a_cyrillic_news_item_and_shows_it_in_the_readers_script(
    client, english, make_news, committed
):
    with committed():
        make_news("Округли сто о извештају", lead="Супервизори су расправљали о извештају.")
        make_news("Обука за саветнике")
    titles, page = _results(english, "izveštaj")
    assert titles == ["Okrugli sto o izveštaju"]
    passage = page.select_one(".search-passage")
    assert [m.get_text() for m in passage.select("mark")] == ["izveštaju"]
    assert passage["lang"] == "sr-Latn"


def test_a_cyrillic_reader_sees_the_passage_marked_in_cyrillic(client, make_news, committed):
    with committed():
        make_news("Вест", lead="Објављен је извештај о раду центара.")
    titles, page = _results(client, "izveštaj")
    assert titles == ["Вест"]
    assert [m.get_text() for m in page.select(".search-passage mark")] == ["извештај"]


def test_a_cyrillic_query_finds_latin_text(client, english, committed):
    with committed():
        ActivityFactory(title="Tribina u Subotici", is_public=True)
    assert _titles(english, "трибина") == ["Tribina u Subotici"]


def test_a_publications_file_text_is_found(client, english, committed):
    with committed():
        publication = make_publication(title="Годишњи извештај")
    with committed():
        attached = publication.files.get()
        attached.text = "Анализа хранитељства у Срему."
        attached.save(update_fields=["text"])
    titles, page = _results(english, "hraniteljstv")
    assert titles == ["Godišnji izveštaj"]
    assert [m.get_text() for m in page.select(".search-passage mark")] == ["hraniteljstva"]


def test_a_files_text_read_later_by_the_task_updates_its_entry(client, english, run_jobs):
    """The text is read by a task that writes it with an UPDATE (no save signal)."""

    def add():
        publication = make_publication(
            title="Извештај о супервизији", with_file=False, published=False
        )
        library_services.publication_file_add(
            user=None, publication=publication, upload=_upload("Foster care in Srem district")
        )
        library_services.publication_publish(user=None, publication=publication)

    run_jobs(add)
    assert PublicationFile.objects.get().text_status == "done"
    assert _titles(english, "foster") == ["Izveštaj o superviziji"]


def _upload(text):
    from tests.outreach.conftest import pdf_bytes, upload

    return upload(pdf_bytes(text))


def test_the_published_programme_is_found_by_a_goal_with_its_anchor(client, english, committed):
    from programme.models import Goal, Programme, Revision, RevisionStatus, Section

    with committed():
        programme = Programme.objects.create(year=2031)
        revision = Revision.objects.create(
            programme=programme,
            number=1,
            title="Програм рада за 2031. годину",
            status=RevisionStatus.PUBLISHED,
            adopted_as_signed=True,
        )
        section = Section.objects.create(revision=revision, area=3, title="Истраживања")
        Goal.objects.create(section=section, number="2.1.", title="Извештај о хранитељству")
        # the revision is saved after its tree, as a publication is
        revision.save()
    titles, page = _results(english, "hraniteljstvu")
    assert titles == ["2.1. Izveštaj o hraniteljstvu (2031)"]
    link = page.select_one(".search-result h2 a")["href"]
    assert link == "/programme/2031/#goal-3-2-1"


# --- what is never found ---------------------------------------------------------------


def test_drafts_internal_events_withdrawn_and_unpublished_are_never_found(
    client, english, make_news, committed
):
    from programme.models import Programme, Revision, RevisionStatus

    with committed():
        make_news("Нацрт извештаја", status=NewsStatus.DRAFT)
        ActivityFactory(title="Интерни извештај", is_public=False)
        make_publication(title="Необјављен извештај", published=False)
        Revision.objects.create(
            programme=Programme.objects.create(year=2032),
            number=1,
            title="Програм извештаја у нацрту",
            status=RevisionStatus.DRAFT,
        )
    assert SearchEntry.objects.count() == 0
    assert _titles(english, "izveštaj") == []


def test_publishing_shows_at_once_and_unpublishing_removes_at_once(
    client, english, make_news, staff_user, committed
):
    with committed():
        item = make_news("Извештај са трибине", status=NewsStatus.DRAFT)
    assert _titles(english, "izveštaj") == []  # the page is cached now
    with committed():
        news_services.news_publish(user=staff_user, item=item)
    assert _titles(english, "izveštaj") == ["Izveštaj sa tribine"]
    with committed():
        news_services.news_unpublish(user=staff_user, item=item)
    assert _titles(english, "izveštaj") == []


def test_withdrawing_a_publication_removes_it_at_once(client, english, committed):
    with committed():
        publication = make_publication(title="Извештај о раду")
    assert _titles(english, "izveštaj") == ["Izveštaj o radu"]
    with committed():
        library_services.publication_withdraw(user=None, publication=publication)
    assert _titles(english, "izveštaj") == []


def test_an_event_made_internal_leaves_the_results(client, english, committed):
    with committed():
        activity = ActivityFactory(title="Трибина о извештају", is_public=True)
    assert _titles(english, "tribina") == ["Tribina o izveštaju"]
    with committed():
        activity.is_public = False
        activity.save(update_fields=["is_public"])
    assert _titles(english, "tribina") == []


def test_a_scheduled_news_item_is_found_only_from_its_time(client, english, make_news, committed):
    later = timezone.now() + dt.timedelta(hours=2)
    with committed():
        make_news("Најава извештаја", published_at=later)
    assert _titles(english, "izveštaj") == []
    found = selectors.matching("izveštaj", now=later + dt.timedelta(minutes=1))
    assert [e.title for e in found] == ["Најава извештаја"]


def test_a_deleted_event_leaves_the_index(committed):
    with committed():
        activity = ActivityFactory(title="Трибина", is_public=True)
    assert SearchEntry.objects.filter(kind="event").count() == 1
    with committed():
        activity.delete()
    assert SearchEntry.objects.count() == 0


# --- the page ----------------------------------------------------------------------------


def test_script_in_content_stays_escaped(client, english, make_news, committed):
    with committed():
        make_news(
            "<script>alert(1)</script> извештај", lead="<img src=x onerror=alert(1)> извештај"
        )
    response = english.get("/search/", {"q": "izveštaj"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_query_itself_is_escaped(client, english):
    response = english.get("/search/", {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_kind_filter_stays_in_the_url_with_counts(client, english, make_news, committed):
    with committed():
        make_news("Извештај један")
        make_news("Извештај два")
        ActivityFactory(title="Извештај на трибини", is_public=True)
    titles, page = _results(english, "izveštaj", kind="event")
    assert titles == ["Izveštaj na tribini"]
    pills = {
        a.get_text(" ", strip=True): a["href"] for a in page.select(".search-kinds a.nav-link")
    }
    assert pills["All 3"] == "?q=izve%C5%A1taj"
    assert pills["News 2"] == "?q=izve%C5%A1taj&kind=news"
    assert pills["Events 1"] == "?q=izve%C5%A1taj&kind=event"
    assert page.select_one(".search-kinds a.active").get_text(" ", strip=True) == "Events 1"
    # the tabs in their order; each result's badge names one thing
    assert [
        a.get_text(" ", strip=True).rsplit(" ", 1)[0] for a in page.select(".search-kinds a")
    ] == [
        "All",
        "News",
        "Publications",
        "Events",
        "Work programme",
    ]
    assert page.select_one(".search-result .search-kind").get_text() == "Event"
    assert page.select_one("#search-q")["value"] == "izveštaj"
    assert page.select_one("input[name=kind]")["value"] == "event"
    # an unknown kind is all kinds
    assert len(_titles(english, "izveštaj", kind="nonsense")) == 3


def test_results_come_a_page_at_a_time_with_the_total(client, english, committed):
    with committed():
        for n in range(25):
            ActivityFactory(
                title=f"Трибина {n:02d}",  # one length: one rank on PostgreSQL
                is_public=True,
                start_date=timezone.localdate() + dt.timedelta(days=n),
            )
    titles, page = _results(english, "tribina")
    assert len(titles) == 20
    assert titles[0] == "Tribina 24"  # equally good: the newest first
    assert "1–20 of 25" in page.get_text(" ")
    titles, page = _results(english, "tribina", page=2)
    assert titles == [f"Tribina {n:02d}" for n in range(4, -1, -1)]
    assert "21–25 of 25" in page.get_text(" ")


def test_a_query_over_the_limit_is_refused_with_a_message(
    client, english, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = english.get("/search/", {"q": "а" * 101})
    page = soup(response)
    assert "too long" in page.select_one(".alert-warning").get_text()
    assert not page.select(".search-result")


def test_an_empty_query_shows_the_form_and_a_hint(client, english, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = english.get("/search/")
    page = soup(response)
    assert page.select_one("form.search-form #search-q") is not None
    assert "Write a word or two" in page.get_text()
    assert not page.select(".empty-state")


def test_nothing_found_says_what_to_try(client, english, make_news, committed):
    with committed():
        make_news("Трибина")
    _titles_, page = _results(english, "qwertyuiop")
    assert "Nothing was found for “qwertyuiop”" in page.select_one(".empty-state").get_text()


def test_the_search_page_asks_not_to_be_indexed(client):
    page = soup(client.get("/search/", {"q": "tribina"}))
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")


@pytest.mark.parametrize("rows", [5, 50])
def test_the_results_page_makes_the_same_queries_however_many_match(
    client, english, committed, django_assert_num_queries, rows
):
    with committed():
        for n in range(rows):
            ActivityFactory(title=f"Трибина {n}", is_public=True)
    # The counts of each kind, the page of entries.
    with django_assert_num_queries(2):
        response = english.get("/search/", {"q": "tribina"})
    assert len(soup(response).select(".search-result")) == min(rows, 20)


def test_a_post_is_not_allowed(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/publications/", "/events/", "/programme/", "/search/"]
)
def test_every_public_page_has_the_search_box_in_its_header(client, path):
    page = soup(client.get(path))
    form = page.select_one("header.site-header form[role=search]")
    assert form is not None, path
    assert form["action"] == "/search/"
    field = form.select_one("input[name=q]")
    assert page.select_one(f'label[for="{field["id"]}"]') is not None


# --- the index -----------------------------------------------------------------------------


def test_rebuilding_the_index_is_idempotent_and_removes_what_is_no_longer_public(make_news, capsys):
    make_news("Вест о извештају")  # no commit callbacks: not indexed yet
    hidden = ActivityFactory(title="Трибина", is_public=True)
    call_command("rebuild_search_index")
    first = sorted(SearchEntry.objects.values_list("kind", "key", "title"))
    assert [k for k, _key, _t in first] == ["event", "news"]
    assert "Search index: 2 entries." in capsys.readouterr().out
    call_command("rebuild_search_index")
    assert sorted(SearchEntry.objects.values_list("kind", "key", "title")) == first
    type(hidden).objects.filter(pk=hidden.pk).update(is_public=False)
    call_command("rebuild_search_index")
    assert list(SearchEntry.objects.values_list("kind", flat=True)) == ["news"]


def test_a_rolled_back_change_leaves_the_index_alone(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                ActivityFactory(title="Трибина", is_public=True)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert SearchEntry.objects.count() == 0
