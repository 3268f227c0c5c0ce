"""A demo data set that makes the portal look lived-in on `make run`: accounts for the
three roles, and a few dozen activities of the current year across the four areas."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
    InstitutionKind,
    Person,
    Position,
    Registration,
    RegistrationStatus,
    StandingGroup,
)
from pzss.lib.roles import DIRECTOR, STAFF

DEMO_ACCOUNTS = [
    # username, first, last, role, password
    ("savetnica", "Јелена", "Петровић", STAFF, "savetnica-2026"),
    ("direktorka", "Мирјана", "Станковић", DIRECTOR, "direktorka-2026"),
    ("admin", "Администратор", "Портала", "superuser", "admin-2026"),
]

FIRST_NAMES = [
    "Ана",
    "Марија",
    "Снежана",
    "Драгана",
    "Милица",
    "Ивана",
    "Весна",
    "Гордана",
    "Јована",
    "Ненад",
    "Зоран",
    "Дејан",
    "Горан",
    "Љиљана",
    "Бранка",
    "Ђорђе",
    "Татјана",
    "Жељка",
    "Нада",
    "Чедомир",
]
LAST_NAMES = [
    "Јовановић",
    "Николић",
    "Марковић",
    "Ђорђевић",
    "Стојановић",
    "Илић",
    "Павловић",
    "Милошевић",
    "Тодоровић",
    "Ђурић",
    "Лазић",
    "Костић",
    "Шарић",
    "Вуковић",
    "Бабић",
    "Ковачевић",
    "Поповић",
    "Џакула",
    "Ћирић",
    "Љубисављевић",
]

# (area, kind, title, public)
PLAN = [
    (
        Area.SUPPORT,
        ActivityKind.ROUND_TABLE,
        "Округли сто за супервизоре групе {g}: „Извештавање супервизора“",
        True,
    ),
    (
        Area.SUPPORT,
        ActivityKind.WORKING_VISIT,
        "Радна посета ЦСР {m}: заштита деце на породичном смештају",
        False,
    ),
    (Area.SUPPORT, ActivityKind.ROUND_TABLE, "Округли сто за правнике ЦСР, група {g}", True),
    (
        Area.SUPPORT,
        ActivityKind.DIRECTORS_MEETING,
        "Радни састанак директора домова за децу и младе",
        False,
    ),
    (
        Area.TRAINING,
        ActivityKind.EDUCATION,
        "Едукација „Комуникација у тимском раду“, група {g}",
        True,
    ),
    (Area.TRAINING, ActivityKind.EDUCATION, "Едукација „Мотивација запослених“", True),
    (
        Area.SUPPORT,
        ActivityKind.WORKING_VISIT,
        "Радна посета установи за одрасле и старије у {m}",
        False,
    ),
    (Area.SUPPORT, ActivityKind.CASE_CONFERENCE, "Конференција случаја у ЦСР {m}", False),
    (
        Area.TRAINING,
        ActivityKind.ACCREDITED_TRAINING,
        "Обука „Помоћ у кући за децу са сметњама у развоју“",
        True,
    ),
    (
        Area.TRAINING,
        ActivityKind.ACCREDITED_TRAINING,
        "Обука „Покретање услуге предаха за децу са сметњама у развоју и њихове породице“",
        True,
    ),
    (
        Area.TRAINING,
        ActivityKind.ACCREDITED_TRAINING,
        "Обука „Препознавање и уважавање различитости – ККП“",
        True,
    ),
    (
        Area.TRAINING,
        ActivityKind.STUDENT_PRACTICE,
        "Стручна пракса студената социјалног рада",
        False,
    ),
    (
        Area.RESEARCH,
        ActivityKind.REPORT,
        "Обједињени извештај о раду центара за социјални рад",
        False,
    ),
    (
        Area.RESEARCH,
        ActivityKind.FOCUS_GROUP,
        "Фокус група: деца и млади са менталним сметњама",
        False,
    ),
    (Area.RESEARCH, ActivityKind.RESEARCH, "Мапирање услуга јединица локалне самоуправе", False),
    (
        Area.RESEARCH,
        ActivityKind.WORKSHOP,
        "Интерактивна радионица о родној равноправности у установама",
        True,
    ),
    (
        Area.OUTREACH,
        ActivityKind.MEDIA_APPEARANCE,
        "Гостовање у емисији о социјалној заштити",
        False,
    ),
    (Area.OUTREACH, ActivityKind.CONFERENCE, "Конференција „Сарадњом до одрживог развоја“", True),
    (Area.OUTREACH, ActivityKind.FORUM, "Завршна трибина са супервизорима АП Војводине", True),
]


@transaction.atomic
def create_demo_accounts() -> list[tuple[str, str, str]]:
    User = get_user_model()
    created = []
    for username, first, last, role, password in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@pzs.gov.rs"
        user.is_superuser = user.is_staff = role == "superuser"
        user.set_password(password)
        user.save()
        if role != "superuser":
            user.groups.add(Group.objects.get(name=role))
        created.append((username, password, role))
    return created


@transaction.atomic
def load_demo(seed: int = 2026) -> int:
    """Create the demo activities once; running it again changes nothing."""
    if Activity.objects.filter(title__startswith="Округли сто за супервизоре групе").exists():
        return 0
    rng = random.Random(seed)
    User = get_user_model()
    staff = {u.username: u for u in User.objects.filter(username__in=["savetnica", "direktorka"])}
    csws = list(Institution.objects.filter(kind=InstitutionKind.CSW).select_related("municipality"))
    homes = list(Institution.objects.filter(kind=InstitutionKind.CHILDREN_HOME))
    people = []
    for i in range(60):
        inst = rng.choice(csws)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                email=f"ucesnik{i + 1}@csr-primer.rs",
                institution=inst,
                position=rng.choice([Position.SUPERVISOR, Position.CASE_MANAGER, Position.LAWYER]),
            )
        )
    people = Person.objects.bulk_create(people)
    groups = list(
        StandingGroup.objects.filter(kind=StandingGroup.Kind.SUPERVISORS).order_by("number")
    )
    today = timezone.localdate()
    count = 0
    total, ahead = 36, 12
    for n in range(total):
        area, kind, title, public = PLAN[n % len(PLAN)]
        csw = rng.choice(csws)
        g = (n % 4) + 1
        if n < total - ahead:
            # spread over the months behind us, on working days
            start = today - dt.timedelta(days=300 - n * (290 // (total - ahead)))
        else:
            start = today + dt.timedelta(days=3 + (n - (total - ahead)) * 4)
        while start.weekday() >= 5:
            start += dt.timedelta(days=1)
        status = (
            ActivityStatus.HELD
            if start < today
            else rng.choice([ActivityStatus.PLANNED, ActivityStatus.SCHEDULED])
        )
        if n in {7, 22}:
            status = ActivityStatus.CANCELLED
        activity = Activity.objects.create(
            area=area,
            kind=kind,
            title=title.format(g=g, m=csw.municipality.name),
            description="Активност из Програма рада Завода за текућу годину.",
            start_date=start,
            end_date=start + dt.timedelta(days=1)
            if kind == ActivityKind.ACCREDITED_TRAINING
            else None,
            start_time=dt.time(10, 0),
            place=csw.name if kind != ActivityKind.MEDIA_APPEARANCE else "РТВ",
            online=n % 9 == 4,
            municipality=csw.municipality,
            status=status,
            is_public=public,
            capacity=30 if public else None,
            hours=6 if kind in {ActivityKind.EDUCATION, ActivityKind.ROUND_TABLE} else None,
            standing_group=groups[g - 1] if "супервизоре" in title and groups else None,
            outcome="Одржано према плану; договорене теме за наредни сусрет."
            if status == ActivityStatus.HELD
            else "",
            cancel_reason="Отказано због епидемиолошке ситуације."
            if status == ActivityStatus.CANCELLED
            else "",
        )
        owner = staff.get("direktorka" if n % 3 == 0 else "savetnica")
        activity.responsible.set([owner] if owner else [])
        activity.institutions.set([csw] + ([rng.choice(homes)] if homes and n % 5 == 0 else []))
        if status == ActivityStatus.HELD:
            for person in rng.sample(people, rng.randint(5, 14)):
                Registration.objects.create(
                    activity=activity,
                    person=person,
                    institution=person.institution,
                    position=person.position,
                    status=RegistrationStatus.ATTENDED,
                    source="staff",
                )
        count += 1
    return count
