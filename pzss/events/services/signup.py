"""The public sign-up and the sign-up options: who may sign up, until when, and the
event's own questions. Seats and the waiting list are `waitlist`'s."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import Activity, ActivityStatus, Institution, Person, Registration
from pzss.core.services.people import person_get_or_create
from pzss.events.models import Admission, EventSignup, SignupQuestion
from pzss.events.services.waitlist import (
    SignupRefused,
    fill_free_seats,
    lock_activity,
    queue_email,
    registration_place,
    signup_for,
)
from pzss.lib.text import clean_text


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    created: bool  # False: the person was already registered and gets that registration back


def signup_closed_reason(activity: Activity, signup: EventSignup | None, now=None) -> str | None:
    """Why nobody can sign up right now, or None when sign-up is open."""
    now = now or timezone.now()
    if signup is None:
        return _("This event is not open for sign-up.")
    if activity.status == ActivityStatus.CANCELLED:
        return _("This event is cancelled.")
    if not activity.is_open or activity.last_date < timezone.localdate(now):
        return _("This event has already taken place.")
    if not signup.is_open:
        return _("Sign-up for this event is closed.")
    if signup.opens_at and now < signup.opens_at:
        return _("Sign-up opens on %(when)s.") % {"when": _when(signup.opens_at)}
    if signup.closes_at and now >= signup.closes_at:
        return _("Sign-up for this event closed on %(when)s.") % {"when": _when(signup.closes_at)}
    return None


def _when(moment) -> str:
    """A moment as the reader writes one (14.12.2020. 10:00, or 14 Dec 2020, 10:00)."""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def is_group_member(*, groups, institution: Institution | None, email: str) -> bool:
    """A member of a standing group is a person listed among its members, or anyone who
    signs up for one of its member institutions: the groups are made of centres, and a
    centre's new supervisor belongs to the group from their first day."""
    group_ids = [g.pk for g in groups]
    if not group_ids:
        return False
    if (
        institution is not None
        and Institution.objects.filter(pk=institution.pk, standing_groups__in=group_ids).exists()
    ):
        return True
    return (
        bool(email)
        and Person.objects.with_email(email).filter(standing_groups__in=group_ids).exists()
    )


def admission_refusal(
    signup: EventSignup, *, institution: Institution | None, email: str
) -> str | None:
    if signup.admission == Admission.GROUPS:
        groups = list(signup.admitted_groups.all())
        if not is_group_member(groups=groups, institution=institution, email=email):
            return _(
                "This event is for members of %(groups)s only, and neither you nor your "
                "institution is among them."
            ) % {"groups": ", ".join(g.name for g in groups) or "—"}
    elif signup.admission == Admission.INSTITUTION_KINDS:
        kinds = set(signup.admitted_institution_kinds or [])
        if institution is None or institution.kind not in kinds:
            return _("This event is for staff of certain kinds of institution only.")
    return None


def clean_answers(questions: list[SignupQuestion], raw: dict) -> dict:
    """Answers keyed by question id (as text), checked against the questions."""
    answers: dict[str, object] = {}
    errors = {}
    for q in questions:
        value = raw.get(q.field_name)
        if q.kind == "yesno":
            if value in (None, ""):
                value = None
            elif not isinstance(value, bool):
                value = str(value).lower() in {"yes", "true", "1", "on"}
        elif q.kind == "choice":
            value = (value or "").strip()
            if value and value not in q.choices:
                errors[q.field_name] = _("Choose one of the offered answers.")
        else:
            value = clean_text(value or "").strip()[:2000]
        if q.required and value in (None, ""):
            errors[q.field_name] = _("This question needs an answer.")
        answers[str(q.pk)] = value
    if errors:
        raise ValidationError(errors)
    return answers


def registration_signup(
    *,
    activity: Activity,
    first_name: str,
    last_name: str,
    email: str,
    institution: Institution | None,
    position: str = "",
    answers: dict | None = None,
    language: str = "sr",
    user=None,
) -> SignupResult:
    """A public sign-up: a seat when one is free, otherwise a place on the waiting list.
    The same e-mail signing up again gets its existing registration back."""
    email = (email or "").strip().lower()
    # The public form cleans what it reads; the service cleans again for any other caller.
    first_name, last_name = clean_text(first_name).strip(), clean_text(last_name).strip()
    position = clean_text(position or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise SignupRefused({"email": _("Enter a valid e-mail address.")}) from exc
    if not first_name or not last_name:
        raise SignupRefused(_("First and last name are required."))
    if institution is not None and not institution.is_active:
        raise SignupRefused({"institution": _("Choose an institution from the list.")})
    signup = signup_for(activity)
    # Cheap refusals first, without the lock: they do not depend on who else signs up.
    reason = signup_closed_reason(activity, signup)
    if reason:
        raise SignupRefused(reason)
    reason = admission_refusal(signup, institution=institution, email=email)
    if reason:
        raise SignupRefused(reason)
    with transaction.atomic():
        # The person and the registration are one commit: one WAL flush per sign-up, and
        # a refusal below stores no one.
        person = person_get_or_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            institution=institution,
            position=position,
        )
        registration, created = registration_place(
            activity=activity,
            person=person,
            source="public",
            user=user,
            institution=institution,
            position=position,
            answers=answers,
            language=language,
            action="registration_signup",
            only_if_open=True,
        )
    return SignupResult(registration, created=created)


def registration_link_resend(*, registration: Registration) -> None:
    """Someone signed up again with an e-mail that is already registered: the personal link
    goes to that address (never to whoever typed it)."""
    queue_email(registration, "received")


@transaction.atomic
def signup_configure(
    *,
    user,
    activity: Activity,
    capacity: int | None,
    options: dict,
    groups,
    questions: list[dict],
) -> EventSignup:
    """Open (or re-configure) an activity's sign-up: seats, dates, who may sign up and the
    event's own questions. More seats go to the waiting list at once."""
    locked = lock_activity(activity.pk)
    try:
        # The activity's own bounds on seats (this path saves the one field, not the row).
        capacity = Activity._meta.get_field("capacity").clean(capacity, locked)
    except ValidationError as exc:
        raise ValidationError({"capacity": exc.messages}) from exc
    signup = EventSignup.objects.filter(activity=locked).first() or EventSignup(activity=locked)
    for name, value in options.items():
        setattr(signup, name, value)
    signup.full_clean()
    signup.save()
    signup.admitted_groups.set(groups)
    if locked.capacity != capacity:
        old = locked.capacity
        locked.capacity = capacity
        locked.save(update_fields=["capacity", "updated_at"])
        audit_log(
            actor=user, action="activity_seats", obj=locked, changes={"capacity": [old, capacity]}
        )
    kept = []
    for order, data in enumerate(questions):
        question = (
            SignupQuestion.objects.filter(activity=locked, pk=data.get("id")).first()
            if data.get("id")
            else None
        ) or SignupQuestion(activity=locked)
        question.label = data["label"]
        question.kind = data["kind"]
        question.choices = data.get("choices") or []
        question.required = bool(data.get("required"))
        question.order = order
        question.full_clean()
        question.save()
        kept.append(question.pk)
    SignupQuestion.objects.filter(activity=locked).exclude(pk__in=kept).delete()
    audit_log(actor=user, action="signup_configure", obj=locked)
    fill_free_seats(locked)
    return signup
