"""The student practice's and consultations log's demo, made through the services as
staff would: the Faculty of Philosophy's 2026 agreement (10 students, 90 hours each),
six second-year students of social work with their mentors and hours — one with all 90
hours confirmed and her certificate —, and some twenty consultations of 2026 on
licensing, accreditation, the Chamber and professional development."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from pzss.lib.roles import DIRECTOR, STAFF
from training.consultation_services import consultation_create
from training.models import Consultation, PracticeAgreement
from training.practice_services import (
    agreement_create,
    hours_add,
    hours_confirm,
    practice_certificate_issue,
    practice_student_add,
)

YEAR = 2026
# As the directory's reference data names it (pzss/core/reference.py).
FACULTY = "Филозофски факултет Универзитета у Новом Саду – студијски програм социјалног рада"
FACULTY_SHORT = "Филозофски факултет"

# (first name, last name, hours logged, of which confirmed)
STUDENTS = [
    ("Јована", "Петровић", 90, 90),
    ("Милица", "Стојановић", 60, 54),
    ("Никола", "Јовановић", 48, 48),
    ("Теодора", "Николић", 36, 30),
    ("Ана", "Марковић", 24, 12),
    ("Стефан", "Ђорђевић", 12, 0),
]
TASKS = [
    "Упознавање са радом Завода и Програмом рада за 2026. годину",
    "Учешће у припреми округлог стола о услугама у заједници",
    "Рад на обради података из базе „Аурора“ уз ментора",
    "Праћење стручне подршке центру за социјални рад",
    "Преглед стручне литературе и писање белешке о пракси",
    "Учешће у евалуацији акредитоване обуке",
]

# (month, day, who asked, institution name or None, subject, channel, minutes, question, answer)
CONSULTATIONS = [
    (
        1,
        14,
        "Сузана Ковачевић",
        "ЦСР Нови Сад",
        "licensing",
        "phone",
        20,
        "Колико бодова је потребно за обнову лиценце и до када?",
        "Објашњени услови обнове лиценце по Правилнику о лиценцирању и рокови.",
    ),
    (
        1,
        27,
        "Горан Илић",
        "ЦСР Сомбор",
        "development",
        "email",
        30,
        "Које акредитоване обуке за водитеље случаја се организују ове године?",
        "Упућен на каталог акредитованих програма и план обука Завода.",
    ),
    (
        2,
        3,
        "Јелена Мирков",
        None,
        "chamber",
        "phone",
        15,
        "Како се пријављује промена установе у Комори социјалне заштите?",
        "Објашњен поступак и упућена на службу Коморе.",
    ),
    (
        2,
        18,
        "Драган Савић",
        "ЦСР Панчево",
        "accreditation",
        "in_person",
        60,
        "Шта је потребно за подношење програма обуке на акредитацију?",
        "Прегледани услови, образац и рокови Републичког завода; договорена друга консултација.",
    ),
    (
        3,
        5,
        "Марина Тодоровић",
        "Дом за децу и младе Сомбор",
        "licensing",
        "email",
        25,
        "Да ли се бодови са стручног скупа у иностранству признају?",
        "Објашњена правила признавања и потребни докази о учешћу.",
    ),
    (
        3,
        19,
        "Бојан Лазић",
        None,
        "development",
        "online",
        40,
        "Како установа планира стручно усавршавање запослених за наредну годину?",
        "Предложен план на основу упитника о потребама и каталога програма.",
    ),
    (
        4,
        8,
        "Снежана Јанковић",
        "ЦСР Нови Сад",
        "chamber",
        "phone",
        10,
        "Када се плаћа чланарина Комори и где се види стање?",
        "Упућена на информације Коморе о чланарини.",
    ),
    (
        4,
        22,
        "Ивана Радовановић",
        "ЦСР Зрењанин",
        "licensing",
        "phone",
        20,
        "Лиценца истиче за два месеца, а недостаје пет бодова. Шта да радим?",
        "Предложене обуке у наредна два месеца и објашњено продужење рока.",
    ),
    (
        5,
        6,
        "Милан Остојић",
        "ЦСР Суботица",
        "accreditation",
        "email",
        45,
        "Како се наводе аутори и реализатори у пријави програма?",
        "Објашњена правила и дат пример из раније пријаве Завода.",
    ),
    (
        5,
        20,
        "Катарина Поповић",
        None,
        "other",
        "phone",
        15,
        "Где се могу наћи извештаји Завода о домском смештају?",
        "Упућена на јавну библиотеку портала.",
    ),
    (
        6,
        10,
        "Душан Милошевић",
        "ЦСР Кикинда",
        "development",
        "in_person",
        50,
        "Како супервизори бележе стручно усавршавање сарадника?",
        "Прегледани обрасци евиденције и договорено слање примера.",
    ),
    (
        6,
        24,
        "Тамара Вуковић",
        "ЦСР Сомбор",
        "licensing",
        "online",
        30,
        "Да ли стручни сарадник може да стекне лиценцу пре истека приправничког стажа?",
        "Објашњени услови Правилника о лиценцирању.",
    ),
    (
        7,
        8,
        "Весна Стевановић",
        None,
        "chamber",
        "email",
        20,
        "Коме Комора упућује приговор на одлуку о лиценци?",
        "Објашњен поступак приговора и рокови.",
    ),
    (
        8,
        26,
        "Петар Антић",
        "ЦСР Панчево",
        "accreditation",
        "phone",
        25,
        "Колико траје поступак акредитације програма обуке?",
        "Објашњени кораци и уобичајено трајање поступка.",
    ),
    (
        9,
        9,
        "Александра Милић",
        "ЦСР Нови Сад",
        "development",
        "email",
        35,
        "Препорука обука за нове запослене у служби за заштиту деце?",
        "Предложене три акредитоване обуке и основна обука за вођење случаја.",
    ),
    (
        9,
        23,
        "Зоран Петковић",
        None,
        "licensing",
        "phone",
        15,
        "Како се доказује учешће на онлајн обуци?",
        "Објашњено да уверење о учешћу издаје организатор и шта мора да садржи.",
    ),
    (
        10,
        7,
        "Марија Симић",
        "Дом за децу и младе Сомбор",
        "other",
        "in_person",
        40,
        "Како да установа пријави стручну праксу студената?",
        "Објашњен споразум са факултетом, менторство и евиденција сати.",
    ),
    (
        10,
        21,
        "Немања Ристић",
        "ЦСР Суботица",
        "chamber",
        "phone",
        10,
        "Да ли Комора признаје бодове са трибина?",
        "Објашњено које активности се бодују по Правилнику.",
    ),
    (
        11,
        4,
        "Љиљана Крстић",
        "ЦСР Зрењанин",
        "licensing",
        "email",
        30,
        "Колико бодова носи менторство студентима на пракси?",
        "Објашњена правила бодовања менторства.",
    ),
    (
        11,
        18,
        "Владимир Бабић",
        None,
        "accreditation",
        "online",
        55,
        "Како ускладити програм обуке са изменама правилника?",
        "Прегледан програм и предложене измене пре подношења.",
    ),
]


def _staff() -> list:
    users = get_user_model().objects.filter(is_active=True)
    advisers = list(users.filter(groups__name=STAFF).distinct().order_by("username"))
    directors = users.filter(groups__name=DIRECTOR).exclude(pk__in=[u.pk for u in advisers])
    return advisers + list(directors.distinct().order_by("username"))


def _faculty() -> Institution:
    """The faculty of the directory's reference data; made with the same name and kind
    when the reference data is not loaded."""
    faculty = Institution.objects.filter(name=FACULTY).first()
    if faculty is None:
        faculty = Institution.objects.create(
            name=FACULTY, short_name=FACULTY_SHORT, kind=InstitutionKind.FACULTY
        )
    return faculty


def _days(start: dt.date, count: int) -> list[dt.date]:
    """`count` working days from `start`, none after today."""
    today = timezone.localdate()
    days, day = [], start
    while len(days) < count and day <= today:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@transaction.atomic
def _practice(staff: list) -> str:
    coordinator = staff[0]
    agreement = agreement_create(
        user=coordinator,
        data={
            "faculty": _faculty(),
            "year": YEAR,
            "max_students": 10,
            "hours_per_student": Decimal(90),
            "study_programme": "Студијски програм социјалног рада, друга година",
            "signed_on": dt.date(YEAR, 2, 10),
            "coordinator": coordinator,
            "notes": "На молбу Филозофског факултета, као и претходних година.",
        },
    )
    for n, (first, last, logged, confirmed) in enumerate(STUDENTS):
        mentor = staff[n % len(staff)]
        start = dt.date(YEAR, 3, 2) + dt.timedelta(weeks=n)
        student = practice_student_add(
            user=coordinator,
            agreement=agreement,
            first_name=first,
            last_name=last,
            email="",
            mentor=mentor,
            start_date=start,
        )
        left, done = Decimal(logged), Decimal(0)
        for i, day in enumerate(_days(start, logged // 6 + 1)):
            if not left:
                break
            hours = min(Decimal(6), left)
            entry = hours_add(
                user=mentor,
                student=student,
                date=day,
                hours=hours,
                description=TASKS[i % len(TASKS)],
            )
            if done + hours <= confirmed:
                hours_confirm(user=mentor, entry=entry)
                done += hours
            left -= hours
        if confirmed >= 90:
            practice_certificate_issue(user=coordinator, student=student)
    return f"{len(STUDENTS)} students"


@transaction.atomic
def _consultations(staff: list) -> int:
    institutions = {
        i.name: i
        for i in Institution.objects.filter(name__in={c[3] for c in CONSULTATIONS if c[3]})
    }
    today = timezone.localdate()
    made = 0
    for n, (month, day, who, inst, subject, channel, minutes, question, answer) in enumerate(
        CONSULTATIONS
    ):
        date = dt.date(YEAR, month, day)
        if date > today:
            continue
        adviser = staff[n % len(staff)]
        consultation_create(
            user=adviser,
            data={
                "date": date,
                "asked_by": who,
                "institution": institutions.get(inst) if inst else None,
                "subject": subject,
                "channel": channel,
                "question": question,
                "answer": answer,
                "minutes": minutes,
                "adviser": adviser,
            },
        )
        made += 1
    return made


def load_practice_demo() -> str:
    """Idempotent: an agreement of the faculty for 2026 already there is left as it is,
    and so are consultations once the first demo one is in the log."""
    staff = _staff()
    if not staff:
        return "Student practice: no staff account to mentor the demo students."
    parts = []
    if PracticeAgreement.objects.filter(faculty__name=FACULTY, year=YEAR).exists():
        parts.append("the 2026 agreement was already there")
    else:
        parts.append(f"the 2026 agreement with {_practice(staff)}")
    first = CONSULTATIONS[0]
    if Consultation.objects.filter(
        asked_by=first[2], date=dt.date(YEAR, first[0], first[1])
    ).exists():
        parts.append("the consultations were already there")
    else:
        parts.append(f"{_consultations(staff)} consultations")
    return "Student practice and consultations: " + ", ".join(parts) + "."
