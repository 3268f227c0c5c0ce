"""Background work of area III's submissions: the e-mails to a centre. Thin: they take a
version's key, reload it, and send nothing when the version has moved on since (a
return e-mail that runs after the centre already resubmitted would mislead)."""

import logging

from celery import shared_task

from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from research.emails import KINDS, submission_email
from research.models import SubmissionStatus, SubmissionVersion

log = logging.getLogger(__name__)

STATUS_OF_KIND = {"returned": SubmissionStatus.RETURNED, "accepted": SubmissionStatus.ACCEPTED}


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
