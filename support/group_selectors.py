"""Reads of the standing groups' year, the case conferences and the projects (staff
only; a non-staff user reads nothing)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Person,
    Registration,
    RegistrationStatus,
    StandingGroup,
)
from pzss.lib.roles import is_staff_member
from support import selectors
from support.models import CaseConference, GroupMeeting, Project

# The grid's marks: came, did not come, not recorded (the meeting is not held yet, or
# the person was not on it).
ATTENDED, ABSENT, UNKNOWN = "✓", "✗", "–"
OPEN = (ActivityStatus.PLANNED, ActivityStatus.SCHEDULED)


def standing_groups_with_meetings(*, user, year: int) -> QuerySet[StandingGroup]:
    """The groups' list with each group's meetings of `year`, held and planned, counted
    in the one query."""
    in_year = Q(meetings__activity__start_date__year=year)
    return selectors.standing_groups(user=user).annotate(
        meetings_held=Count(
            "meetings",
            filter=in_year & Q(meetings__activity__status=ActivityStatus.HELD),
            distinct=True,
        ),
        meetings_planned=Count(
            "meetings",
            filter=in_year & Q(meetings__activity__status__in=OPEN),
            distinct=True,
        ),
    )


@dataclass
class GroupYear:
    group: StandingGroup
    year: int
    meetings: list[GroupMeeting]
    members: list[Person]
    # One row per member: (person, [mark per meeting]).
    grid: list[tuple[Person, list[str]]] = field(default_factory=list)

    @property
    def held(self) -> list[GroupMeeting]:
        return [m for m in self.meetings if m.activity.status == ActivityStatus.HELD]

    @property
    def planned(self) -> list[GroupMeeting]:
        return [m for m in self.meetings if m.activity.status in OPEN]

    @property
    def topics(self) -> list[str]:
        return list(dict.fromkeys(m.topic for m in self.meetings))

    @property
    def forums(self) -> list[GroupMeeting]:
        return [m for m in self.meetings if m.activity.kind == ActivityKind.FORUM]


def group_year(*, user, pk: int, year: int) -> GroupYear:
    """A group's year: its meetings (round tables and forums) by date, its members, and
    who of them came to which held meeting. A fixed number of queries."""
    group = selectors.standing_group(user=user, pk=pk)
    meetings = list(
        GroupMeeting.objects.filter(groups=group, activity__start_date__year=year)
        .select_related("activity")
        .order_by("activity__start_date", "pk")
    )
    members = sorted(group.members.all(), key=lambda p: (p.last_name, p.first_name, p.pk))
    marks = {
        (r["activity_id"], r["person_id"]): r["status"]
        for r in Registration.objects.filter(
            activity__in=[m.activity_id for m in meetings],
            status__in=(RegistrationStatus.ATTENDED, RegistrationStatus.ABSENT),
        ).values("activity_id", "person_id", "status")
    }
    symbol = {RegistrationStatus.ATTENDED: ATTENDED, RegistrationStatus.ABSENT: ABSENT}
    grid = [
        (p, [symbol.get(marks.get((m.activity_id, p.pk)), UNKNOWN) for m in meetings])
        for p in members
    ]
    return GroupYear(group=group, year=year, meetings=meetings, members=members, grid=grid)


def group_meeting(*, user, pk: int) -> GroupMeeting:
    if not is_staff_member(user):
        raise GroupMeeting.DoesNotExist
    return GroupMeeting.objects.select_related("activity").get(pk=pk)


def case_conferences(*, user) -> QuerySet[CaseConference]:
    if not is_staff_member(user):
        return CaseConference.objects.none()
    return CaseConference.objects.select_related("activity", "institution")


def case_conference(*, user, pk: int) -> CaseConference:
    return case_conferences(user=user).get(pk=pk)


def projects(*, user) -> QuerySet[Project]:
    if not is_staff_member(user):
        return Project.objects.none()
    return Project.objects.annotate(
        activity_count=Count("activities", distinct=True),
        held_count=Count(
            "activities", filter=Q(activities__status=ActivityStatus.HELD), distinct=True
        ),
    ).prefetch_related("partners")


def project(*, user, pk: int) -> Project:
    return (
        projects(user=user)
        .prefetch_related(
            Prefetch("activities", queryset=Activity.objects.order_by("start_date", "pk"))
        )
        .get(pk=pk)
    )
