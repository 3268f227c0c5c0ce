"""Sign-up for events: registering, cancelling, the waiting list, staff decisions,
attendance, certificates and anonymisation.

Seats are `Activity.capacity`. A seat is held by a registration that is confirmed, awaiting
approval, attended or absent. Every change that can take or free a seat runs inside one
transaction that holds the activity's row lock (`_lock_activity`): concurrent sign-ups and
cancellations of one event queue up on that lock, so a count followed by an insert is never
interleaved with another's (no oversell), while other events are not held up.
"""

import datetime as dt
import logging
import secrets
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import (
    Activity,
    ActivityStatus,
    Admission,
    Attendance,
    Certificate,
    EventSignup,
    Institution,
    Person,
    Registration,
    RegistrationExtra,
    RegistrationStatus,
    SignupQuestion,
)

log = logging.getLogger(__name__)

# Registrations that hold a seat.
SEAT_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
)
# Registrations a person may still cancel themselves.
CANCELLABLE = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
)
OPEN_ACTIVITY = (ActivityStatus.PLANNED, ActivityStatus.SCHEDULED)


class SignupRefused(ValidationError):
    """A sign-up the rules do not allow; the message says why, for the person."""


@dataclass(frozen=True)
class SignupResult:
    registration: Registration
    created: bool  # False: the person was already registered and gets that registration back


def locking_enabled() -> bool:
    # A test-only switch: the concurrency test turns the lock off to prove it can fail.
    return getattr(settings, "REGISTRATION_LOCKING", True)


def _lock_activity(activity_id: int) -> Activity:
    """The activity row, locked until the end of the current transaction."""
    qs = Activity.objects.all()
    if locking_enabled():
        qs = qs.select_for_update()
    return qs.get(pk=activity_id)


def _queue_email(registration_id: int, kind: str) -> None:
    from pzss.core.registration_tasks import send_registration_email

    # After commit: the worker must see the registration, and a rolled-back sign-up sends
    # nothing. With the broker up but no worker, the message waits in the queue.
    transaction.on_commit(lambda: send_registration_email.delay(registration_id, kind))


def _extra(registration: Registration) -> RegistrationExtra:
    extra, _created = RegistrationExtra.objects.get_or_create(registration=registration)
    return extra


# --- rules ---------------------------------------------------------------------------------


def signup_for(activity: Activity) -> EventSignup | None:
    try:
        return activity.signup
    except EventSignup.DoesNotExist:
        return None


def signup_closed_reason(activity: Activity, signup: EventSignup | None, now=None) -> str | None:
    """Why nobody can sign up right now, or None when sign-up is open."""
    now = now or timezone.now()
    if signup is None:
        return _("This event is not open for sign-up.")
    if activity.status == ActivityStatus.CANCELLED:
        return _("This event is cancelled.")
    if activity.status not in OPEN_ACTIVITY or activity.last_date < timezone.localdate(now):
        return _("This event has already taken place.")
    if not signup.is_open:
        return _("Sign-up for this event is closed.")
    if signup.opens_at and now < signup.opens_at:
        return _("Sign-up opens on %(when)s.") % {
            "when": timezone.localtime(signup.opens_at).strftime("%d.%m.%Y. %H:%M")
        }
    if signup.closes_at and now >= signup.closes_at:
        return _("Sign-up for this event closed on %(when)s.") % {
            "when": timezone.localtime(signup.closes_at).strftime("%d.%m.%Y. %H:%M")
        }
    return None


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
        and Person.objects.filter(email__iexact=email, standing_groups__in=group_ids).exists()
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


def seats_taken(activity: Activity) -> int:
    return Registration.objects.filter(activity=activity, status__in=SEAT_STATUSES).count()


def _seat_status(signup: EventSignup | None) -> str:
    needs_approval = signup is not None and signup.needs_approval
    return RegistrationStatus.PENDING if needs_approval else RegistrationStatus.CONFIRMED


def _seat_state(
    activity: Activity, signup: EventSignup | None, institution_id, person_id=None
) -> tuple[bool, int | None]:
    """Whether one more seat can be given now, and the id of this person's registration
    if they have one: one query. Call only with the activity locked."""
    limit = signup.per_institution_limit if signup else None
    aggregates = {"taken": Count("id", filter=Q(status__in=SEAT_STATUSES))}
    if person_id is not None:
        aggregates["existing"] = Max("id", filter=Q(person_id=person_id))
    if limit and institution_id:
        aggregates["institution_taken"] = Count(
            "id", filter=Q(status__in=SEAT_STATUSES, institution_id=institution_id)
        )
    row = Registration.objects.filter(activity=activity).aggregate(**aggregates)
    has_seat = not (
        (activity.capacity is not None and row["taken"] >= activity.capacity)
        or (limit and institution_id and row["institution_taken"] >= limit)
    )
    return has_seat, row.get("existing")


