"""An area app's own record (a period's accepted figures, a published report) counts
towards the programme through the core's `activity_realises`: the programme links the
held activity to the targets of the named goal of its area in its year's programme in
force, and to nothing else."""

import datetime as dt

import pytest

from programme.models import Goal, RevisionStatus, Target
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area, StandingGroup
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030


def _report(year=YEAR, kind=ActivityKind.REPORT):
    return Activity.objects.create(
        area=Area.RESEARCH,
        kind=kind,
        title="Месечни статистички извештај",
        start_date=dt.date(year, 3, 5),
        status=ActivityStatus.HELD,
    )


@pytest.fixture
def revision():
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, goals_per_area=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.RESEARCH, number="2.")
    goal.number = "2.4"
    goal.save(update_fields=["number"])
    Target.objects.filter(goal=goal).update(kind=ActivityKind.REPORT, unit="reports")
    return revision


def test_the_activity_counts_towards_the_goals_target_of_its_area(revision, staff_user):
    activity = _report()
    assert activity_realises(user=staff_user, activity=activity, goal="2.4.") == 1
    target = Target.objects.get(goal__number="2.4", goal__section__revision=revision)
    assert list(target.activities.all()) == [activity]
    # Asked again (a report published twice, a second acceptance), nothing changes.
    assert activity_realises(user=staff_user, activity=activity, goal="2.4") == 0
    assert target.activities.count() == 1


def test_no_programme_for_the_year_or_no_such_goal_links_nothing(revision, staff_user):
    assert activity_realises(user=staff_user, activity=_report(year=YEAR + 1), goal="2.4") == 0
    assert activity_realises(user=staff_user, activity=_report(), goal="3.1") == 0
    assert not Target.objects.filter(activities__isnull=False).exists()


def test_of_several_targets_of_a_goal_those_of_the_activitys_kind_count(staff_user):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.RESEARCH)
    first, second = Target.objects.filter(goal=goal).order_by("order")
    first.kind = ActivityKind.REPORT
    first.save(update_fields=["kind"])
    assert activity_realises(user=staff_user, activity=_report(), goal="1.") == 1
    assert first.activities.count() == 1 and second.activities.count() == 0


def test_a_groups_round_table_counts_for_the_target_that_names_its_kind_of_group(staff_user):
    # The 2021 programme's goal 1. has two round-table targets: the supervisors' groups'
    # and the lawyers'. A supervisors' group's round table counts for the first alone.
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.SUPPORT)
    supervisors, lawyers = Target.objects.filter(goal=goal).order_by("order")
    supervisors.description = "округле столове за све четири групе супервизора"
    lawyers.description = "округлих столова за 4 групе правника из 43 центра"
    for target in (supervisors, lawyers):
        target.kind = ActivityKind.ROUND_TABLE
        target.save(update_fields=["kind", "description"])
    group = StandingGroup.objects.create(name="Група супервизора 9", kind="supervisors")
    meeting = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Извештавање супервизора",
        start_date=dt.date(YEAR, 4, 2),
        status=ActivityStatus.HELD,
        standing_group=group,
    )
    assert activity_realises(user=staff_user, activity=meeting, goal="1.") == 1
    assert list(supervisors.activities.all()) == [meeting]
    assert lawyers.activities.count() == 0
