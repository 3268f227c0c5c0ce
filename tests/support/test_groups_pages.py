"""The groups' pages: the list with each group's meetings this year, a group's year with
its attendance grid and the year switch, planning a meeting and logging it held — and
their query counts."""

import datetime as dt

import pytest
from django.utils import timezone

from pzss.core.models import ActivityKind, StandingGroup
from support.group_services import group_meeting_log_held, group_meeting_plan
from support.models import GroupMeeting
from tests.support.group_builders import YEAR, day, group_with_members

pytestmark = pytest.mark.django_db
VALID_JMBG = "0101990800015"


def _year_url(group, year=YEAR):
    return f"/staff/support/groups/{group.pk}/year/?year={year}"


def test_the_year_page_shows_planned_and_held_meetings_and_the_grid(staff_client, staff_user):
    group, (a, b, c) = group_with_members()
    held = group_meeting_plan(
        user=staff_user, groups=[group], topic="Извештавање супервизора", start_date=day(3)
    )
    group_meeting_plan(user=staff_user, groups=[group], topic="Друга тема", start_date=day(11))
    group_meeting_log_held(user=staff_user, meeting=held, attended=[a])
    from tests.events.conftest import soup

    page = soup(staff_client.get(_year_url(group)))
    assert page.select_one("[data-held]").text == "1"
    assert page.select_one("[data-planned]").text == "1"
    rows = {
        tr.th.text: [td.text for td in tr.find_all("td")]
        for tr in page.select("#attendance tbody tr")
    }
    assert len(rows) == 3
    assert sorted(rows.values()) == [["✓", "–"], ["✗", "–"], ["✗", "–"]]
    assert "Izveštavanje supervizora" in page.text  # Latin for English readers
    other_year = soup(staff_client.get(_year_url(group, YEAR - 1)))
    assert other_year.select_one("[data-held]").text == "0"


def test_planning_a_round_table_and_the_closing_forum_from_the_page(staff_client):
    group, _ = group_with_members()
    url = f"/staff/support/groups/{group.pk}/year/"
    date = f"{YEAR}-05-10"
    response = staff_client.post(url, {"topic": "Извештавање супервизора", "start_date": date})
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert meeting.activity.standing_group == group
    response = staff_client.post(
        url, {"topic": "Завршна трибина", "start_date": f"{YEAR}-12-15", "forum": "1"}
    )
    assert response.status_code == 302
    forum = GroupMeeting.objects.get(activity__kind=ActivityKind.FORUM)
    assert forum.groups.count() == StandingGroup.objects.filter(kind=group.kind).count() == 4


def test_a_topic_with_a_jmbg_is_refused_on_the_page(staff_client):
    group, _ = group_with_members()
    response = staff_client.post(
        f"/staff/support/groups/{group.pk}/year/",
        {"topic": f"Дете {VALID_JMBG}", "start_date": f"{YEAR}-05-10"},
    )
    assert response.status_code == 400
    assert "JMBG" in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_logging_a_meeting_held_from_the_page(staff_client, staff_user):
    group, (a, b, _c) = group_with_members()
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=day(3))
    url = f"/staff/support/groups/meetings/{meeting.pk}/held/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"attended": [a.pk, b.pk]})
    assert response.status_code == 302
    meeting.activity.refresh_from_db()
    assert meeting.activity.status == "held"
    assert meeting.activity.registrations.filter(status="attended").count() == 2


def test_a_meeting_in_the_future_cannot_be_logged_held(staff_client, staff_user):
    group, (a, _b, _c) = group_with_members()
    later = timezone.localdate() + dt.timedelta(days=10)
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=later)
    response = staff_client.post(
        f"/staff/support/groups/meetings/{meeting.pk}/held/", {"attended": [a.pk]}
    )
    assert response.status_code == 400
    assert "future" in response.content.decode()


def test_the_group_list_shows_this_years_meetings_in_few_queries(
    staff_client, staff_user, django_assert_max_num_queries
):
    this_year = timezone.localdate().replace(month=1, day=2)
    group, (a, _b, _c) = group_with_members()
    held = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=this_year)
    group_meeting_log_held(user=staff_user, meeting=held, attended=[a])
    group_meeting_plan(user=staff_user, groups=[group], topic="П", start_date=this_year)
    with django_assert_max_num_queries(6) as few:
        page = staff_client.get("/staff/support/groups/")
    assert f'href="/staff/support/groups/{group.pk}/year/">1 / 1<' in page.content.decode()
    for other in StandingGroup.objects.exclude(pk=group.pk):
        group_meeting_plan(user=staff_user, groups=[other], topic="П", start_date=this_year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get("/staff/support/groups/")


def test_the_year_page_costs_the_same_for_more_meetings_and_members(
    staff_client, staff_user, django_assert_max_num_queries
):
    group, members = group_with_members()
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=day(3))
    group_meeting_log_held(user=staff_user, meeting=meeting, attended=members[:1])
    with django_assert_max_num_queries(12) as few:
        staff_client.get(_year_url(group))
    for month in range(4, 10):
        m = group_meeting_plan(
            user=staff_user, groups=[group], topic=f"Т{month}", start_date=day(month)
        )
        group_meeting_log_held(user=staff_user, meeting=m, attended=members)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(_year_url(group))


def test_the_group_pages_refuse_other_roles(plain_client, staff_user):
    group, _ = group_with_members()
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=day(3))
    for url in (
        f"/staff/support/groups/{group.pk}/year/",
        f"/staff/support/groups/meetings/{meeting.pk}/held/",
    ):
        assert plain_client.get(url).status_code == 403
        assert plain_client.post(url, {}).status_code == 403
