"""Writes of the standing groups' year: plan a round table of a group or a forum of
several groups (an area I activity through the core's activity service), log it held
with who of the members came — which counts it towards the programme's goal „1.“ —
and nothing else. The activity's other edits stay with the core's pages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import activity_realises
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Person,
    Registration,
    RegistrationStatus,
    StandingGroup,
)
from pzss.core.services.activities import activity_create, activity_log_held
from pzss.events.models import Admission
from pzss.events.services.signup import signup_configure
from pzss.lib.personal_data import refuse_jmbg
from support.models import GroupMeeting

# The programme's goal a held meeting of the groups realises (I.1: support of the
# centres' supervisors and lawyers).
GROUP_GOAL = "1."
MEETING_KINDS = (ActivityKind.ROUND_TABLE, ActivityKind.FORUM)


@transaction.atomic
def group_meeting_plan(
    *,
    user,
    groups: list[StandingGroup],
    topic: str,
    start_date: datetime.date,
    kind: str = ActivityKind.ROUND_TABLE,
    title: str = "",
    place: str = "",
) -> GroupMeeting:
    """A planned round table of one group (its `standing_group` set) or a forum of
    several groups at once; its event sign-up admits only the groups' members."""
    topic = topic.strip()
    if not topic:
        raise ValidationError({"topic": _("Give the meeting's topic.")})
    refuse_jmbg(topic)
    if kind not in MEETING_KINDS:
        raise ValidationError({"kind": _("A group meets in a round table or a forum.")})
    groups = list(groups)
    if not groups:
        raise ValidationError({"groups": _("Choose the group or groups that meet.")})
    if kind == ActivityKind.ROUND_TABLE and len(groups) != 1:
        raise ValidationError({"groups": _("A round table is for one group.")})
    if not title:
        title = f"{ActivityKind(kind).label}: {topic}"
        if len(groups) == 1:
            title = f"{title} ({groups[0].name})"
    institutions = {i.pk: i for g in groups for i in g.institutions.all()}
    activity = activity_create(
        user=user,
        data={
            "area": Area.SUPPORT,
            "kind": kind,
            "title": title[:300],
            "start_date": start_date,
            "place": place,
            "status": ActivityStatus.PLANNED,
            "standing_group": groups[0] if len(groups) == 1 else None,
        },
        institutions=list(institutions.values()),
    )
    meeting = GroupMeeting(activity=activity, topic=topic)
    meeting.full_clean()
    meeting.save()
    meeting.groups.set(groups)
    # The event's sign-up admits only the members of the meeting's groups.
    signup_configure(
        user=user,
        activity=activity,
        capacity=None,
        options={"admission": Admission.GROUPS},
        groups=groups,
        questions=[],
    )
    audit_log(
        actor=user,
        action="group_meeting_plan",
        obj=meeting,
        changes={"topic": [None, topic], "groups": [None, ", ".join(g.name for g in groups)]},
    )
    return meeting


def meeting_members(meeting: GroupMeeting) -> list[Person]:
    return list(
        Person.objects.filter(standing_groups__meetings=meeting)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def group_meeting_log_held(
    *, user, meeting: GroupMeeting, attended: list[Person], data: dict | None = None
) -> GroupMeeting:
    """The meeting took place: the activity is logged held (the core's service), each
    member of its groups is marked attended or absent, and the meeting counts towards
    the programme's goal „1.“."""
    meeting = GroupMeeting.objects.select_for_update().get(pk=meeting.pk)
    members = {p.pk: p for p in meeting_members(meeting)}
    strangers = [p for p in attended if p.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "attended": _("Not a member of the meeting's groups: %(names)s.")
                % {"names": ", ".join(p.full_name for p in strangers)}
            }
        )
    activity = activity_log_held(user=user, activity=meeting.activity, data=data or {})
    came = {p.pk for p in attended}
    for person in members.values():
        status = RegistrationStatus.ATTENDED if person.pk in came else RegistrationStatus.ABSENT
        Registration.objects.update_or_create(
            activity=activity,
            person=person,
            defaults={"status": status, "institution": person.institution},
        )
    audit_log(
        actor=user,
        action="group_meeting_held",
        obj=meeting,
        changes={"attended": [None, len(came)], "members": [None, len(members)]},
    )
    activity_realises(user=user, activity=activity, goal=GROUP_GOAL)
    meeting.activity = Activity.objects.get(pk=activity.pk)
    return meeting
