"""Background work of the catalogue, thin as the house's tasks are: the beat task marks
the accreditations that ended as expired, then claims today's warnings of accreditations
that end within six months and queues one e-mail each, after the claim commits; the
e-mail task reloads its warning and sends only if the programme still ends its
accreditation on that date (renewed since: nothing to warn of).

Imported by `TrainingConfig._ready_catalogue`, so the worker knows the tasks (Celery's
autodiscovery reads only `training.tasks`)."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from training.catalogue_emails import expiry_email
from training.catalogue_services import expiry_warnings_claim, programmes_expire
from training.models import AccreditationExpiryWarning, AccreditationStatus

log = logging.getLogger(__name__)


@shared_task(base=TransactionAwareTask, acks_late=True)
def send_expiry_warnings() -> int:
    """Daily from beat. Safe to run twice: each warning is recorded before its e-mail is
    queued, in one transaction, and only this run's new ones are sent."""
    today = timezone.localdate()
    programmes_expire(today=today)
    with transaction.atomic():
        claimed = expiry_warnings_claim(today=today)
        for warning_id in claimed:
            send_expiry_email.delay(warning_id)  # queued when the claim commits
    return len(claimed)


@shared_task(
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    # An SMTP server that does not answer raises OSError (smtplib's errors are OSErrors).
    autoretry_for=(*TRANSIENT_ERRORS, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_expiry_email(self, warning_id: int) -> bool:
    warning = (
        AccreditationExpiryWarning.objects.select_related("programme__owner")
        .filter(pk=warning_id)
        .first()
    )
    if warning is None:
        return False
    programme = warning.programme
    if (
        programme.status != AccreditationStatus.ACCREDITED
        or programme.valid_until != warning.valid_until
    ):
        log.info("Expiry warning %s not sent: the accreditation changed", warning_id)
        return False
    message = expiry_email(warning)
    if message is None:
        return False
    message.send()
    return True
