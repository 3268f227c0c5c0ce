"""Every list page issues the same number of queries for 5 rows as for 50: the joins and
prefetches are done once, never per row. Each bound is commented query by query."""

import datetime as dt

import pytest
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
    # LOGGED_IN, then: 4. the count for the paginator, 5. the institutions for the filter,
    # 6. the page of activities (municipality joined, participants counted in SQL),
    # 7. the responsible staff of the page's activities (one prefetch)
    with django_assert_max_num_queries(LOGGED_IN + 4):
        response = staff_client.get("/staff/activities/")
    assert response.status_code == 200
    assert len(soup(response).select("tbody tr")) == min(rows * 2, 25)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_dashboard_runs_the_same_queries_for_5_and_50_rows(
    staff_client, build, django_assert_max_num_queries, rows
):
    build(rows)
    # LOGGED_IN, then: 4. my upcoming activities, 5. recently held with participants counted,
    # 6. this year's counts by area (one grouped query), 7. the programme revisions waiting
    # for the director (the programme's dashboard panel, one query whatever their number)
    with django_assert_max_num_queries(LOGGED_IN + 4):
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
    # Anonymous: 1. the next six public events
    with django_assert_max_num_queries(1):
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
