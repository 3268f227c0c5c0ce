"""Background work of event sign-up: e-mails and the day-before reminder.

Tasks are thin: they take primary keys, reload, and stop when the object vanished or its
status no longer fits the message (a confirmation that runs after a cancellation sends
nothing). They may run twice; the reminder claims each registration before sending."""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Activity, Registration, RegistrationStatus
from pzss.events.documents import certificate_pdf
from pzss.events.emails import VALID_FOR, kind_for, registration_email
from pzss.events.models import Certificate
from pzss.events.services.privacy import registrations_anonymise
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask

log = logging.getLogger(__name__)

MAIL_TASK = {
    "base": TransactionAwareTask,
    "bind": True,
    "acks_late": True,
    # An SMTP server that does not answer raises OSError (smtplib's errors are OSErrors).
    "autoretry_for": (*TRANSIENT_ERRORS, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


def _registration(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("activity", "activity__municipality", "person")
        .filter(pk=registration_id)
        .first()
    )


@shared_task(**MAIL_TASK)
def send_registration_email(self, registration_id: int, kind: str) -> bool:
    registration = _registration(registration_id)
    if registration is None or not registration.person.email:
        return False
    kind = kind_for(registration, kind)
    if not kind or registration.status not in VALID_FOR[kind]:
        log.info(
            "Not sending %s to registration %s (now %s)", kind, registration_id, registration.status
        )
        return False
    registration_email(registration, kind).send()
    return True


@shared_task(**MAIL_TASK)
def send_staff_message(self, registration_id: int, subject: str, body: str) -> bool:
    registration = _registration(registration_id)
    if registration is None or not registration.person.email:
        return False
    registration_email(registration, "message", subject=subject, body=body).send()
    return True


@shared_task(**MAIL_TASK)
def send_certificate_email(self, certificate_id: int) -> bool:
    certificate = (
        Certificate.objects.select_related("registration").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.revoked_at or certificate.registration is None:
        return False
    registration = _registration(certificate.registration_id)
    if registration is None or not registration.person.email:
        return False
    pdf = certificate_pdf(certificate)
    message = registration_email(
        registration,
        "certificate",
        certificate=certificate,
        attachments=[(f"certificate-{certificate.number}.pdf", pdf, "application/pdf")],
    )
    # Claim the certificate before sending, as the reminders do: of two runs at once,
    # one sends and the other finds it claimed.
    claimed = Certificate.objects.filter(
        pk=certificate_id, emailed_at__isnull=True, revoked_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False  # sent by an earlier run, or revoked meanwhile
    try:
        message.send()
    except Exception:
        # Not sent: release the claim so the retry (or staff's next click) sends it.
        Certificate.objects.filter(pk=certificate_id).update(emailed_at=None)
        raise
    return True


def reminders_due(today: dt.date | None = None):
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        activity__start_date=tomorrow,
        activity__in=Activity.objects.open(),
        activity__signup__isnull=False,
        reminder_sent_at__isnull=True,
    ).exclude(person__email="")


@shared_task(bind=True, acks_late=True)
def send_reminders(self) -> int:
    """The day before an event, remind everyone with a seat. Safe to run twice (or
    hourly): each registration is claimed by setting reminder_sent_at before the e-mail
    is queued, and a claimed one is never reminded again."""
    sent = 0
    for registration_id in list(reminders_due().values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration_id, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if claimed:
                send_registration_email.delay(registration_id, "reminder")
                sent += 1
    return sent


@shared_task(base=TransactionAwareTask, acks_late=True)
def anonymise_old_registrations() -> int:
    """Daily from beat: remove the names of registrations older than
    REGISTRATION_RETENTION_MONTHS (0 turns it off). Safe to repeat: what was anonymised
    is skipped, and a run that is late only finds more to do."""
    months = settings.REGISTRATION_RETENTION_MONTHS
    if months <= 0:
        return 0
    return registrations_anonymise(months=months)
