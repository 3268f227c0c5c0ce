"""Decisions on registrations: a person or staff cancel, staff approve or reject. Each
frees or keeps a seat through `waitlist.registration_release`, under the activity lock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.models import (
    CANCELLABLE_STATUSES,
    MARKABLE_STATUSES,
    Registration,
    RegistrationStatus,
)
from pzss.events.services.waitlist import queue_email, registration_release


def cancel_refusal(registration: Registration) -> str | None:
    """Why this registration can no longer be cancelled, or None when it can. The rule
    every page asks (the personal link, staff pages)."""
    if registration.activity.is_over:
        return _("The event is over; there is nothing to cancel.")
    if registration.status not in CANCELLABLE_STATUSES:
        return _("This registration is %(status)s; that cannot be changed this way.") % {
            "status": registration.get_status_display()
        }
    return None


@transaction.atomic
def registration_cancel(
    *, registration: Registration, user=None, correcting_the_record: bool = False
) -> Registration:
    """Cancel a seat or leave the waiting list; the first on the waiting list gets the
    freed seat at once. Staff removing a participant from the activity page cancel too
    (the registration stays on record); they may also take off someone logged as
    attended or absent by mistake (`correcting_the_record`)."""
    allowed = CANCELLABLE_STATUSES + (MARKABLE_STATUSES if correcting_the_record else ())
    registration, _promoted = registration_release(
        registration=registration,
        allowed=allowed,
        new_status=RegistrationStatus.CANCELLED,
        user=user,
        action="registration_cancel",
        cancelled_at=timezone.now(),
    )
    queue_email(registration, "cancelled")
    return registration


@transaction.atomic
def registration_approve(*, user, registration: Registration) -> Registration:
    registration, _promoted = registration_release(
        registration=registration,
        allowed=(RegistrationStatus.PENDING,),
        new_status=RegistrationStatus.CONFIRMED,
        user=user,
        action="registration_approve",
        decided_at=timezone.now(),
    )
    queue_email(registration, "approved")
    return registration


@transaction.atomic
def registration_reject(*, user, registration: Registration, reason: str) -> Registration:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the sign-up is rejected.")})
    registration, _promoted = registration_release(
        registration=registration,
        allowed=CANCELLABLE_STATUSES,
        new_status=RegistrationStatus.REJECTED,
        user=user,
        action="registration_reject",
        comment=reason,
        decided_at=timezone.now(),
        decision_reason=reason,
    )
    queue_email(registration, "rejected")
    return registration