def _has_seat_for(activity: Activity, signup: EventSignup | None, institution_id) -> bool:
    return _seat_state(activity, signup, institution_id)[0]


# Ranked people (1, 2, …) first; unranked (0, or no details row) after them.
WAITLIST_ORDER = Coalesce(NullIf(F("extra__waitlist_rank"), 0), Value(2**31 - 1))


def waitlist(activity: Activity):
    """The waiting list in order: people staff placed (ranked), then everyone else in the
    order they signed up. Sign-ups are inserted under the activity lock, so id order is
    the order in which they got their turn."""
    return (
        Registration.objects.filter(activity=activity, status=RegistrationStatus.WAITLISTED)
        .select_related("person", "institution", "extra")
        .order_by(WAITLIST_ORDER, "created_at", "id")
    )


def _person_for(
    *, email: str, first_name: str, last_name: str, institution, position: str
) -> Person:
    """The directory's person with this e-mail, or a new one. What is already in the
    directory is not overwritten by a public form; only empty fields are filled."""
    person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        try:
            with transaction.atomic():
                return Person.objects.create(
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    institution=institution,
                    position=position,
                )
        except IntegrityError:
            # The same e-mail signed up at the same moment in another request.
            return Person.objects.get(email__iexact=email)
    changed = []
    if person.institution_id is None and institution is not None:
        person.institution = institution
        changed.append("institution")
    if not person.position and position:
        person.position = position
        changed.append("position")
    if changed:
        person.save(update_fields=changed)
    return person


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
            value = (value or "").strip()[:2000]
        if q.required and value in (None, ""):
            errors[q.field_name] = _("This question needs an answer.")
        answers[str(q.pk)] = value
    if errors:
        raise ValidationError(errors)
    return answers


# --- sign-up ---------------------------------------------------------------------------------


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
    first_name, last_name = first_name.strip(), last_name.strip()
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
        person = _person_for(
            email=email,
            first_name=first_name,
            last_name=last_name,
            institution=institution,
            position=position,
        )
        # Lock once, as late as possible and before the count: everything above is done by
        # many requests in parallel; from here to commit they take turns per event, so
        # the few statements below are all that is serialised.
        locked = _lock_activity(activity.pk)
        if locked.status not in OPEN_ACTIVITY:
            raise SignupRefused(_("This event is not open for sign-up."))
        has_seat, existing_id = _seat_state(
            locked, signup, institution.pk if institution else None, person.pk
        )
        existing = Registration.objects.get(pk=existing_id) if existing_id else None
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            return SignupResult(existing, created=False)
        status = _seat_status(signup) if has_seat else RegistrationStatus.WAITLISTED
        fields = {
            "status": status,
            "institution": institution,
            "position": position,
            "answers": answers or {},
            "language": language,
            "source": "public",
        }
        if existing is not None:
            # Signing up again after cancelling reopens the same registration, as a new
            # sign-up: at the end of the waiting list if it goes there.
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.created_at = timezone.now()
            existing.save(update_fields=[*fields, "created_at", "updated_at"])
            registration = existing
            RegistrationExtra.objects.update_or_create(
                registration=registration, defaults={"waitlist_rank": 0, "cancelled_at": None}
            )
        elif locking_enabled():
            # Under the lock the same person cannot race in: the check above saw any
            # earlier registration, so no savepoint is needed around the insert.
            registration = Registration.objects.create(activity=locked, person=person, **fields)
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        activity=locked, person=person, **fields
                    )
            except IntegrityError:
                # Only reachable without the lock: the same person at the same moment.
                return SignupResult(
                    Registration.objects.get(activity=locked, person=person), created=False
                )
        audit_log(
            actor=user,
            action="registration_signup",
            obj=registration,
            changes={"status": [None, status]},
        )
        _queue_email(registration.pk, "received")
    return SignupResult(registration, created=True)


def registration_link_resend(*, registration: Registration) -> None:
    """Someone signed up again with an e-mail that is already registered: the personal link
    goes to that address (never to whoever typed it)."""
    with transaction.atomic():
        _queue_email(registration.pk, "received")


