"""Seats and the waiting list: the one way onto an activity and off it.

Seats are `Activity.capacity`; a seat is held by a registration whose status is one of
`SEAT_STATUSES`. Every path that puts a person on an activity — the public sign-up, staff
adding from the event page or the activity page, a person typed in inline, an imported
list — calls `registration_place`, and every path that takes one off calls
`registration_release`; both run with the activity's row locked (`lock_activity`), so
concurrent sign-ups and cancellations of one event queue up on that lock, a count
followed by an insert is never interleaved with another's (no oversell), and a freed
seat goes to the first person waiting. Other events are not held up.
"""

import functools
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import (
    SEAT_STATUSES,
    Activity,
    ActivityStatus,
    Institution,
    Person,
    Registration,
    RegistrationStatus,
)
from pzss.events.models import EventSignup
from pzss.events.tasks import send_registration_email
from pzss.lib.locking import lock_row


class SignupRefused(ValidationError):
    """A sign-up the rules do not allow; the message says why, for the person."""


def lock_activity(activity_id: int) -> Activity:
    """The activity row, locked until the end of the current transaction (which must be
    open: the helper refuses otherwise)."""
    return lock_row(Activity, activity_id)


def signup_for(activity: Activity) -> EventSignup | None:
    try:
        return activity.signup
    except EventSignup.DoesNotExist:
        return None


def _seated_status(signup: EventSignup | None) -> str:
    needs_approval = signup is not None and signup.needs_approval
    return RegistrationStatus.PENDING if needs_approval else RegistrationStatus.CONFIRMED


@dataclass(frozen=True)
class SeatState:
    needs_approval: bool
    has_seat: bool
    existing_id: int | None
    last_rank: int


@functools.cache
def _seat_state_sql(vendor: str) -> str:
    """The state query's text, written once from the models' tables and columns.

    By hand, not through the ORM: compiling its four subqueries cost the ORM a quarter of
    a sign-up's CPU, every sign-up, for a statement that never changes. Missing values
    (no person yet, no institution) are NULL, which matches no row."""
    q = connection.ops.quote_name
    reg, act, opt = Registration._meta, Activity._meta, EventSignup._meta

    def col(meta, name: str, alias: str) -> str:
        return f"{alias}.{q(meta.get_field(name).column)}"

    registrations = f"{q(reg.db_table)} r"
    of_activity = f"{col(reg, 'activity', 'r')} = {col(act, 'id', 'a')}"
    seated = f"{col(reg, 'status', 'r')} IN ({', '.join(['%s'] * len(SEAT_STATUSES))})"
    activity_id = col(act, "id", "a")
    options = f"{col(opt, 'needs_approval', 's')}, {col(opt, 'per_institution_limit', 's')}"
    # Names come from the models' metadata, values are parameters.
    return (
        f"SELECT {options}, "  # noqa: S608
        f"(SELECT COUNT(*) FROM {registrations} WHERE {of_activity} AND {seated}), "
        f"(SELECT {col(reg, 'waitlist_rank', 'r')} FROM {registrations} WHERE {of_activity} "
        f"AND {col(reg, 'status', 'r')} = %s ORDER BY {col(reg, 'waitlist_rank', 'r')} DESC "
        "LIMIT 1), "
        f"(SELECT {col(reg, 'id', 'r')} FROM {registrations} WHERE {of_activity} "
        f"AND {col(reg, 'person', 'r')} = %s LIMIT 1), "
        f"(SELECT COUNT(*) FROM {registrations} WHERE {of_activity} AND {seated} "
        f"AND {col(reg, 'institution', 'r')} = %s) "
        f"FROM {q(act.db_table)} a LEFT OUTER JOIN {q(opt.db_table)} s "
        f"ON {col(opt, 'activity', 's')} = {activity_id} WHERE {activity_id} = %s"
    )


