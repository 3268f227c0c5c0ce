"""The e-mails of support requests, queued after commit and thin: each reloads its
object and sends nothing when it vanished. In Serbian (Cyrillic): the requester has no
account and so no language of their own.

- received: to the requester, the confirmation with their signed link;
- assigned: to the adviser, the request is theirs;
- reply: to the requester, staff's reply (never an internal note) with the link;
- requester_reply: to the adviser, the requester answered;
- the daily beat task: soon-due and overdue requests to their advisers, one e-mail per
  request per step, recorded before it is sent, so a second run sends nothing again."""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from support.models import DeadlineReminder, RequestMessage, SupportRequest
from support.request_selectors import request_link

log = logging.getLogger(__name__)

LANGUAGE = "sr"
KINDS = ("received", "assigned", "reply", "requester_reply")
MAIL_TASK = {
    "base": TransactionAwareTask,
    "bind": True,
    "acks_late": True,
    "autoretry_for": (*TRANSIENT_ERRORS, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
    "soft_time_limit": 60,
    "time_limit": 90,
}


def _date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y.")


def _link(request: SupportRequest) -> str:
    return request_link(request)


def _staff_url(request: SupportRequest) -> str:
    return settings.SITE_URL + request.get_absolute_url()


def request_email(obj_id: int, kind: str) -> EmailMessage | None:
    """The message of `kind` (a request's key, or a message's for the replies), or None
    when there is no one to send it to."""
    with translation.override(LANGUAGE):
        if kind in ("reply", "requester_reply"):
            message = (
                RequestMessage.objects.select_related("request__institution", "request__adviser")
                .filter(pk=obj_id)
                .first()
            )
            if message is None or message.internal:
                return None
            request = message.request
        else:
            message = None
            request = (
                SupportRequest.objects.select_related("institution", "adviser")
                .filter(pk=obj_id)
                .first()
            )
            if request is None:
                return None
        head = f"{request.number} „{request.subject}“"
        if kind == "received":
            to = request.requester_email
            subject = _("Your request for expert support was received: %(number)s") % {
                "number": request.number
            }
            body = [
                _("The institute received your request %(head)s.") % {"head": head},
                _("Deadline for the answer: %(date)s") % {"date": _date(request.deadline)},
                _("Follow the request, read the answers and reply through this link:"),
                _link(request),
            ]
        elif kind == "assigned":
            to = request.adviser.email if request.adviser_id else ""
            subject = _("A support request is yours: %(number)s") % {"number": request.number}
            body = [
                _("You are the responsible adviser for the request %(head)s of %(inst)s.")
                % {"head": head, "inst": request.institution.name},
                _("Deadline for the answer: %(date)s") % {"date": _date(request.deadline)},
                _staff_url(request),
            ]
        elif kind == "reply":
            to = request.requester_email
            subject = _("The institute replied to your request %(number)s") % {
                "number": request.number
            }
            body = [
                _("The institute replied to your request %(head)s:") % {"head": head},
                message.text,
                _("Read the whole thread and reply through this link:"),
                _link(request),
            ]
        else:
            to = request.adviser.email if request.adviser_id else ""
            subject = _("The requester replied: %(number)s") % {"number": request.number}
            body = [
                _("%(name)s (%(inst)s) replied to the request %(head)s:")
                % {"name": request.requester_name, "inst": request.institution.name, "head": head},
                message.text,
                _staff_url(request),
            ]
        if not to:
            return None
        return EmailMessage(subject=subject, body="\n\n".join(body), to=[to])


@shared_task(**MAIL_TASK)
def send_request_email(self, obj_id: int, kind: str) -> bool:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    message = request_email(obj_id, kind)
    if message is None:
        log.info("Support request e-mail %s for %s not sent: no one to send it to", kind, obj_id)
        return False
    message.send()
    return True


def reminders_claim(*, today: dt.date) -> list[int]:
    """Record today's new reminders (soon due: ≤ 3 days left; overdue) and return their
    keys; a reminder already recorded for the request, step and deadline is not again."""
    created = []
    for step, qs in (
        (DeadlineReminder.Step.SOON, SupportRequest.objects.soon_due(today)),
        (DeadlineReminder.Step.OVERDUE, SupportRequest.objects.overdue(today)),
    ):
        for request in qs.filter(adviser__isnull=False).select_related("adviser"):
            if DeadlineReminder.objects.filter(
                request=request, step=step, deadline=request.deadline
            ).exists():
                continue
            try:
                with transaction.atomic():
                    reminder = DeadlineReminder.objects.create(
                        request=request,
                        step=step,
                        deadline=request.deadline,
                        sent_to=request.adviser.email,
                    )
            except IntegrityError:  # a run at the same moment claimed it first
                continue
            created.append(reminder.pk)
    return created


@shared_task(base=TransactionAwareTask, acks_late=True, soft_time_limit=300, time_limit=360)
def send_deadline_reminders() -> int:
    """Daily from beat. Safe to run twice: each reminder is recorded before its e-mail is
    queued, in one transaction, and only this run's new ones are sent."""
    with transaction.atomic():
        created = reminders_claim(today=timezone.localdate())
        for reminder_id in created:
            send_reminder_email.delay(reminder_id)  # queued when the claim commits
    return len(created)


def reminder_email(reminder: DeadlineReminder) -> EmailMessage | None:
    request = reminder.request
    if not reminder.sent_to:
        return None
    with translation.override(LANGUAGE):
        head = f"{request.number} „{request.subject}“"
        if reminder.step == DeadlineReminder.Step.OVERDUE:
            subject = _("Overdue support request: %(number)s") % {"number": request.number}
            first = _("The deadline of the request %(head)s passed on %(date)s.")
        else:
            subject = _("Support request soon due: %(number)s") % {"number": request.number}
            first = _("The deadline of the request %(head)s is %(date)s.")
        body = [
            first % {"head": head, "date": _date(request.deadline)},
            request.institution.name,
            _staff_url(request),
        ]
        return EmailMessage(subject=subject, body="\n\n".join(body), to=[reminder.sent_to])


@shared_task(**MAIL_TASK)
def send_reminder_email(self, reminder_id: int) -> bool:
    reminder = (
        DeadlineReminder.objects.select_related("request__institution")
        .filter(pk=reminder_id)
        .first()
    )
    # Answered or closed since the claim: the reminder would mislead.
    if reminder is None or not reminder.request.is_open:
        return False
    message = reminder_email(reminder)
    if message is None:
        return False
    message.send()
    return True