def _fill_free_seats(activity: Activity) -> list[Registration]:
    """Give free seats to the waiting list, first come first served (skipping people
    whose institution has used its seats). Call only with the activity locked."""
    if activity.status not in OPEN_ACTIVITY or activity.last_date < timezone.localdate():
        return []
    signup = EventSignup.objects.filter(activity_id=activity.pk).first()
    taken = seats_taken(activity)
    free = None if activity.capacity is None else activity.capacity - taken
    if free is not None and free <= 0:
        return []
    limit = signup.per_institution_limit if signup else None
    used: Counter = Counter()
    if limit:
        used.update(
            Registration.objects.filter(
                activity=activity, status__in=SEAT_STATUSES, institution__isnull=False
            ).values_list("institution_id", flat=True)
        )
    promoted = []
    now = timezone.now()
    for registration in waitlist(activity):
        if free is not None and free <= 0:
            break
        if limit and registration.institution_id and used[registration.institution_id] >= limit:
            continue
        registration.status = _seat_status(signup)
        registration.save(update_fields=["status", "updated_at"])
        RegistrationExtra.objects.update_or_create(
            registration=registration, defaults={"promoted_at": now}
        )
        audit_log(
            actor=None,
            action="registration_promote",
            obj=registration,
            changes={"status": [RegistrationStatus.WAITLISTED, registration.status]},
        )
        _queue_email(registration.pk, "promoted")
        promoted.append(registration)
        used[registration.institution_id] += 1
        if free is not None:
            free -= 1
    return promoted


@transaction.atomic
def seats_fill(*, user, activity: Activity) -> list[Registration]:
    """Staff: after adding seats (or any change), give the free seats to the waiting list."""
    locked = _lock_activity(activity.pk)
    return _fill_free_seats(locked)


def _change_status(
    *, registration: Registration, allowed, new_status: str, user, action: str, comment: str = ""
) -> tuple[Registration, list[Registration]]:
    """Change one registration's status under the activity lock, then hand any freed seat
    to the waiting list."""
    locked = _lock_activity(registration.activity_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    if registration.status not in allowed:
        raise ValidationError(
            _("This registration is %(status)s; that cannot be changed this way.")
            % {"status": registration.get_status_display()}
        )
    old = registration.status
    registration.status = new_status
    registration.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=user,
        action=action,
        obj=registration,
        changes={"status": [old, new_status]},
        comment=comment,
    )
    promoted = _fill_free_seats(locked) if old in SEAT_STATUSES else []
    return registration, promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, user=None) -> Registration:
    """Cancel a seat or leave the waiting list; the first on the waiting list gets the
    freed seat at once."""
    registration, _promoted = _change_status(
        registration=registration,
        allowed=CANCELLABLE,
        new_status=RegistrationStatus.CANCELLED,
        user=user,
        action="registration_cancel",
    )
    RegistrationExtra.objects.update_or_create(
        registration=registration, defaults={"cancelled_at": timezone.now()}
    )
    _queue_email(registration.pk, "cancelled")
    return registration


@transaction.atomic
def registration_approve(*, user, registration: Registration) -> Registration:
    registration, _promoted = _change_status(
        registration=registration,
        allowed=(RegistrationStatus.PENDING,),
        new_status=RegistrationStatus.CONFIRMED,
        user=user,
        action="registration_approve",
    )
    RegistrationExtra.objects.update_or_create(
        registration=registration, defaults={"decided_at": timezone.now()}
    )
    _queue_email(registration.pk, "approved")
    return registration


@transaction.atomic
def registration_reject(*, user, registration: Registration, reason: str) -> Registration:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the sign-up is rejected.")})
    registration, _promoted = _change_status(
        registration=registration,
        allowed=CANCELLABLE,
        new_status=RegistrationStatus.REJECTED,
        user=user,
        action="registration_reject",
        comment=reason,
    )
    RegistrationExtra.objects.update_or_create(
        registration=registration,
        defaults={"decided_at": timezone.now(), "decision_reason": reason},
    )
    _queue_email(registration.pk, "rejected")
    return registration


