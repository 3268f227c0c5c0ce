"""Writes of the training catalogue (programme 2021, II): a programme and its
accreditation, its place in the public catalogue, the sessions held under it, and the
warnings to its owner that its accreditation ends soon.

A session is an area II activity made by the core's activity service, opened for sign-up
by the events' service (seats and the waiting list are theirs) and tied to its programme,
all in one transaction: a refusal anywhere stores none of the three."""

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import CertificateTerms
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.core.services.activities import activity_create
from pzss.events.services.signup import signup_configure
from pzss.lib import slugs
from pzss.lib.roles import is_staff_member
from pzss.lib.updates import model_update
from training.models import (
    AccreditationExpiryWarning,
    AccreditationStatus,
    PointsRule,
    ProgrammeOrigin,
    TrainingProgramme,
    TrainingSession,
)

# What the programme form edits; the accreditation's fields are among them, and a change
# of the status is recorded as a step of its own in the history.
PROGRAMME_FIELDS = [
    "title",
    "origin",
    "provider",
    "status",
    "accreditation_body",
    "accreditation_number",
    "valid_from",
    "valid_until",
    "authors",
    "trainers",
    "target_group",
    "days",
    "hours",
    "licence_points",
    "points_rule",
    "summary",
    "outcomes",
    "owner",
]
ACCREDITATION_FIELDS = [
    "status",
    "accreditation_body",
    "accreditation_number",
    "valid_from",
    "valid_until",
]
# What the "schedule a session" form gives the activity.
SESSION_FIELDS = [
    "kind",
    "title",
    "description",
    "start_date",
    "end_date",
    "start_time",
    "place",
    "online",
    "municipality",
]
SESSION_KINDS = [ActivityKind.ACCREDITED_TRAINING, ActivityKind.EDUCATION]
# The owner is warned this long before the accreditation ends.
EXPIRY_WARNING_MONTHS = 6
# Points earned for part of a programme (PointsRule.PER_DAY) are its share of the
# points, to one decimal and rounded down: a share never earns more than its days.
POINTS_STEP = Decimal("0.1")


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _lock(programme: TrainingProgramme) -> TrainingProgramme:
    return TrainingProgramme.objects.select_for_update().get(pk=programme.pk)


def _check(programme: TrainingProgramme) -> None:
    """The rules of a programme beyond its own row's (`TrainingProgramme.clean`)."""
    errors = {}
    if programme.origin == ProgrammeOrigin.PARTNER and programme.provider_id is None:
        errors["provider"] = _("Name the provider whose programme the institute organises.")
    if programme.owner_id and not is_staff_member(programme.owner):
        errors["owner"] = _("The owner of a programme is one of the institute's staff.")
    if errors:
        raise ValidationError(errors)


def expiry_horizon(today: dt.date) -> dt.date:
    """The last day an accreditation may end on and be warned of today."""
    return today + relativedelta(months=EXPIRY_WARNING_MONTHS)


def expires_soon(programme: TrainingProgramme, today: dt.date) -> bool:
    return (
        programme.status == AccreditationStatus.ACCREDITED
        and programme.valid_until is not None
        and today <= programme.valid_until <= expiry_horizon(today)
    )


@transaction.atomic
def programme_create(*, user, data: dict[str, Any]) -> TrainingProgramme:
    _require_staff(user)
    unknown = set(data) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"not a programme's field: {', '.join(sorted(unknown))}")
    programme = TrainingProgramme(**data)
    programme.slug = slugs.free_slug(
        TrainingProgramme.objects.all(),
        slugs.slug_base(data.get("title", ""), fallback="programme", max_length=100),
        max_length=100,
    )
    programme.full_clean()
    _check(programme)
    programme.save()
    audit_log(
        actor=user,
        action="programme_create",
        obj=programme,
        changes={k: [None, v] for k, v in snapshot(programme, PROGRAMME_FIELDS).items()},
    )
    return programme


@transaction.atomic
def programme_update(
    *, user, programme: TrainingProgramme, data: dict[str, Any]
) -> TrainingProgramme:
    """The programme's description and accreditation. Its address (slug) stays, so links
    to a published programme keep working. A change of the accreditation's status is its
    own entry in the history."""
    _require_staff(user)
    programme = _lock(programme)
    before = snapshot(programme, PROGRAMME_FIELDS)
    model_update(instance=programme, data=data, fields=PROGRAMME_FIELDS)
    _check(programme)
    changes = diff(before, snapshot(programme, PROGRAMME_FIELDS))
    accreditation = {k: v for k, v in changes.items() if k in ACCREDITATION_FIELDS}
    rest = {k: v for k, v in changes.items() if k not in ACCREDITATION_FIELDS}
    if "status" in accreditation:
        audit_log(
            actor=user,
            action="programme_accreditation",
            obj=programme,
            changes=accreditation,
            comment=programme.get_status_display(),
        )
    elif accreditation:
        rest.update(accreditation)
    if rest:
        audit_log(actor=user, action="programme_update", obj=programme, changes=rest)
    return programme


