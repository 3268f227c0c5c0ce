"""The standing groups' year (`support.group_services`): a round table is one group's
area I activity with its topic; a forum is one activity of several groups; logging a
meeting held marks each member attended or absent and counts it towards goal „1.“."""

import pytest
from django.core.exceptions import ValidationError

from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import (
    Activity,
    ActivityKind,
    Area,
    Person,
    Registration,
    StandingGroup,
)
from pzss.events.models import EventSignup
from support import group_selectors
from support.group_services import group_meeting_log_held, group_meeting_plan
from tests.programme.builders import make_revision
from tests.support.group_builders import YEAR, day, group_with_members

pytestmark = pytest.mark.django_db
VALID_JMBG = "0101990800015"


def test_a_round_table_is_the_groups_area_i_activity_with_its_topic(staff_user):
    group, _ = group_with_members()
    meeting = group_meeting_plan(
        user=staff_user, groups=[group], topic="Извештавање супервизора", start_date=day(3)
    )
    activity = meeting.activity
    assert activity.area == Area.SUPPORT
    assert activity.kind == ActivityKind.ROUND_TABLE
    assert activity.status == "planned"
    assert activity.standing_group == group
    assert "Извештавање супервизора" in activity.title
    assert set(activity.institutions.all()) == set(group.institutions.all())
    assert list(meeting.groups.all()) == [group]
    signup = EventSignup.objects.get(activity=activity)
    assert signup.admission == "groups"
    assert list(signup.admitted_groups.all()) == [group]


def test_a_round_table_is_for_one_group_and_needs_a_topic(staff_user):
    g1, _ = group_with_members(1)
    g2, _ = group_with_members(2)
    with pytest.raises(ValidationError) as exc:
        group_meeting_plan(user=staff_user, groups=[g1, g2], topic="Т", start_date=day(3))
    assert "one group" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        group_meeting_plan(user=staff_user, groups=[g1], topic="  ", start_date=day(3))
    assert "topic" in exc.value.message_dict
    assert not Activity.objects.exists()


def test_a_topic_with_a_jmbg_is_refused(staff_user):
    group, _ = group_with_members()
    with pytest.raises(ValidationError) as exc:
        group_meeting_plan(
            user=staff_user, groups=[group], topic=f"Случај {VALID_JMBG}", start_date=day(3)
        )
    assert "JMBG" in str(exc.value)
    assert not Activity.objects.exists()


def test_the_closing_forum_is_one_activity_for_all_supervisors_groups(staff_user):
    groups = list(StandingGroup.objects.filter(kind=StandingGroup.Kind.SUPERVISORS))
    assert len(groups) == 4
    forum = group_meeting_plan(
        user=staff_user,
        groups=groups,
        kind=ActivityKind.FORUM,
        topic="Завршна трибина",
        start_date=day(12, 15),
    )
    assert forum.activity.kind == ActivityKind.FORUM
    assert forum.activity.standing_group is None
    assert set(forum.groups.all()) == set(groups)
    assert set(EventSignup.objects.get(activity=forum.activity).admitted_groups.all()) == set(
        groups
    )
    for group in groups:
        year = group_selectors.group_year(user=staff_user, pk=group.pk, year=YEAR)
        assert year.forums == [forum]


def test_logging_held_marks_each_member_attended_or_absent(staff_user):
    group, (a, b, c) = group_with_members()
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=day(3))
    group_meeting_log_held(user=staff_user, meeting=meeting, attended=[a, c])
    statuses = dict(
        Registration.objects.filter(activity=meeting.activity).values_list("person", "status")
    )
    assert statuses == {a.pk: "attended", b.pk: "absent", c.pk: "attended"}
    meeting.activity.refresh_from_db()
    assert meeting.activity.status == "held"
    # Again, with b who came late after all: the marks follow, no second registration.
    meeting = group_meeting_plan(user=staff_user, groups=[group], topic="Т2", start_date=day(4))
    outsider = Person.objects.create(first_name="Други", last_name="Човек", email="o@example.rs")
    with pytest.raises(ValidationError) as exc:
        group_meeting_log_held(user=staff_user, meeting=meeting, attended=[outsider])
    assert "Not a member" in str(exc.value)
    meeting.activity.refresh_from_db()
    assert meeting.activity.status == "planned"
    assert not Registration.objects.filter(activity=meeting.activity).exists()


def test_the_attendance_grid_and_planned_against_held(staff_user):
    group, (a, b, c) = group_with_members()
    first = group_meeting_plan(
        user=staff_user, groups=[group], topic="Извештавање", start_date=day(3)
    )
    second = group_meeting_plan(user=staff_user, groups=[group], topic="Друга", start_date=day(11))
    group_meeting_log_held(user=staff_user, meeting=first, attended=[a, b])
    year = group_selectors.group_year(user=staff_user, pk=group.pk, year=YEAR)
    assert year.meetings == [first, second]
    assert year.held == [first]
    assert year.planned == [second]
    assert year.topics == ["Извештавање", "Друга"]
    grid = {person.pk: marks for person, marks in year.grid}
    assert grid == {a.pk: ["✓", "–"], b.pk: ["✓", "–"], c.pk: ["✗", "–"]}
    # Another year shows none of it.
    assert group_selectors.group_year(user=staff_user, pk=group.pk, year=YEAR - 1).meetings == []


def test_a_held_round_table_realises_goal_1_and_a_planned_one_does_not(staff_user):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.SUPPORT)
    goal.number = "1."
    goal.save(update_fields=["number"])
    tables, other = Target.objects.filter(goal=goal).order_by("order")
    Target.objects.filter(pk=tables.pk).update(kind=ActivityKind.ROUND_TABLE)
    group, (a, _b, _c) = group_with_members()
    held = group_meeting_plan(user=staff_user, groups=[group], topic="Т", start_date=day(3))
    group_meeting_plan(user=staff_user, groups=[group], topic="План", start_date=day(11))
    assert not tables.activities.exists()
    group_meeting_log_held(user=staff_user, meeting=held, attended=[a])
    assert list(tables.activities.all()) == [held.activity]
    assert not other.activities.exists()


def test_a_non_staff_user_reads_no_group_year(plain_user):
    group, _ = group_with_members()
    with pytest.raises(StandingGroup.DoesNotExist):
        group_selectors.group_year(user=plain_user, pk=group.pk, year=YEAR)
