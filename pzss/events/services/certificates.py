"""Certificates of attendance: issued once per attended registration, numbered per event
under the activity lock, rendered in the background and e-mailed once."""

import datetime as dt
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import certificate_rule
from pzss.core.models import Activity, Registration, RegistrationStatus
from pzss.events.documents import certificate_document_request, registration_language
from pzss.events.models import Certificate
from pzss.events.services.attendance import event_days
from pzss.events.services.waitlist import lock_activity, signup_for
from pzss.events.tasks import send_certificate_email
from pzss.lib.text import clean_text

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


def attended_days(registration: Registration, days: list[dt.date]) -> list[dt.date]:
    """The days marked present; all the event's days when the registration was marked
    attended without per-day marks (as `certificate_hours` counts them)."""
    present = sorted(a.day for a in registration.attendance.all() if a.present)
    return present or list(days)


def _terms(rule, registration: Registration, days: list[dt.date], points):
    # The note is printed on the certificate, so it is written in the certificate's
    # language (the holder's), as the rest of the paper is.
    with translation.override(registration_language(registration)):
        return rule(
            registration=registration,
            attended_days=attended_days(registration, days),
            event_days=days,
            points=points,
        )


@transaction.atomic
def certificates_issue(*, user, activity: Activity) -> list[Certificate]:
    """A certificate for every attended registration that has none; each PDF is rendered
    in the background. Issuing twice issues nothing new."""
    locked = lock_activity(activity.pk)  # numbers are sequential per event
    signup = signup_for(locked)
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
    points = signup.licence_points if signup else None
    # The points attendance earns follow the rules of what the event was held under
    # (an accredited programme's), which an app above the events registers.
    rule = certificate_rule(locked)
    for registration in pending:
        sequence += 1
        terms = _terms(rule, registration, days, points)
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
            licence_points=terms.points,
            points_note=terms.note[:300],
        )
        issued.append(certificate)
    if issued:
        audit_log(
            actor=user,
            action="certificates_issue",
            obj=locked,
            comment=_("%(count)d certificates issued") % {"count": len(issued)},
        )
    for certificate in issued:
        # The document is queued with the certificates; its render is sent on commit.
        certificate_document_request(certificate.pk, user)
    return issued


def certificates_email(*, user, activity: Activity) -> int:
    """Send each issued certificate of the event to its holder (once)."""
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
            send_certificate_email.delay(pk)
    return len(ids)


@transaction.atomic
def certificate_revoke(*, user, certificate: Certificate, reason: str) -> Certificate:
    """Withdraw a certificate (issued in error, to the wrong person, …): the public check
    then says it was revoked and when, it is no longer e-mailed or downloaded, and the
    holder's registration keeps it, so issuing again does not make a new one."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    # Locked: of two staff revoking at once, the second finds it revoked.
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at:
        raise ValidationError(_("This certificate is already revoked."))
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason
    locked.full_clean()
    locked.save(update_fields=["revoked_at", "revoked_reason"])
    audit_log(actor=user, action="certificate_revoke", obj=locked, comment=reason)
    return locked