@transaction.atomic
def waitlist_move(*, user, registration: Registration, position: int, reason: str) -> int:
    """Put someone at `position` (1 = next to get a seat) on the waiting list."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the order of the waiting list changes.")})
    locked = _lock_activity(registration.activity_id)
    queue = list(waitlist(locked))
    current = next((r for r in queue if r.pk == registration.pk), None)
    if current is None:
        raise ValidationError(_("This person is not on the waiting list."))
    old_position = queue.index(current) + 1
    position = max(1, min(int(position), len(queue)))
    queue.remove(current)
    queue.insert(position - 1, current)
    for rank, item in enumerate(queue, start=1):
        RegistrationExtra.objects.update_or_create(
            registration=item, defaults={"waitlist_rank": rank}
        )
    RegistrationExtra.objects.filter(registration=current).update(waitlist_reason=reason)
    audit_log(
        actor=user,
        action="waitlist_move",
        obj=current,
        changes={"waitlist_position": [old_position, position]},
        comment=reason,
    )
    return position


@transaction.atomic
def registration_add_by_staff(
    *,
    user,
    activity: Activity,
    first_name: str,
    last_name: str,
    email: str,
    institution: Institution | None,
    position: str = "",
    seat_over_capacity: bool = False,
) -> Registration:
    """Staff add someone by hand: the admission rules and dates do not apply, the seats
    do (unless staff give a seat above the capacity on purpose)."""
    email = (email or "").strip().lower()
    if email:
        validate_email(email)
        person = _person_for(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            institution=institution,
            position=position,
        )
    else:
        person = Person(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            institution=institution,
            position=position,
        )
        person.full_clean()
        person.save()
    locked = _lock_activity(activity.pk)
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("A cancelled activity has no participants."))
    existing = Registration.objects.filter(activity=locked, person=person).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise ValidationError(
            _("%(name)s is already registered (%(status)s).")
            % {"name": person.full_name, "status": existing.get_status_display()}
        )
    signup = EventSignup.objects.filter(activity=locked).first()
    if seat_over_capacity or _has_seat_for(locked, signup, institution.pk if institution else None):
        status = RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITLISTED
    if existing is not None:
        registration = existing
        registration.status = status
        registration.institution = institution
        registration.position = position
        registration.source = "staff"
        registration.created_at = timezone.now()
        registration.save(
            update_fields=[
                "status",
                "institution",
                "position",
                "source",
                "created_at",
                "updated_at",
            ]
        )
    else:
        registration = Registration.objects.create(
            activity=locked,
            person=person,
            status=status,
            institution=institution,
            position=position,
            source="staff",
            language="sr",
        )
    RegistrationExtra.objects.update_or_create(
        registration=registration, defaults={"waitlist_rank": 0, "cancelled_at": None}
    )
    audit_log(
        actor=user,
        action="registration_add",
        obj=registration,
        changes={"status": [None, status]},
        comment=_("above the capacity") if seat_over_capacity else "",
    )
    if person.email:
        _queue_email(registration.pk, "received")
    return registration


# --- sign-up options -------------------------------------------------------------------------


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
    locked = _lock_activity(activity.pk)
    signup = EventSignup.objects.filter(activity=locked).first() or EventSignup(activity=locked)
    for name, value in options.items():
        setattr(signup, name, value)
    signup.full_clean()
    signup.save()
    signup.admitted_groups.set(groups)
    if locked.capacity != capacity:
        old = locked.capacity
        if capacity is not None and capacity < 0:
            raise ValidationError({"capacity": _("Seats cannot be fewer than none.")})
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
    _fill_free_seats(locked)
    return signup


# --- attendance ------------------------------------------------------------------------------


def event_days(activity: Activity) -> list[dt.date]:
    last = activity.end_date or activity.start_date
    return [
        activity.start_date + dt.timedelta(days=n)
        for n in range((last - activity.start_date).days + 1)
    ]


MARKABLE = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.ABSENT)


@transaction.atomic
def attendance_mark(
    *, user, registration: Registration, day: dt.date, present: bool
) -> Registration:
    """Present or absent on one day. Attended = present on at least one day. Moving
    between confirmed, attended and absent keeps the seat, so no lock on the activity."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in MARKABLE:
        raise ValidationError(_("Only confirmed participants can be marked present or absent."))
    if day not in event_days(registration.activity):
        raise ValidationError(_("The event does not take place on that day."))
    Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"present": present, "marked_by": user}
    )
    marks = list(registration.attendance.values_list("present", flat=True))
    new_status = RegistrationStatus.ATTENDED if any(marks) else RegistrationStatus.ABSENT
    if new_status != registration.status:
        old = registration.status
        registration.status = new_status
        registration.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=user,
            action="attendance_mark",
            obj=registration,
            changes={"status": [old, new_status]},
            comment=day.isoformat(),
        )
    return registration


# --- certificates ----------------------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def certificate_hours(registration: Registration, days: list[dt.date]) -> Decimal | None:
    hours = registration.activity.hours
    if hours is None:
        return None
    present = sum(1 for a in registration.attendance.all() if a.present)
    if not present or present >= len(days):
        # Marked attended without per-day marks, or present every day: the whole event.
        return hours
    return (hours * present / len(days)).quantize(Decimal("0.1"))


