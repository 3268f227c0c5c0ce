"""Every list page issues the same number of queries for 5 rows as for 50: the joins and
prefetches are done once, never per row. Each bound is commented query by query."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pzss.core.models import ActivityStatus, Area, Institution, RegistrationStatus
from tests.core.soup import soup
from tests.factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# Every page a logged-in user opens starts with these three:
#   1. the session, 2. the user, 3. the user's groups (the role check, cached for the request)
LOGGED_IN = 3


@pytest.fixture
def build(staff_user, django_user_model):
    """n upcoming public activities and n held ones, each with its own responsible person,
    two institutions and registrations: everything a row of any list shows."""

    def _build(n: int) -> None:
        today = timezone.localdate()
        institutions = list(Institution.objects.order_by("id")[:2])
        for i in range(n):
            colleague = django_user_model.objects.create_user(username=f"colleague{n}-{i}")
            upcoming = ActivityFactory(
                area=Area.OUTREACH,
                is_public=True,
                start_date=today + dt.timedelta(days=i + 1),
                municipality=institutions[0].municipality,
            )
            upcoming.responsible.set([staff_user, colleague])
            upcoming.institutions.set(institutions)
            RegistrationFactory(activity=upcoming)
            held = ActivityFactory(
                area=Area.OUTREACH,
                status=ActivityStatus.HELD,
                start_date=today - dt.timedelta(days=i + 1),
            )
            held.responsible.set([colleague])
            RegistrationFactory(activity=held, status=RegistrationStatus.ATTENDED)

    return _build


@pytest.mark.parametrize("rows", [5, 50])
def test_the_activity_list_runs_the_same_queries_for_5_and_50_rows(
    staff_client, build, django_assert_max_num_queries, rows
):
    build(rows)
    # LOGGED_IN, then: 4. the count for the paginator (activities alone, no join),
    # 5. the page of activities (municipality joined), 6. the responsible staff of the
    # page's activities (one prefetch), 7. the participants of the page's rows (one grouped
    # query; one more than when the page's query counted them, because counting in it
    # grouped every matching activity's registrations before the LIMIT),
    # 8. the institutions for the filter
    with django_assert_max_num_queries(LOGGED_IN + 5):
        response = staff_client.get("/staff/activities/")
    assert response.status_code == 200
    assert len(soup(response).select("tbody tr")) == min(rows * 2, 25)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_dashboard_runs_the_same_queries_for_5_and_50_rows(
    staff_client, build, django_assert_max_num_queries, rows
):
    build(rows)
    # LOGGED_IN, then: 4. my upcoming activities, 5. the eight recently held, 6. who came to
    # those eight (one grouped query, one more than counting in 5, which grouped every held
    # activity before the LIMIT), 7. this year's counts by area (one grouped query), 8. the
    # programme revisions waiting for the director (the programme's dashboard panel, one
    # query whatever their number), 9. the realisation reports waiting for her (the same
    # panel, one query), 10. the data sets with reports due or missing (area III's panel:
    # one query, and the completeness grid's three for each data set it names — none here),
    # 11. the open studies the reader leads or works on (the research register's panel),
    # 12. the submissions waiting for review (area III's review panel, one count),
    # 13. the reader's training programmes whose accreditation ends soon (area II's panel),
    # 14. the reader's students in practice with their hours (area II's practice panel),
    # 15. the reader's overdue and soon-due support requests (area I, one query),
    # 16. the overdue recommendations of the visits the reader leads (area I)
    with django_assert_max_num_queries(LOGGED_IN + 13):
        response = staff_client.get("/staff/")
    assert response.status_code == 200
    assert len(response.context["dash"].upcoming) == min(rows, 10)
    assert len(response.context["dash"].recently_held) == min(rows, 8)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_public_event_list_runs_the_same_queries_for_5_and_50_rows(
    client, build, django_assert_max_num_queries, rows
):
    build(rows)
    # Anonymous: 1. the count for the paginator, 2. the page of events (municipality joined)
    with django_assert_max_num_queries(2):
        response = client.get("/events/")
    assert response.status_code == 200
    assert len(soup(response).select(".list-group-item")) == min(rows, 20)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_public_home_page_runs_the_same_queries_for_5_and_50_rows(
    client, build, django_assert_max_num_queries, rows
):
    build(rows)
    # Anonymous: 1. the programme in force, 2. the next six public events, 3. the latest
    # three news items, 4. the latest three publications
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    "url", ["/staff/support/", "/staff/training/", "/staff/research/", "/staff/outreach/"]
)
def test_the_area_overviews_run_the_same_queries_for_5_and_50_rows(
    staff_client, build, django_assert_max_num_queries, rows, url
):
    build(rows)
    # LOGGED_IN, then: 4. this year's activities of the area by kind (one grouped query),
    # 5. the next ten activities of the area
    with django_assert_max_num_queries(LOGGED_IN + 2):
        response = staff_client.get(url)
    assert response.status_code == 200


def _queries_of(staff_client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert staff_client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_activity_list_paginator_counts_activities_without_joining_registrations(
    staff_client, build
):
    build(30)
    counts = [sql for sql in _queries_of(staff_client, "/staff/activities/") if "COUNT(" in sql]
    paginator_count = [sql for sql in counts if "core_registration" not in sql]
    assert paginator_count, counts  # the paginator's own COUNT, over activities alone
    assert all("GROUP BY" not in sql for sql in paginator_count)


def test_the_activity_list_counts_participants_only_for_the_rows_of_its_page(staff_client, build):
    build(30)  # 60 activities: the first page shows 25
    queries = _queries_of(staff_client, "/staff/activities/")
    page = [sql for sql in queries if "LIMIT 25" in sql]
    assert len(page) == 1 and "core_registration" not in page[0], page
    per_page = [sql for sql in queries if "core_registration" in sql]
    assert len(per_page) == 1 and "IN (" in per_page[0], per_page
    assert "LIMIT" not in per_page[0]


def test_the_dashboard_counts_participants_only_for_the_recently_held_it_shows(staff_client, build):
    build(30)
    queries = _queries_of(staff_client, "/staff/")
    recent = [sql for sql in queries if "LIMIT 8" in sql]
    assert len(recent) == 1 and "core_registration" not in recent[0], recent
    per_row = [sql for sql in queries if "core_registration" in sql]
    assert len(per_row) == 1 and "IN (" in per_row[0], per_row


def test_the_activity_list_and_dashboard_show_the_participants_of_each_row(
    staff_client, staff_user
):
    held = ActivityFactory(status=ActivityStatus.HELD, start_date=timezone.localdate())
    for status in [RegistrationStatus.ATTENDED, RegistrationStatus.ATTENDED]:
        RegistrationFactory(activity=held, status=status)
    RegistrationFactory(activity=held, status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(activity=held, status=RegistrationStatus.CANCELLED)
    empty = ActivityFactory(status=ActivityStatus.HELD, start_date=timezone.localdate())
    listed = {a.pk: a for a in staff_client.get("/staff/activities/").context["page_obj"]}
    # Both count participants as the one definition says (confirmed, pending, attended).
    assert listed[held.pk].participant_count == 3
    assert listed[empty.pk].participant_count == 0
    recent = {a.pk: a for a in staff_client.get("/staff/").context["dash"].recently_held}
    assert recent[held.pk].participant_count == 3
    assert recent[empty.pk].participant_count == 0
