"""Attendance: present or absent on each day of an event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import MARKABLE_STATUSES, Activity, Registration, RegistrationStatus
from pzss.events.models import Attendance


def event_days(activity: Activity) -> list[dt.date]:
    last = activity.end_date or activity.start_date
    return [
        activity.start_date + dt.timedelta(days=n)
        for n in range((last - activity.start_date).days + 1)
    ]


@transaction.atomic
def attendance_mark(
    *, user, registration: Registration, day: dt.date, present: bool
) -> Registration:
    """Present or absent on one day. Attended = present on at least one day. Moving
    between confirmed, attended and absent keeps the seat, so no lock on the activity."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in MARKABLE_STATUSES:
        raise ValidationError(_("Only confirmed participants can be marked present or absent."))
    if day not in event_days(registration.activity):
        raise ValidationError(_("The event does not take place on that day."))
    Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"present": present, "marked_by": user}
    )
    marks = list(registration.attendance.values_list("present", flat=True))
    new_status = RegistrationStatus.ATTENDED if any(marks) else RegistrationStatus.ABSENT
    if new_status != registration.status:
        old = registration.status
        registration.status = new_status
        registration.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=user,
            action="attendance_mark",
            obj=registration,
            changes={"status": [old, new_status]},
            comment=day.isoformat(),
        )
    return registration
