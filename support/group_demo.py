"""The standing groups' year, the case conferences and the project „Инклузивна
заједница“ for the demo: this year each of the four supervisors' groups has a round
table held on „Извештавање супервизора“ (with who of its members came) and one planned,
each lawyers' group one planned, the closing forum of all supervisors planned in
December; three case conferences; the Interreg-IPA project with the Novi Sad
humanitarian centre and three activities. Made through the services; running it again
changes nothing (what exists is left as it is)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from pzss.core.models import (
    ActivityKind,
    Institution,
    InstitutionKind,
    Municipality,
    StandingGroup,
)
from pzss.core.services.people import person_get_or_create
from pzss.lib.roles import STAFF
from support import case_services, group_services, project_services, services
from support.models import CaseConference, GroupMeeting, Project

SUPERVISION_TOPIC = "Извештавање супервизора"
LAWYERS_TOPIC = "Примена Породичног закона у поступцима заштите деце"
FORUM_TOPIC = "Завршна трибина: резултати рада супервизора у години"
PROJECT_NAME = "Инклузивна заједница"
PARTNER_NAME = "Новосадски хуманитарни центар"
DEMO_MEMBERS = [("Милица", "Супервизорка"), ("Ненад", "Супервизор"), ("Зорица", "Саветник")]
CASES = [
    (
        "Процена ризика и план заштите детета на породичном смештају.",
        "Саветница Завода изнела је стандарде процене и предлоге за план услуга.",
        "Договорено поновно разматрање плана за три месеца.",
    ),
    (
        "Избор облика заштите за дете млађег узраста издвојено из породице.",
        "Представник Завода указао је на приоритет породичног смештаја.",
        "",
    ),
    (
        "Сарадња центра и установе за смештај у поступку поновног спајања породице.",
        "",
        "",
    ),
]


def _staff_user():
    User = get_user_model()
    user = (
        User.objects.filter(is_active=True, groups__name=STAFF).order_by("username").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("username").first()
    )
    if user is None:
        user, _ = User.objects.get_or_create(
            username="savetnica", defaults={"first_name": "Јелена", "last_name": "Петровић"}
        )
        user.groups.add(Group.objects.get_or_create(name=STAFF)[0])
    return user


def _members(user, group: StandingGroup) -> list:
    """The group's members; a group without any gets three demo supervisors from its
    institutions (through the group's own service)."""
    members = list(group.members.all())
    if members:
        return members
    institutions = list(group.institutions.order_by("name")[:3])
    for n, (first, last) in enumerate(DEMO_MEMBERS):
        institution = institutions[n % len(institutions)] if institutions else None
        members.append(
            person_get_or_create(
                email=f"demo.{group.pk}.{n}@csr-primer.rs",
                first_name=first,
                last_name=f"{last} {group.number or ''}".strip(),
                institution=institution,
            )
        )
    services.standing_group_update(
        user=user,
        group=group,
        name=group.name,
        description=group.description,
        institutions=list(group.institutions.all()),
        members=members,
    )
    return members


def _groups_year(user, today: dt.date) -> None:
    year = today.year
    planned_day = max(today, dt.date(year, 12, 10))
    supervisors = list(StandingGroup.objects.filter(kind=StandingGroup.Kind.SUPERVISORS))
    for group in supervisors:
        if GroupMeeting.objects.filter(
            groups=group, activity__start_date__year=year, activity__kind=ActivityKind.ROUND_TABLE
        ).exists():
            continue
        members = _members(user, group)
        held_day = min(today, dt.date(year, 2 + 2 * (group.number or 1), 15))
        held = group_services.group_meeting_plan(
            user=user, groups=[group], topic=SUPERVISION_TOPIC, start_date=held_day
        )
        group_services.group_meeting_log_held(
            user=user, meeting=held, attended=members[: max(1, len(members) - 1)]
        )
        group_services.group_meeting_plan(
            user=user,
            groups=[group],
            topic="Супервизија у раду са породицама у кризи",
            start_date=planned_day,
        )
    for group in StandingGroup.objects.filter(kind=StandingGroup.Kind.LAWYERS):
        if not GroupMeeting.objects.filter(groups=group, activity__start_date__year=year).exists():
            group_services.group_meeting_plan(
                user=user, groups=[group], topic=LAWYERS_TOPIC, start_date=planned_day
            )
    if (
        supervisors
        and not GroupMeeting.objects.filter(
            activity__kind=ActivityKind.FORUM, activity__start_date__year=year
        ).exists()
    ):
        group_services.group_meeting_plan(
            user=user,
            groups=supervisors,
            kind=ActivityKind.FORUM,
            topic=FORUM_TOPIC,
            start_date=max(today, dt.date(year, 12, 17)),
            place="Нови Сад",
        )


def _cases(user, today: dt.date) -> None:
    if CaseConference.objects.exists():
        return
    centres = list(Institution.objects.filter(kind=InstitutionKind.CSW).order_by("name")[:3])
    for n, (centre, (question, contribution, outcome)) in enumerate(
        zip(centres, CASES, strict=False)
    ):
        case_services.case_conference_create(
            user=user,
            institution=centre,
            date=today - dt.timedelta(days=30 * (n + 1)),
            question=question,
            contribution=contribution,
            outcome=outcome,
        )


def _project(user, today: dt.date) -> None:
    if Project.objects.filter(name=PROJECT_NAME).exists():
        return
    partner = Institution.objects.filter(name=PARTNER_NAME).first()
    if partner is None:
        partner = Institution.objects.create(
            name=PARTNER_NAME,
            short_name="НСХЦ",
            kind=InstitutionKind.PARTNER,
            municipality=Municipality.objects.filter(name="Нови Сад").first(),
        )
    project = project_services.project_create(
        user=user,
        data={
            "name": PROJECT_NAME,
            "acronym": "INCLUSIVE",
            "funder": "Interreg IPA CBC Hungary–Serbia",
            "lead_partner": PARTNER_NAME,
            "other_partners": "Партнерска организација из Мађарске (Сегедин)",
            "start": dt.date(2019, 9, 1),
            "end": dt.date(2021, 12, 31),
            "role": "Партнер: организација два састанка на теме стратешког планирања; "
            "учешће на састанцима, стручним скуповима и завршној конференцији.",
            "description": "Развој инклузивних услуга у заједници у пограничном подручју.",
            "status": "running",
        },
        partners=[partner],
    )
    held = project_services.project_activity_add(
        user=user,
        project=project,
        data={
            "kind": ActivityKind.WORKING_MEETING,
            "title": "Састанак са партнерима: стратешко планирање услуга",
            "start_date": today - dt.timedelta(days=60),
            "place": "Нови Сад",
        },
    )
    project_services.project_activity_log_held(user=user, project=project, activity=held)
    project_services.project_activity_add(
        user=user,
        project=project,
        data={
            "kind": ActivityKind.WORKING_MEETING,
            "title": "Други састанак са партнерима: праћење планова",
            "start_date": today + dt.timedelta(days=7),
        },
    )
    project_services.project_activity_add(
        user=user,
        project=project,
        data={
            "kind": ActivityKind.CONFERENCE,
            "title": "Завршна конференција пројекта",
            "start_date": today + dt.timedelta(days=14),
        },
    )


@transaction.atomic
def load_groups_demo() -> str:
    user = _staff_user()
    today = timezone.localdate()
    _groups_year(user, today)
    _cases(user, today)
    _project(user, today)
    return (
        f"Standing groups: {GroupMeeting.objects.count()} meetings, "
        f"{CaseConference.objects.count()} case conferences, {Project.objects.count()} projects"
    )
