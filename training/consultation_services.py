"""The one write path of the consultations log: a consultation entered or edited, and
the month it is counted in.

How the programme counts them: each month's consultations are one held area II
activity («Индивидуална консултативна и саветодавна помоћ у стручном усавршавању,
новембар 2026.»), of the kind the programme plans this help as (expert support on
request), realising its goal II 2 through the core (`activity_realises`). Its figures —
how many consultations, on which subjects, how many hours — are kept up with every
consultation saved, so the realisation report lists twelve readable lines a year, not
hundreds, and the log itself keeps each one."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.core.services.activities import activity_create, activity_log_held
from pzss.core.services.people import person_find
from pzss.lib.roles import is_staff_member
from training.models import Consultation, ConsultationMonth, ConsultationSubject

# The programme's goal the consultations realise (2021: II 2, «индивидуалну
# консултативну и саветодавну помоћ»); among its targets the one planned as this kind.
CONSULTATION_GOAL = "2."
CONSULTATION_KIND = ActivityKind.SUPPORT_REQUEST

CONSULTATION_FIELDS = [
    "date",
    "asked_by",
    "person",
    "institution",
    "subject",
    "channel",
    "question",
    "answer",
    "minutes",
    "adviser",
]

MONTHS = [
    "јануар",
    "фебруар",
    "март",
    "април",
    "мај",
    "јун",
    "јул",
    "август",
    "септембар",
    "октобар",
    "новембар",
    "децембар",
]
# The subjects as the activity's outcome names them (content, in Serbian).
SUBJECT_WORDS = {
    ConsultationSubject.LICENSING: "лиценцирање",
    ConsultationSubject.ACCREDITATION: "акредитација програма обуке",
    ConsultationSubject.CHAMBER: "Комора социјалне заштите",
    ConsultationSubject.PROFESSIONAL_DEVELOPMENT: "стручно усавршавање",
    ConsultationSubject.OTHER: "остало",
}


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _check(consultation: Consultation) -> None:
    if consultation.date and consultation.date > timezone.localdate():
        raise ValidationError({"date": _("A consultation is logged once given, not in advance.")})
    if consultation.adviser_id and not is_staff_member(consultation.adviser):
        raise ValidationError({"adviser": _("The adviser is one of the institute's staff.")})
    if (
        consultation.person_id
        and not consultation.institution_id
        and consultation.person.institution_id
    ):
        consultation.institution = consultation.person.institution


def _with_person(data: dict[str, Any], email: str) -> dict[str, Any]:
    """The directory's person of that e-mail, when given and found: the log links to the
    directory but never adds people to it (a caller is named, not registered)."""
    if email:
        return {**data, "person": person_find(email=email)}
    return data


@transaction.atomic
def consultation_create(*, user, data: dict[str, Any], email: str = "") -> Consultation:
    _require_staff(user)
    consultation = Consultation(created_by=user, **_with_person(data, email))
    consultation.full_clean()
    _check(consultation)
    consultation.save()
    audit_log(
        actor=user,
        action="consultation_create",
        obj=consultation,
        changes={
            k: [None, v]
            for k, v in snapshot(consultation, ["date", "subject", "minutes", "adviser"]).items()
        },
    )
    consultation_month_ensure(user=user, year=consultation.date.year, month=consultation.date.month)
    return consultation


@transaction.atomic
def consultation_update(
    *, user, consultation: Consultation, data: dict[str, Any], email: str = ""
) -> Consultation:
    _require_staff(user)
    data = _with_person(data, email)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    before_month = (consultation.date.year, consultation.date.month)
    before = snapshot(consultation, CONSULTATION_FIELDS)
    unknown = set(data) - set(CONSULTATION_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(consultation, name, value)
    consultation.full_clean()
    _check(consultation)
    consultation.save(update_fields=sorted({*data, "institution", "updated_at"}))
    changes = diff(before, snapshot(consultation, CONSULTATION_FIELDS))
    if changes:
        audit_log(actor=user, action="consultation_update", obj=consultation, changes=changes)
    months = {before_month, (consultation.date.year, consultation.date.month)}
    for year, month in sorted(months):
        consultation_month_ensure(user=user, year=year, month=month)
    return consultation


def month_title(year: int, month: int) -> str:
    return (
        "Индивидуална консултативна и саветодавна помоћ у стручном усавршавању, "
        f"{MONTHS[month - 1]} {year}."
    )


def _month_outcome(total: int, by_subject: dict[str, int], hours: Decimal) -> str:
    if not total:
        return "У овом месецу нема евидентираних консултација."
    subjects = ", ".join(
        f"{SUBJECT_WORDS[s]} {by_subject[s]}" for s in ConsultationSubject.values if s in by_subject
    )
    # Serbian writes a decimal comma: «6,5 сати».
    hours_text = f"{hours:.1f}".replace(".", ",")
    return f"Евидентираних консултација: {total} ({subjects}); утрошено сати: {hours_text}."


def _month_row(year: int, month: int) -> ConsultationMonth:
    """The month's row, locked; made if missing (two first consultations of a month at
    once: the unique (year, month) makes one, the other reads it)."""
    try:
        with transaction.atomic():
            ConsultationMonth.objects.get_or_create(year=year, month=month)
    except IntegrityError:
        pass
    return ConsultationMonth.objects.select_for_update().get(year=year, month=month)


@transaction.atomic
def consultation_month_ensure(*, user, year: int, month: int) -> Activity | None:
    """The month's one held activity with its figures as they are now; made with the
    month's first consultation and counted towards the programme's goal II 2."""
    row = _month_row(year, month)
    figures = Consultation.objects.filter(date__year=year, date__month=month)
    summary = figures.aggregate(
        total=Count("id"), minutes=Sum("minutes"), first=Min("date"), last=Max("date")
    )
    by_subject = dict(figures.values("subject").annotate(n=Count("id")).values_list("subject", "n"))
    hours = (Decimal(summary["minutes"] or 0) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)
    first_day = timezone.datetime(year, month, 1).date()
    held = {
        "start_date": first_day,
        "end_date": summary["last"] or first_day,
        "hours": hours,
        "outcome": _month_outcome(summary["total"], by_subject, hours),
    }
    if row.activity_id is None:
        if not summary["total"]:
            return None
        activity = activity_create(
            user=user,
            data={
                "area": Area.TRAINING,
                "kind": CONSULTATION_KIND,
                "title": month_title(year, month),
                "description": (
                    "Консултације о лиценцирању, акредитацији програма обуке, Комори "
                    "социјалне заштите и стручном усавршавању, по евиденцији саветника."
                ),
                "status": ActivityStatus.HELD,
                **held,
            },
        )
        row.activity = activity
        row.save(update_fields=["activity"])
    else:
        activity = activity_log_held(user=user, activity=row.activity, data=held)
    if summary["total"]:
        # Asked each time: a programme approved later still counts the month.
        activity_realises(user=user, activity=activity, goal=CONSULTATION_GOAL)
    return activity