@transaction.atomic
def programme_publish(*, user, programme: TrainingProgramme, published: bool) -> TrainingProgramme:
    """Put the programme in the public catalogue, or take it out (its page is then a 404
    to the public; its sessions stay on the events' pages, which are the activities')."""
    _require_staff(user)
    programme = _lock(programme)
    if programme.is_published == published:
        raise ValidationError(
            _("The programme is in the public catalogue already.")
            if published
            else _("The programme is not in the public catalogue.")
        )
    programme.is_published = published
    programme.save(update_fields=["is_published", "updated_at"])
    audit_log(
        actor=user,
        action="programme_publish" if published else "programme_unpublish",
        obj=programme,
        changes={"is_published": [not published, published]},
    )
    return programme


# --- sessions -----------------------------------------------------------------------------


def session_kind_for(programme: TrainingProgramme) -> str:
    """An accredited programme is held as an accredited training; any other as an
    education without knowledge check."""
    if programme.status == AccreditationStatus.ACCREDITED:
        return ActivityKind.ACCREDITED_TRAINING
    return ActivityKind.EDUCATION


def _date(day: dt.date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def _check_session(programme: TrainingProgramme, data: dict[str, Any]) -> None:
    kind = data.get("kind")
    if kind not in SESSION_KINDS:
        raise ValidationError({"kind": _("A training session is a training or an education.")})
    expected = session_kind_for(programme)
    if kind != expected:
        if kind == ActivityKind.ACCREDITED_TRAINING:
            message = _(
                "The programme is “%(status)s”: a session is an accredited training only "
                "while the programme is accredited."
            ) % {"status": programme.get_status_display()}
        else:
            message = _(
                "The programme is accredited: its sessions are accredited trainings, "
                "with its accreditation number and points."
            )
        raise ValidationError({"kind": message})
    start, end = data.get("start_date"), data.get("end_date") or data.get("start_date")
    if start is None:
        return  # the activity's own validation names the missing date
    if end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    if (end - start).days + 1 < programme.days:
        raise ValidationError(
            {
                "end_date": ngettext(
                    "The programme lasts %(days)d day: the session cannot be shorter.",
                    "The programme lasts %(days)d days: the session cannot be shorter.",
                    programme.days,
                )
                % {"days": programme.days}
            }
        )
    if kind == ActivityKind.ACCREDITED_TRAINING:
        period = {"from": _date(programme.valid_from), "until": _date(programme.valid_until)}
        if not programme.is_accredited_on(start):
            raise ValidationError(
                {
                    "start_date": _(
                        "The session would begin outside the programme's accreditation "
                        "(%(from)s – %(until)s)."
                    )
                    % period
                }
            )
        if not programme.is_accredited_on(end):
            raise ValidationError(
                {
                    "end_date" if data.get("end_date") else "start_date": _(
                        "The session would end outside the programme's accreditation "
                        "(%(from)s – %(until)s)."
                    )
                    % period
                }
            )


@transaction.atomic
def session_schedule(
    *,
    user,
    programme: TrainingProgramme,
    data: dict[str, Any],
    capacity: int | None,
    closes_at: dt.datetime | None = None,
    responsible=(),
) -> TrainingSession:
    """A session of the programme: an area II activity (public, scheduled, of the
    programme's length in hours), its sign-up (with the programme's accreditation number
    and points when it is accredited; seats and the waiting list are the events'), and
    the session's row. Refused whole if any of them is."""
    _require_staff(user)
    unknown = set(data) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"not a session's field: {', '.join(sorted(unknown))}")
    # Locked: the programme's accreditation cannot change while its session is checked.
    programme = _lock(programme)
    data = {**data, "title": (data.get("title") or "").strip() or programme.title}
    _check_session(programme, data)
    accredited = data["kind"] == ActivityKind.ACCREDITED_TRAINING
    activity = activity_create(
        user=user,
        data={
            **data,
            "area": Area.TRAINING,
            "status": ActivityStatus.SCHEDULED,
            "is_public": True,
            "hours": programme.hours,
        },
        responsible=responsible or [programme.owner],
    )
    signup_configure(
        user=user,
        activity=activity,
        capacity=capacity,
        options={
            "is_open": True,
            "closes_at": closes_at,
            "accreditation_number": programme.accreditation_number if accredited else "",
            "licence_points": programme.licence_points if accredited else None,
        },
        groups=[],
        questions=[],
    )
    activity.refresh_from_db()  # the sign-up's service set its seats on its own locked copy
    session = TrainingSession(activity=activity, programme=programme)
    session.full_clean()
    session.save()
    audit_log(
        actor=user,
        action="training_session_schedule",
        obj=programme,
        changes={
            "activity": [None, activity.title],
            "start_date": [None, str(activity.start_date)],
        },
    )
    return session


