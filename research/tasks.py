"""Background work of area III, thin as the house's tasks are:

- the reminders to institutions whose report is not in: the beat task claims today's
  reminders (`research.reminders`) and queues one e-mail each, after the claim commits;
  the e-mail task reloads its reminder and sends only if the report is still not in;
- the e-mails to a centre about its submission: they take a version's key, reload it, and
  send nothing when the version has moved on since (a return e-mail that runs after the
  centre already resubmitted would mislead)."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from research import reminders
from research.emails import KINDS, submission_email
from research.models import Reminder, SubmissionStatus, SubmissionVersion

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

STATUS_OF_KIND = {"returned": SubmissionStatus.RETURNED, "accepted": SubmissionStatus.ACCEPTED}


@shared_task(base=TransactionAwareTask, acks_late=True)
def send_period_reminders() -> int:
    """Hourly from beat: remind the institutions whose report for a period is due soon,
    overdue by a day or by a week. Safe to run twice: each reminder is recorded before
    its e-mail is queued, in one transaction, and only this run's new ones are sent."""
    with transaction.atomic():
        created = reminders.reminders_claim(today=timezone.localdate())
        for reminder_id in created:
            send_reminder_email.delay(reminder_id)  # queued when the claim commits
    return len(created)


@shared_task(**MAIL_TASK)
def send_reminder_email(self, reminder_id: int) -> bool:
    reminder = (
        Reminder.objects.select_related("period__data_set", "institution")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not reminder.sent_to:
        return False
    if not reminders.still_due(reminder):
        log.info("Reminder %s not sent: the report is in or the period closed", reminder_id)
        return False
    reminders.reminder_email(reminder).send()
    return True


@shared_task(**MAIL_TASK)
def send_submission_email(self, version_id: int, kind: str) -> bool:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    version = (
        SubmissionVersion.objects.select_related(
            "submission__institution", "submission__period__data_set"
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None or version.status != STATUS_OF_KIND[kind]:
        log.info("Not sending %s for submission version %s", kind, version_id)
        return False
    message = submission_email(version, kind)
    if message is None:
        return False
    message.send()
    return True
