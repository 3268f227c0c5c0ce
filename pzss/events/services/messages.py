"""Messages from staff to the people registered for an event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import Activity, Registration
from pzss.events.tasks import send_staff_message


def registrations_message(
    *, user, activity: Activity, statuses: list[str], subject: str, body: str
) -> int:
    """A message from staff to everyone registered with one of `statuses`."""
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
            send_staff_message.delay(pk, subject, body)
    return len(ids)
