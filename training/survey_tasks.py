"""The needs survey's background work: one invitation's e-mail. Thin, as the house's
tasks are: it takes the invitation's key and claims its owed e-mail under the row's lock
(`survey_mail.invitation_claim_email`), so that a task delivered twice, or queued twice by
opening the survey twice, sends one e-mail; staff's resend owes another."""

import logging

from celery import shared_task
from django.db import transaction

from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from training.survey_mail import invitation_claim_email, invitation_email

log = logging.getLogger(__name__)


@shared_task(
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    autoretry_for=(*TRANSIENT_ERRORS, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def send_invitation_email(self, invitation_id: int) -> bool:
    # Sent inside the claim's transaction: an e-mail that fails rolls the claim back,
    # and the retry finds the e-mail still owed.
    with transaction.atomic():
        invitation = invitation_claim_email(invitation_id=invitation_id)
        if invitation is None:
            log.info("No e-mail owed for survey invitation %s", invitation_id)
            return False
        invitation_email(invitation).send()
    return True