# --- points on the certificates -----------------------------------------------------------


def _number(value: Decimal) -> str:
    places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, decimal_pos=places)


def points_earned(
    *, rule: str, points: Decimal, attended: int, required: int
) -> tuple[Decimal, bool]:
    """The points for `attended` of the `required` days, and whether that is all of them."""
    attended = min(attended, required)
    if attended >= required:
        return points, True
    if rule == PointsRule.ALL_DAYS:
        return Decimal("0"), False
    share = (points * attended / required).quantize(POINTS_STEP, rounding=ROUND_FLOOR)
    return share, False


def session_certificate_rule(activity: Activity):
    """The rule of the certificates of a training session (None for any other activity):
    the programme's points only for the days its rule asks for."""
    session = (
        TrainingSession.objects.select_related("programme").filter(activity_id=activity.pk).first()
    )
    if session is None:
        return None
    programme = session.programme

    def rule(*, registration, attended_days, event_days, points) -> CertificateTerms:
        if points is None:
            return CertificateTerms(points=None)
        required = programme.days
        attended = min(len(attended_days), required)
        earned, whole = points_earned(
            rule=programme.points_rule, points=points, attended=attended, required=required
        )
        if whole:
            return CertificateTerms(points=earned)
        if earned == 0:
            note = ngettext(
                "Points not earned: attended %(attended)d of %(required)d day, and the "
                "programme gives its points only for attending every day.",
                "Points not earned: attended %(attended)d of %(required)d days, and the "
                "programme gives its points only for attending every day.",
                required,
            ) % {"attended": attended, "required": required}
        else:
            note = ngettext(
                "Attended %(attended)d of %(required)d day: %(earned)s of %(points)s points.",
                "Attended %(attended)d of %(required)d days: %(earned)s of %(points)s points.",
                required,
            ) % {
                "attended": attended,
                "required": required,
                "earned": _number(earned),
                "points": _number(points),
            }
        return CertificateTerms(points=earned, note=note)

    return rule


# --- the accreditation's end ----------------------------------------------------------------


@transaction.atomic
def programmes_expire(*, today: dt.date) -> list[int]:
    """Accredited programmes whose accreditation ended before today become «expired», so
    the catalogue does not call them accredited (and a session is no longer scheduled as
    an accredited training). Safe to repeat: an expired programme is not accredited."""
    lapsed = list(
        TrainingProgramme.objects.select_for_update()
        .filter(status=AccreditationStatus.ACCREDITED, valid_until__lt=today)
        .order_by("pk")
    )
    for programme in lapsed:
        programme.status = AccreditationStatus.EXPIRED
        programme.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=None,
            action="programme_accreditation",
            obj=programme,
            changes={"status": [AccreditationStatus.ACCREDITED, AccreditationStatus.EXPIRED]},
            comment=programme.get_status_display(),
        )
    return [p.pk for p in lapsed]


def expiry_warnings_claim(*, today: dt.date) -> list[int]:
    """Record a warning for every accredited programme whose accreditation ends within
    six months and whose owner has not been warned of that end date, and give their ids.
    Recorded once (unique per programme and end date), so a second run, or two at once,
    claims nothing new; the caller sends only what this run claimed."""
    due = (
        TrainingProgramme.objects.expiring(today=today, until=expiry_horizon(today))
        .exclude(expiry_warnings__valid_until=F("valid_until"))
        .select_related("owner")
    )
    claimed = []
    for programme in due:
        warning, created = AccreditationExpiryWarning.objects.get_or_create(
            programme=programme,
            valid_until=programme.valid_until,
            defaults={"sent_to": programme.owner.email or ""},
        )
        if created:
            audit_log(
                actor=None,
                action="programme_expiry_warning",
                obj=programme,
                comment=programme.valid_until.isoformat(),
            )
            claimed.append(warning.pk)
    return claimed