@transaction.atomic
def certificates_issue(*, user, activity: Activity) -> list[Certificate]:
    """A certificate for every attended registration that has none; each PDF is rendered
    in the background. Issuing twice issues nothing new."""
    from pzss.core.certificates import certificate_document_request

    locked = _lock_activity(activity.pk)  # numbers are sequential per event
    signup = EventSignup.objects.filter(activity=locked).first()
    days = event_days(locked)
    pending = (
        Registration.objects.filter(
            activity=locked, status=RegistrationStatus.ATTENDED, certificate__isnull=True
        )
        .select_related("person", "institution", "activity")
        .prefetch_related("attendance")
        .order_by("person__last_name", "person__first_name", "id")
    )
    sequence = Certificate.objects.filter(activity=locked).count()
    issued = []
    for registration in pending:
        sequence += 1
        certificate = Certificate.objects.create(
            registration=registration,
            activity=locked,
            number=f"{locked.start_date.year}-{locked.pk:04d}-{sequence:03d}",
            code=new_certificate_code(),
            person_name=registration.person.full_name,
            institution_name=registration.institution.name if registration.institution else "",
            activity_title=locked.title,
            activity_kind=locked.kind,
            start_date=locked.start_date,
            end_date=locked.end_date,
            place=_("Online") if locked.online else locked.place,
            hours=certificate_hours(registration, days),
            accreditation_number=signup.accreditation_number if signup else "",
            licence_points=signup.licence_points if signup else None,
        )
        issued.append(certificate)
    if issued:
        audit_log(
            actor=user,
            action="certificates_issue",
            obj=locked,
            comment=_("%(count)d certificates issued") % {"count": len(issued)},
        )
    ids = [c.pk for c in issued]
    transaction.on_commit(lambda: [certificate_document_request(pk, user) for pk in ids])
    return issued


def certificates_email(*, user, activity: Activity) -> int:
    """Send each issued certificate of the event to its holder (once)."""
    from pzss.core.registration_tasks import send_certificate_email

    ids = list(
        Certificate.objects.filter(
            activity=activity,
            emailed_at__isnull=True,
            revoked_at__isnull=True,
            registration__person__email__gt="",
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        audit_log(actor=user, action="certificates_email", obj=activity, comment=str(len(ids)))
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_certificate_email.delay(pk))
    return len(ids)


def registrations_message(
    *, user, activity: Activity, statuses: list[str], subject: str, body: str
) -> int:
    """A message from staff to everyone registered with one of `statuses`."""
    from pzss.core.registration_tasks import send_staff_message

    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    ids = list(
        Registration.objects.filter(
            activity=activity, status__in=statuses, person__email__gt=""
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        audit_log(
            actor=user,
            action="registrations_message",
            obj=activity,
            changes={"statuses": statuses, "recipients": len(ids)},
            comment=subject,
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_staff_message.delay(pk, subject, body))
    return len(ids)


# --- privacy -------------------------------------------------------------------------------

ANONYMOUS_NAME = "—"


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d, day.day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def registrations_anonymise(*, months: int, user=None) -> int:
    """Remove names and e-mails from the registrations of events that ended more than
    `months` months ago. The registrations stay (status, institution, position), so the
    counts of who came from where do not change; each gets a nameless person of its own.
    People left with no registration and no standing group are removed from the directory.
    Certificates of those events keep their number and event but lose the holder's name."""
    if months < 1:
        raise ValueError("months must be at least 1")
    cutoff = months_before(timezone.localdate(), months)
    old = (
        Registration.objects.filter(
            Q(activity__end_date__lt=cutoff)
            | Q(activity__end_date__isnull=True, activity__start_date__lt=cutoff)
        )
        .exclude(extra__anonymised_at__isnull=False)
        .select_related("person")
    )
    now = timezone.now()
    people = set()
    count = 0
    for registration in old:
        people.add(registration.person_id)
        nameless = Person.objects.create(
            first_name=ANONYMOUS_NAME,
            last_name="",
            institution_id=registration.institution_id,
            position=registration.position,
        )
        registration.person = nameless
        registration.answers = {}
        registration.note = ""
        registration.save(update_fields=["person", "answers", "note", "updated_at"])
        RegistrationExtra.objects.update_or_create(
            registration=registration,
            defaults={"anonymised_at": now, "waitlist_reason": "", "decision_reason": ""},
        )
        count += 1
    Certificate.objects.filter(
        Q(end_date__lt=cutoff) | Q(end_date__isnull=True, start_date__lt=cutoff)
    ).exclude(person_name="").update(person_name="", institution_name="")
    Person.objects.filter(
        pk__in=people, registrations__isnull=True, standing_groups__isnull=True
    ).delete()
    if count:
        log.info("Anonymised %d registrations of events before %s", count, cutoff)
    return count
