"""Demo working visits of this year: a few held to centres for social work (each with a
frame of some forty case-file numbers, a draw of ten and the findings), a few to homes
for adults, one planned. The priority list reads area III's demo annual figures when
they are loaded. Idempotent: an institution already visited this year is left alone."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind, Municipality
from pzss.core.services.activities import activity_log_held
from pzss.lib.roles import DIRECTOR, STAFF
from support import visit_selectors as selectors
from support import visit_services as services
from support.models import ADULT_KINDS, Answer, WorkingVisit, checklist_for

CHILD_QUESTIONS = (
    "Да ли је процена урађена у року?\n"
    "Да ли постоји план услуга и да ли се ревидира?\n"
    "Да ли се смештај преиспитује у прописаним роковима?\n"
    "Да ли се одржава контакт детета са породицом?"
)
ADULT_QUESTIONS = (
    "Да ли је урађена процена при пријему?\nДа ли постоји процена и план услуга корисника?"
)
ANSWER_WEIGHTS = ([Answer.YES] * 6) + ([Answer.PARTLY] * 2) + [Answer.NO, Answer.NOT_APPLICABLE]


# Homes for adults and the elderly to visit, when the directory has none of its own.
DEMO_HOMES = (
    ("Геронтолошки центар „Нови Сад“ (демо)", "Нови Сад"),
    ("Дом за старе „Сомбор“ (демо)", "Сомбор"),
    ("Геронтолошки центар „Суботица“ (демо)", "Суботица"),
)


def _homes() -> list[Institution]:
    homes = list(Institution.objects.filter(kind__in=ADULT_KINDS).order_by("name")[:3])
    if homes:
        return homes
    for name, place in DEMO_HOMES:
        Institution.objects.get_or_create(
            name=name,
            defaults={
                "kind": InstitutionKind.ADULT_HOME,
                "municipality": Municipality.objects.filter(name=place).first(),
            },
        )
    return list(Institution.objects.filter(kind__in=ADULT_KINDS).order_by("name")[:3])


def _staff():
    users = get_user_model().objects.filter(is_active=True)
    advisors = list(users.filter(groups__name=STAFF).distinct().order_by("username"))
    directors = users.filter(groups__name=DIRECTOR).exclude(pk__in=[u.pk for u in advisors])
    return advisors + list(directors.distinct().order_by("username"))


def _frame_files(rng: random.Random, prefix: int, adults: bool) -> list[dict]:
    year = timezone.localdate().year
    files = []
    for n in sorted(rng.sample(range(1, 400), 40)):
        if adults:
            files.append(
                {
                    "number": f"{prefix}-{n}/{year}",
                    "age": rng.randint(60, 95),
                    "care": "residential",
                }
            )
        else:
            files.append(
                {
                    "number": f"{prefix}-{n}/{year}",
                    "age": rng.randint(0, 17),
                    "care": rng.choice(["family", "family", "residential"]),
                }
            )
    return files


def _visit(*, lead, team, institution, day, held: bool, rng, reason: str) -> None:
    adults = institution.kind in ADULT_KINDS
    visit = services.visit_plan(
        user=lead,
        institution=institution,
        start_date=day,
        lead=lead,
        team=team,
        reason=reason,
        questions=ADULT_QUESTIONS if adults else CHILD_QUESTIONS,
    )
    if not held:
        return
    activity_log_held(
        user=lead,
        activity=visit.activity,
        data={"outcome": "Преглед узорка досијеа обављен."},
    )
    frame = services.frame_save(
        user=lead,
        visit=visit,
        files=_frame_files(rng, 551 if not adults else 112, adults),
        max_age=None if adults else 10,
        care="residential" if adults else "",
        size=10,
    )
    eligible = len(frame.eligible_numbers())
    if eligible < frame.size:
        frame = services.frame_save(
            user=lead,
            visit=visit,
            files=frame.files,
            max_age=frame.max_age,
            care=frame.care,
            size=eligible,
        )
    draw = services.sample_draw(user=lead, frame=frame, seed=rng.randrange(2**32))
    items = [code for code, _label in checklist_for(institution.kind)]
    for number in draw.numbers:
        services.case_file_review_save(
            user=lead,
            draw=draw,
            number=number,
            answers={code: rng.choice(ANSWER_WEIGHTS) for code in items},
            note="",
        )


def load_visits_demo() -> str:
    staff = _staff()
    if not staff:
        return "Working visits: no staff account to lead the demo visits."
    lead, team = staff[0], staff[1:3]
    today = timezone.localdate()
    year = today.year
    rng = random.Random(2021)
    visited = set(
        WorkingVisit.objects.filter(activity__start_date__year=year).values_list(
            "institution_id", flat=True
        )
    )
    priority = selectors.centres_by_priority(year=year - 1)
    centres = [r.institution for r in priority.rows][:4]
    if not centres:
        centres = list(Institution.objects.filter(kind=InstitutionKind.CSW).order_by("name")[:4])
    homes = _homes()
    past = max(dt.date(year, 1, 15), today - dt.timedelta(days=60))
    made = 0
    plan = [*centres, *homes]
    for i, institution in enumerate(plan):
        if institution.pk in visited:
            continue
        held = i != len(plan) - 1  # the last one is still to come
        day = (past + dt.timedelta(days=7 * i)) if held else today + dt.timedelta(days=21 + i)
        if held and day > today:
            day = today
        row = priority.row_of(institution.pk)
        if row and row.ratio is not None:
            ratio = f"{row.ratio:.1f}".replace(".", ",")
            reason = (
                "Приоритет по правилу програма: деце до шест година ван породице "
                f"{row.value} ({ratio} × покрајински просек)."
            )
        else:
            reason = "Редован надзор по програму рада."
        _visit(
            lead=lead,
            team=team,
            institution=institution,
            day=day,
            held=held,
            rng=rng,
            reason=reason,
        )
        made += 1
    return f"Working visits: {made} demo visits added."
