"""The demo's programme for the current year, made the way staff make one.

The core's demo activities are all of the current year, while the only programme the
portal ships is 2021's; with nothing else, the realisation page would read 0 %
everywhere. So the demo does what staff do in December: copy the last programme as
next year's draft, amend it, send it to the director, who approves it, record the
board's decision, publish it, and then, through the year, link the held activities to
the targets they realise. Every step goes through programme.services, so the demo
programme carries the same transitions and audit entries as a real one.

What the links make of the year (on the core's demo activities, held across the
months behind "today"): some targets reached (the reports of area III, one education
planned once), one ahead (an education planned "најмање" once, held twice), several
behind (working visits, round tables, directors' meetings), one over its «највише»
limit (the students' practice), and a few held activities that realise no target, for
staff to link or mark as outside the programme. Besides, the activities staff logged
through the year towards the targets of LOGGED, at each one's pace, as many as the
share of the year gone by makes: on 3 December, 47 of the 57 held activities the plan
counts, the line of the dashboard a little behind its plan.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from programme import services
from programme.loading import SEED_2021, SEED_2021_TARGETS, import_file
from programme.models import Bound, Goal, Programme, Target
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Institution,
    InstitutionKind,
)
from pzss.core.services.activities import activity_create

SOURCE_YEAR = 2021

# The amendments staff make to the copied 2021 text, by the start of a target's
# description: what changes.
AMENDMENTS = [
    # The institute plans these educations in area II now (its own training area).
    (
        "Едукација без провере знања „Комуникација у тимском раду“",
        {"bound": Bound.AT_LEAST, "quantity": 1},
        ("II", "2."),
    ),
    ("Едукације без провере знања „Мотивација запослених“", {"quantity": 1}, ("II", "2.")),
    # The faculty asked for fewer places this year.
    ("Стручна пракса за студенте друге године", {"quantity": 4}, None),
]

# Which held demo activities realise which target: (start of the target's description,
# start of the activities' titles). Every held activity of the year with that title.
LINKS = [
    ("Радне посете центрима за социјални рад", "Радна посета ЦСР"),
    ("Округли столови „Извештавање супервизора“", "Округли сто за супервизоре групе"),
    ("Округли столови за 4 групе правника", "Округли сто за правнике ЦСР"),
    ("Радни састанци директора домова", "Радни састанак директора домова"),
    ("Радне посете установама за одрасле и старије", "Радна посета установи за одрасле"),
    ("Едукација без провере знања „Комуникација у тимском раду“", "Едукација „Комуникација"),
    ("Едукације без провере знања „Мотивација запослених“", "Едукација „Мотивација"),
    ("Акредитована обука „Помоћ у кући", "Обука „Помоћ у кући"),
    ("Акредитована обука „Покретање услуге предаха", "Обука „Покретање услуге предаха"),
    ("Акредитована обука „Препознавање и уважавање", "Обука „Препознавање и уважавање"),
    ("Стручна пракса за студенте друге године", "Стручна пракса студената"),
    ("Обједињени извештај о раду центара за социјални рад", "Обједињени извештај о раду центара"),
    ("Истраживање о деци и младима", "Фокус група: деца и млади"),
    ("Мапирање услуга социјалне заштите", "Мапирање услуга"),
    # Left for staff to see to on the realisation page: the workshop on gender equality,
    # the media appearance and the supervisors' closing forum (held in area IV, while
    # the target is area I's) realise no target yet.
]
# What staff logged through the year besides the core's demo activities, each held
# activity linked to the target it realises: (start of the target's description, its
# pace — the share of the plan held by now against the share of the year gone by —,
# the held activities' title). Behind (the visits to centres and to homes for adults,
# the lawyers' round tables), on time (the reports, the round tables, the directors'
# meetings) and ahead (the Interreg partners' meetings); the targets not named here keep
# what the core's activities made of them (the closing forum and the report on the
# visits, due in the last quarter, not started).
LOGGED = [
    ("Радне посете центрима за социјални рад", 0.75, "Радна посета ЦСР"),
    ("Округли столови „Извештавање супервизора“", 1.0, "Округли сто за супервизоре групе"),
    ("Округли столови за 4 групе правника", 0.75, "Округли сто за правнике ЦСР"),
    ("Радни састанци директора домова", 1.0, "Радни састанак директора домова"),
    ("Округли столови за домове за децу и младе", 1.0, "Округли сто за домове за децу и младе"),
    ("Радне посете установама за одрасле и старије", 0.85, "Радна посета установи за одрасле"),
    ("Састанци са партнерима у пројекту Интеррег-ИПА", 1.5, "Састанак партнера у пројекту"),
    (
        "Годишње испитивање потреба за стручним усавршавањем",
        1.0,
        "Извештај о испитивању потреба за стручним усавршавањем",
    ),
    (
        "Три обједињена извештаја о установама за смештај",
        1.0,
        "Обједињени извештај о установама за смештај",
    ),
    (
        "Месечни статистички извештаји о насиљу у породици",
        1.0,
        "Месечни статистички извештај о насиљу у породици",
    ),
    ("Подаци Републичком заводу за статистику", 1.0, "Подаци Републичком заводу за статистику"),
]
# A held activity staff marked as outside the programme, and why.
OUTSIDE = (
    "Конференција „Сарадњом до одрживог развоја“",
    "Конференција партнерске организације; Завод је учествовао на позив, ван Програма рада.",
)
# Staff's notes: (start of the target's description, quarter, note).
NOTES = [
    (
        "Радне посете центрима за социјални рад",
        3,
        "Обављене две посете; остале померене због годишњих одмора у центрима.",
    ),
    (
        "Радне посете центрима за социјални рад",
        4,
        "Преостале посете договорене за децембар; део се преноси у први квартал.",
    ),
    (
        "Акредитована обука „Помоћ у кући",
        2,
        "Обука одржана за запослене у услугама помоћи у кући из три општине.",
    ),
]
# A visit is to a centre, which it covers.
WORKING_VISIT = ActivityKind.WORKING_VISIT
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _year_text(text: str, year: int) -> str:
    return text.replace(str(SOURCE_YEAR), str(year)).replace(str(SOURCE_YEAR - 1), str(year - 1))


def _log_the_year(staff, revision, *, today: dt.date) -> int:
    """The held activities staff logged towards the targets of LOGGED, as many as each
    target's pace makes of the year gone by, spread over the days behind today; each
    linked to its target. Returns how many were linked."""
    first = dt.date(today.year, 1, 2)
    days = (today - first).days
    if days <= 0:
        return 0
    gone = min(1.0, (today - dt.date(today.year, 1, 1)).days / 365)
    centres = list(
        Institution.objects.filter(kind=InstitutionKind.CSW)
        .select_related("municipality")
        .order_by("name")
    )
    linked = 0
    for start, pace, title in LOGGED:
        target = _target(revision, start)
        held = target.activities.filter(status=ActivityStatus.HELD).count()
        wanted = round(target.quantity * gone * pace)
        if pace <= 1:  # behind or on time: never more than the plan
            wanted = min(wanted, target.quantity)
        for n in range(max(0, wanted - held)):
            when = first + dt.timedelta(days=days * (n + 1) // (wanted - held + 1))
            centre = centres[(len(title) + 7 * n) % len(centres)] if centres else None
            activity = activity_create(
                user=staff,
                data={
                    "area": target.area_section.area,
                    "kind": target.kind,
                    "title": f"{title} — {when:%d.%m.%Y.}",
                    "start_date": when,
                    "status": ActivityStatus.HELD,
                    "municipality": centre.municipality if centre else None,
                    "outcome": "Одржано према Програму рада.",
                },
                institutions=[centre] if centre and target.kind == WORKING_VISIT else [],
            )
            linked += services.target_activity_link(user=staff, target=target, activity=activity)
    return linked


def _target(revision, start: str) -> Target:
    return Target.objects.of_revision(revision).get(description__startswith=start)


@transaction.atomic
def load_demo_programme(year: int | None = None) -> str:
    """Make, approve, publish and realise the current year's programme, once."""
    year = year or timezone.localdate().year
    if Programme.objects.filter(year=year).exists():
        return f"The {year} work programme is already in the demo."
    User = get_user_model()
    staff = User.objects.filter(username="savetnica").first()
    director = User.objects.filter(username="direktorka").first()
    if staff is None or director is None:
        return "No demo accounts: the demo programme is not made."
    source = Programme.objects.filter(year=SOURCE_YEAR).first()
    if source is None:
        # As `manage.py load_programme` does (the demo needs a programme to copy).
        revision = import_file(SEED_2021, targets=SEED_2021_TARGETS, year=SOURCE_YEAR)
        services.revision_submit(user=None, revision=revision)
        services.revision_approve(user=None, revision=revision)
        services.revision_adopt(user=None, revision=revision, as_signed=True)
        services.revision_publish(user=None, revision=revision)
        source = revision.programme

    draft = services.programme_create(user=staff, year=year, copy_from=source)
    services.revision_update_header(
        user=staff,
        revision=draft,
        data={
            "doc_number": f"412/{year - 1}",
            "doc_date": dt.date(year - 1, 12, 15),
            "introduction": _year_text(draft.introduction, year),
            "closing": _year_text(draft.closing, year),
        },
    )
    for target in Target.objects.of_revision(draft).filter(description__contains=SOURCE_YEAR):
        services.target_update(
            user=staff,
            target=target,
            data={"description": _year_text(target.description, year)},
        )
    for start, data, place in AMENDMENTS:
        goal = None
        if place is not None:
            goal = Goal.objects.get(
                section__revision=draft, section__area=ROMAN[place[0]], number=place[1]
            )
        services.target_update(user=staff, target=_target(draft, start), data=data, goal=goal)
    services.revision_submit(user=staff, revision=draft, comment="Нацрт програма за нову годину.")
    services.revision_approve(user=director, revision=draft)
    services.revision_adopt(
        user=staff,
        revision=draft,
        decision_number=f"01-214/{year - 1}",
        decision_date=dt.date(year - 1, 12, 22),
    )
    services.revision_publish(user=staff, revision=draft)

    held = list(Activity.objects.filter(start_date__year=year, status=ActivityStatus.HELD))
    links = 0
    for start, title in LINKS:
        target = _target(draft, start)
        for activity in held:
            if activity.title.startswith(title) and activity.area == target.area_section.area:
                links += services.target_activity_link(user=staff, target=target, activity=activity)
    links += _log_the_year(staff, draft, today=timezone.localdate())
    # A partner's conference the institute took part in: outside its own programme.
    for activity in held:
        if activity.title.startswith(OUTSIDE[0]) and not activity.programme_targets.exists():
            services.activity_mark_outside(user=staff, activity=activity, reason=OUTSIDE[1])
    # Staff's notes of the quarters gone by, on a target behind and on a qualitative one.
    for start, quarter, text in NOTES:
        services.target_note_save(
            user=staff, target=_target(draft, start), quarter=quarter, text=text
        )
    return f"Demo work programme {year}: published, {links} activities linked to its targets"