def seat_state(locked: Activity, institution_id=None, person_id=None) -> SeatState:
    """What a place on the activity depends on — the sign-up options (approval, seats per
    institution), the seats taken, this person's registration if any and the last place
    on the waiting list — in one statement. Call only with the activity locked (pass the
    locked row), and after the lock, as a statement of its own: one that waited for the
    lock would have seen the rows of before the wait. Each part is an index range bounded
    by the seats, not by the length of the waiting list."""
    params = [
        *SEAT_STATUSES,
        RegistrationStatus.WAITLISTED,
        person_id,
        *SEAT_STATUSES,
        institution_id,
        locked.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_seat_state_sql(connection.vendor), params)
        needs_approval, limit, taken, last_rank, existing_id, institution_taken = cursor.fetchone()
    has_seat = not (
        (locked.capacity is not None and taken >= locked.capacity)
        or (limit and institution_id and institution_taken >= limit)
    )
    return SeatState(bool(needs_approval), has_seat, existing_id, last_rank or 0)


def waitlist(activity: Activity):
    """The waiting list in promotion order (the order is defined on the model)."""
    return (
        Registration.objects.filter(activity=activity)
        .waitlisted()
        .select_related("person", "institution")
    )


def queue_email(registration: Registration, kind: str) -> None:
    """The person's e-mail of `kind`, sent after the transaction commits (a rolled-back
    change sends nothing); people without an address get none."""
    if registration.person.email:
        send_registration_email.delay(registration.pk, kind)


def registration_place(
    *,
    activity: Activity,
    person: Person,
    source: str,
    user=None,
    institution: Institution | None = None,
    position: str = "",
    answers: dict | None = None,
    language: str = "sr",
    seated_status: str | None = None,
    seat_over_capacity: bool = False,
    action: str = "registration_add",
    comment: str = "",
    notify: bool = True,
    only_if_open: bool = False,
) -> tuple[Registration, bool]:
    """Put `person` on `activity`: a seat when one is free (capacity and the seats per
    institution), otherwise the end of the waiting list. Returns the registration and
    whether it is new; a person already registered (and not cancelled) gets theirs back
    unchanged. `notify` e-mails the person what they got; `seated_status` overrides the
    status a seat gets (logging a held activity records who came as attended). Must be
    called inside a transaction; the lock is taken here, as late as possible, before the
    count."""
    locked = lock_activity(activity.pk)
    if only_if_open and not locked.is_open:
        raise SignupRefused(_("This event is not open for sign-up."))
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("A cancelled activity has no participants."))
    state = seat_state(locked, institution.pk if institution else None, person.pk)
    existing = Registration.objects.get(pk=state.existing_id) if state.existing_id else None
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return existing, False
    if seat_over_capacity or state.has_seat:
        status = seated_status or (
            RegistrationStatus.PENDING if state.needs_approval else RegistrationStatus.CONFIRMED
        )
    else:
        status = RegistrationStatus.WAITLISTED
    fields = {
        "status": status,
        "institution": institution,
        "position": position or "",
        "answers": answers or {},
        "language": language,
        "source": source,
        "waitlist_rank": state.last_rank + 1 if status == RegistrationStatus.WAITLISTED else 0,
        "cancelled_at": None,
    }
    if existing is not None:
        # Coming back after cancelling reopens the same registration as a new one: at the
        # end of the waiting list if it goes there.
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.created_at = timezone.now()
        existing.save(update_fields=[*fields, "created_at", "updated_at"])
        registration = existing
    else:
        # Under the lock the same person cannot race in: the count above saw any earlier
        # registration of theirs, so no savepoint is needed around the insert.
        registration = Registration.objects.create(activity=locked, person=person, **fields)
    audit_log(
        actor=user,
        action=action,
        obj=registration,
        changes={"status": [None, status]},
        comment=comment,
    )
    if notify:
        queue_email(registration, "received")
    return registration, True


