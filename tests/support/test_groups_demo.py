"""The groups' demo: this year's round tables of every group (the supervisors' one held
on „Извештавање супервизора“ with attendance), the closing forum, three case
conferences, the project „Инклузивна заједница“ with three activities; again, nothing
changes."""

import pytest
from django.utils import timezone

from pzss.core.models import ActivityKind, Registration, StandingGroup
from support.group_demo import SUPERVISION_TOPIC, load_groups_demo
from support.models import CaseConference, GroupMeeting, Project

pytestmark = pytest.mark.django_db


def _counts():
    return (
        GroupMeeting.objects.count(),
        Registration.objects.count(),
        CaseConference.objects.count(),
        Project.objects.count(),
        Project.objects.get().activities.count(),
    )


def test_the_demo_shows_a_year_of_the_groups_and_runs_twice_alike(django_assert_max_num_queries):
    load_groups_demo()
    year = timezone.localdate().year
    for group in StandingGroup.objects.filter(kind=StandingGroup.Kind.SUPERVISORS):
        tables = GroupMeeting.objects.filter(
            groups=group, activity__kind=ActivityKind.ROUND_TABLE, activity__start_date__year=year
        )
        assert tables.count() == 2
        held = tables.get(activity__status="held")
        assert held.topic == SUPERVISION_TOPIC
        assert held.activity.registrations.filter(status="attended").exists()
        assert held.activity.registrations.filter(status="absent").exists()
    for group in StandingGroup.objects.filter(kind=StandingGroup.Kind.LAWYERS):
        assert GroupMeeting.objects.filter(groups=group).count() == 1
    forum = GroupMeeting.objects.get(activity__kind=ActivityKind.FORUM)
    assert forum.activity.start_date.month == 12
    assert forum.groups.count() == 4
    project = Project.objects.get()
    assert project.name == "Инклузивна заједница"
    assert project.partners.filter(name="Новосадски хуманитарни центар").exists()
    assert project.activities.filter(status="held").count() == 1
    before = _counts()
    assert before[2:] == (3, 1, 3)
    # A look per group, no writes.
    with django_assert_max_num_queries(25):
        load_groups_demo()
    assert _counts() == before
