"""The catalogue's demo (programme 2021, II 2): the institute's three accredited programmes
(one of them ends its accreditation within six months, so its owner is warned), the
case-management programme sent to accreditation, and a partner's programme; two sessions
held earlier this year with attendance and certificates — one participant missed a day
of each, so one certificate earns no points and one half of them —, and one session
ahead, open for sign-up. Made through the services as staff would; run twice, it adds
nothing."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from pzss.core.services.activities import activity_log_held
from pzss.events.services.attendance import attendance_mark, event_days
from pzss.events.services.certificates import certificates_issue
from pzss.events.services.participants import registration_add_by_staff
from pzss.lib.roles import DIRECTOR, STAFF
from training import catalogue_services as services
from training.models import AccreditationStatus, PointsRule, ProgrammeOrigin, TrainingProgramme

REPUBLIC_INSTITUTE = "Републички завод за социјалну заштиту"
PARTNER = "Новосадски хуманитарни центар"


def _programmes(today: dt.date) -> list[dict]:
    """The programmes, their accreditation dated from today so the demo stays current:
    «Помоћ у кући» ends its accreditation in about three months."""
    year = today.year
    return [
        {
            "title": "Помоћ у кући за децу са сметњама у развоју",
            "origin": ProgrammeOrigin.OWN,
            "status": AccreditationStatus.ACCREDITED,
            "accreditation_body": REPUBLIC_INSTITUTE,
            "accreditation_number": f"110-00-00041/{year - 3}-01",
            "valid_from": dt.date(year - 3, 3, 1),
            "valid_until": today + dt.timedelta(days=95),
            "authors": "Саветници Покрајинског завода за социјалну заштиту",
            "trainers": "Саветници Завода са искуством у раду са породицама деце са сметњама",
            "target_group": (
                "Стручни радници и сарадници пружалаца услуге помоћ у кући и центара за "
                "социјални рад"
            ),
            "days": 2,
            "hours": Decimal("16"),
            "licence_points": Decimal("12"),
            "points_rule": PointsRule.ALL_DAYS,
            "summary": (
                "Обука припрема геронтодомаћице, неговатеље и стручне раднике да пружају "
                "помоћ у кући деци са сметњама у развоју и подрже њихове породице у "
                "свакодневном животу."
            ),
            "outcomes": (
                "Разуме потребе деце са сметњама у развоју и њихових породица\n"
                "Планира услугу према индивидуалном плану подршке\n"
                "Сарађује са породицом, школом и здравственом службом"
            ),
        },
        {
            "title": ("Покретање услуге предаха за децу са сметњама у развоју и њихове породице"),
            "origin": ProgrammeOrigin.OWN,
            "status": AccreditationStatus.ACCREDITED,
            "accreditation_body": REPUBLIC_INSTITUTE,
            "accreditation_number": f"110-00-00112/{year - 1}-01",
            "valid_from": dt.date(year - 1, 6, 1),
            "valid_until": dt.date(year + 2, 5, 31),
            "authors": "Саветници Покрајинског завода за социјалну заштиту",
            "trainers": "Саветници Завода",
            "target_group": "Локалне самоуправе, центри за социјални рад и пружаоци услуга",
            "days": 2,
            "hours": Decimal("14"),
            "licence_points": Decimal("10"),
            "points_rule": PointsRule.PER_DAY,
            "summary": (
                "Како у општини покренути услугу предаха: процена потреба, стандарди, "
                "лиценцирање пружаоца и финансирање."
            ),
            "outcomes": (
                "Процењује потребе породица за предахом\n"
                "Познаје стандарде и лиценцирање услуге\n"
                "Припрема одлуку о услузи и њено финансирање"
            ),
        },
        {
            "title": (
                "Препознавање и уважавање различитости – Културно компонентна пракса у "
                "социјалној заштити – ККП"
            ),
            "origin": ProgrammeOrigin.OWN,
            "status": AccreditationStatus.ACCREDITED,
            "accreditation_body": REPUBLIC_INSTITUTE,
            "accreditation_number": f"110-00-00087/{year - 2}-01",
            "valid_from": dt.date(year - 2, 1, 15),
            "valid_until": dt.date(year + 1, 12, 31),
            "authors": "Саветници Покрајинског завода за социјалну заштиту",
            "trainers": "Саветници Завода",
            "target_group": "Стручни радници центара за социјални рад и установа за смештај",
            "days": 3,
            "hours": Decimal("21"),
            "licence_points": Decimal("16"),
            "points_rule": PointsRule.PER_DAY,
            "summary": (
                "Културно компетентна пракса: препознати различитости корисника и уважити "
                "их у процени, планирању и пружању услуга."
            ),
            "outcomes": (
                "Препознаје сопствене предрасуде и стереотипе\n"
                "Примењује културно компетентан приступ у процени\n"
                "Укључује заједницу корисника у планирање услуга"
            ),
        },
        {
            "title": "Основна обука за вођење случаја у центрима за социјални рад",
            "origin": ProgrammeOrigin.OWN,
            "status": AccreditationStatus.SUBMITTED,
            "accreditation_body": REPUBLIC_INSTITUTE,
            "authors": "Саветници Покрајинског завода за социјалну заштиту",
            "target_group": "Водитељи случаја у центрима за социјални рад који нису завршили обуку",
            "days": 3,
            "hours": Decimal("24"),
            "points_rule": PointsRule.ALL_DAYS,
            "summary": (
                "Програм намењен водитељима случаја у центрима за социјални рад, предат на "
                "акредитацију; после акредитације обуке се одржавају на територији АП "
                "Војводине."
            ),
            "outcomes": (
                "Води случај од пријема до затварања\n"
                "Процењује и планира уз учешће корисника\n"
                "Документује рад на случају"
            ),
        },
        {
            "title": "Превенција сагоревања на послу код стручних радника у социјалној заштити",
            "origin": ProgrammeOrigin.PARTNER,
            "status": AccreditationStatus.ACCREDITED,
            "accreditation_body": REPUBLIC_INSTITUTE,
            "accreditation_number": f"110-00-00203/{year - 1}-01",
            "valid_from": dt.date(year - 1, 9, 1),
            "valid_until": dt.date(year + 2, 8, 31),
            "trainers": "Тренери Новосадског хуманитарног центра",
            "target_group": "Стручни радници и сарадници у социјалној заштити",
            "days": 1,
            "hours": Decimal("8"),
            "licence_points": Decimal("6"),
            "points_rule": PointsRule.ALL_DAYS,
            "summary": "Препознавање знакова сагоревања и начини да се оно спречи.",
            "outcomes": "Препознаје знаке сагоревања\nПримењује технике очувања менталног здравља",
        },
    ]


PARTICIPANTS = [
    ("Јелена", "Ковачевић", "jelena.kovacevic@csr-primer.rs"),
    ("Милан", "Стојановић", "milan.stojanovic@csr-primer.rs"),
    ("Снежана", "Јовановић", "snezana.jovanovic@csr-primer.rs"),
    ("Драган", "Николић", "dragan.nikolic@csr-primer.rs"),
]


def _owner():
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(groups__name=STAFF).order_by("username").first()
        or users.filter(groups__name=DIRECTOR).order_by("username").first()
    )


def _held_session(*, user, programme, start: dt.date, place: str, missing_a_day: int) -> None:
    """A session held: four registered, all present every day but one, who missed the
    last day; certificates issued (their PDFs are rendered in the background)."""
    session = services.session_schedule(
        user=user,
        programme=programme,
        data={
            "kind": services.session_kind_for(programme),
            "title": "",
            "description": "",
            "start_date": start,
            "end_date": start + dt.timedelta(days=programme.days - 1),
            "start_time": dt.time(9, 30),
            "place": place,
            "online": False,
            "municipality": None,
        },
        capacity=25,
    )
    activity = session.activity
    institutions = list(Institution.objects.filter(kind=InstitutionKind.CSW).order_by("name")[:5])
    days = event_days(activity)
    for n, (first, last, email) in enumerate(PARTICIPANTS):
        registration = registration_add_by_staff(
            user=user,
            activity=activity,
            first_name=first,
            last_name=last,
            email=email,
            institution=institutions[n % len(institutions)] if institutions else None,
        )
        for day in days:
            present = not (n == missing_a_day and day == days[-1])
            attendance_mark(user=user, registration=registration, day=day, present=present)
    activity_log_held(user=user, activity=activity, data={})
    certificates_issue(user=user, activity=activity)


def load_catalogue_demo() -> str:
    user = _owner()
    if user is None:
        return "Training catalogue: no staff user to own the programmes"
    today = timezone.localdate()
    partner = Institution.objects.filter(name=PARTNER).first()
    made = []
    for data in _programmes(today):
        if TrainingProgramme.objects.filter(title=data["title"]).exists():
            continue
        if data["origin"] == ProgrammeOrigin.PARTNER:
            if partner is None:
                continue
            data = {**data, "provider": partner}
        programme = services.programme_create(user=user, data={**data, "owner": user})
        services.programme_publish(user=user, programme=programme, published=True)
        made.append(programme)
    sessions = 0
    by_title = {p.title: p for p in TrainingProgramme.objects.filter(sessions__isnull=True)}
    home_care, respite, diversity = (data["title"] for data in _programmes(today)[:3])
    # Held earlier this year (or, early in January, late last year).
    if home_care in by_title:
        start = max(today - dt.timedelta(days=60), dt.date(today.year, 1, 10))
        if start >= today - dt.timedelta(days=2):
            start = today - dt.timedelta(days=40)
        _held_session(
            user=user,
            programme=by_title[home_care],
            start=start,
            place="ЦСР Сомбор",
            missing_a_day=3,
        )
        sessions += 1
    if respite in by_title:
        start = today - dt.timedelta(days=25)
        _held_session(
            user=user, programme=by_title[respite], start=start, place="Нови Сад", missing_a_day=1
        )
        sessions += 1
    if diversity in by_title:
        start = today + dt.timedelta(days=21)
        services.session_schedule(
            user=user,
            programme=by_title[diversity],
            data={
                "kind": services.session_kind_for(by_title[diversity]),
                "title": "",
                "description": "Тродневна обука у сали Завода.",
                "start_date": start,
                "end_date": start + dt.timedelta(days=2),
                "start_time": dt.time(10, 0),
                "place": "Покрајински завод за социјалну заштиту, Нови Сад",
                "online": False,
                "municipality": None,
            },
            capacity=24,
            closes_at=timezone.make_aware(
                dt.datetime.combine(start - dt.timedelta(days=3), dt.time(16, 0))
            ),
        )
        sessions += 1
    return f"Training catalogue: {len(made)} programmes, {sessions} sessions"