def fill_free_seats(activity: Activity) -> list[Registration]:
    """Give free seats to the waiting list in its order (skipping people whose institution
    has used its seats). Call only with the activity locked."""
    if not activity.is_open or activity.is_over:
        return []
    signup = signup_for(activity)
    taken = Registration.objects.filter(activity=activity).holding_seat().count()
    free = None if activity.capacity is None else activity.capacity - taken
    if free is not None and free <= 0:
        return []
    limit = signup.per_institution_limit if signup else None
    used: Counter = Counter()
    if limit:
        used.update(
            Registration.objects.filter(activity=activity, institution__isnull=False)
            .holding_seat()
            .values_list("institution_id", flat=True)
        )
    promoted = []
    now = timezone.now()
    for registration in waitlist(activity):
        if free is not None and free <= 0:
            break
        if limit and registration.institution_id and used[registration.institution_id] >= limit:
            continue
        registration.status = _seated_status(signup)
        registration.promoted_at = now
        registration.waitlist_rank = 0
        registration.save(update_fields=["status", "promoted_at", "waitlist_rank", "updated_at"])
        audit_log(
            actor=None,
            action="registration_promote",
            obj=registration,
            changes={"status": [RegistrationStatus.WAITLISTED, registration.status]},
        )
        queue_email(registration, "promoted")
        promoted.append(registration)
        used[registration.institution_id] += 1
        if free is not None:
            free -= 1
    return promoted


def seats_fill(*, user, activity: Activity) -> list[Registration]:
    """After adding seats (or any change), give the free seats to the waiting list."""
    with transaction.atomic():
        return fill_free_seats(lock_activity(activity.pk))


def registration_release(
    *,
    registration: Registration,
    allowed,
    new_status: str,
    user,
    action: str,
    comment: str = "",
    **fields,
) -> tuple[Registration, list[Registration]]:
    """Change one registration's status under the activity lock (cancel, reject, approve),
    set the given fields with it, then hand any freed seat to the waiting list."""
    locked = lock_activity(registration.activity_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    if registration.status not in allowed:
        raise ValidationError(
            _("This registration is %(status)s; that cannot be changed this way.")
            % {"status": registration.get_status_display()}
        )
    old = registration.status
    registration.status = new_status
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save(update_fields=["status", *fields, "updated_at"])
    audit_log(
        actor=user,
        action=action,
        obj=registration,
        changes={"status": [old, new_status]},
        comment=comment,
    )
    promoted = fill_free_seats(locked) if old in SEAT_STATUSES else []
    return registration, promoted


def waitlist_move(*, user, registration: Registration, position: int, reason: str) -> int:
    """Put someone at `position` (1 = next to get a seat) on the waiting list; everyone on
    it is renumbered 1, 2, … in the new order."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the order of the waiting list changes.")})
    with transaction.atomic():
        locked = lock_activity(registration.activity_id)
        queue = list(waitlist(locked))
        current = next((r for r in queue if r.pk == registration.pk), None)
        if current is None:
            raise ValidationError(_("This person is not on the waiting list."))
        old_position = queue.index(current) + 1
        position = max(1, min(int(position), len(queue)))
        queue.remove(current)
        queue.insert(position - 1, current)
        for rank, item in enumerate(queue, start=1):
            if item.waitlist_rank != rank:
                Registration.objects.filter(pk=item.pk).update(waitlist_rank=rank)
        Registration.objects.filter(pk=current.pk).update(waitlist_reason=reason)
        audit_log(
            actor=user,
            action="waitlist_move",
            obj=current,
            changes={"waitlist_position": [old_position, position]},
            comment=reason,
        )
    return position


def seats_after_activity_change(*, user, activity: Activity, changes: dict) -> None:
    """More seats on the activity form (or no limit any more): the first people waiting
    get them at once. Told by the core's `activity_update`, inside its transaction."""
    if "capacity" in changes:
        fill_free_seats(lock_activity(activity.pk))
