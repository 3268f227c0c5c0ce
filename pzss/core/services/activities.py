"""Writes to activities: create, edit, log as held, cancel, attach files."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import activity_changed
from pzss.core.models import (
    ACTIVITY_EDITABLE_FIELDS,
    ACTIVITY_HELD_FIELDS,
    Activity,
    ActivityFile,
    ActivityStatus,
)
from pzss.lib.updates import model_update
from pzss.lib.uploads import check_upload

# Logged in the audit trail: what the form edits, and the status.
EDITABLE_FIELDS = [*ACTIVITY_EDITABLE_FIELDS, "status"]
HELD_FIELDS = ACTIVITY_HELD_FIELDS


# Set once, at creation, and never edited by these services.
KEPT_FIELDS = ["created_by"]


def _m2m_names(values) -> list[str]:
    return sorted(str(v) for v in values)


@transaction.atomic
def activity_create(*, user, data: dict[str, Any], institutions=(), responsible=()) -> Activity:
    activity = Activity(created_by=user, **data)
    activity.full_clean()
    activity.save()
    activity.institutions.set(institutions)
    activity.responsible.set(responsible or [user])
    audit_log(
        actor=user,
        action="activity_create",
        obj=activity,
        changes={k: [None, v] for k, v in snapshot(activity, EDITABLE_FIELDS).items()},
    )
    return activity


@transaction.atomic
def activity_update(
    *, user, activity: Activity, data: dict[str, Any], institutions=None, responsible=None
) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("A cancelled activity cannot be changed."))
    before = snapshot(activity, EDITABLE_FIELDS)
    before_m2m = {
        "institutions": _m2m_names(activity.institutions.all()),
        "responsible": _m2m_names(activity.responsible.all()),
    }
    model_update(
        instance=activity, data=data, fields=ACTIVITY_EDITABLE_FIELDS, exclude_clean=KEPT_FIELDS
    )
    changes = diff(before, snapshot(activity, EDITABLE_FIELDS))
    if institutions is not None:
        activity.institutions.set(institutions)
    if responsible is not None:
        activity.responsible.set(responsible)
    after_m2m = {
        "institutions": _m2m_names(activity.institutions.all()),
        "responsible": _m2m_names(activity.responsible.all()),
    }
    changes.update(diff(before_m2m, after_m2m))
    if changes:
        audit_log(actor=user, action="activity_update", obj=activity, changes=changes)
        # Apps that keep something derived from the activity (an event's seats) follow
        # the change in this transaction.
        activity_changed(user=user, activity=activity, changes=changes)
    return activity


@transaction.atomic
def activity_log_held(
    *, user, activity: Activity, data: dict[str, Any], institutions=None
) -> Activity:
    """Record what happened: the actual dates and place, who came, what came of it."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("A cancelled activity cannot be logged as held."))
    start = data.get("start_date", activity.start_date)
    # The institute's today (TIME_ZONE), not the server clock's.
    if start and start > timezone.localdate():
        raise ValidationError({"start_date": _("An activity cannot be held in the future.")})
    before = snapshot(activity, [*HELD_FIELDS, "status"])
    before_inst = _m2m_names(activity.institutions.all())
    model_update(
        instance=activity,
        data={**data, "status": ActivityStatus.HELD},
        fields=[*HELD_FIELDS, "status"],
        exclude_clean=KEPT_FIELDS,
    )
    changes = diff(before, snapshot(activity, [*HELD_FIELDS, "status"]))
    if institutions is not None:
        activity.institutions.set(institutions)
        changes.update(
            diff({"institutions": before_inst}, {"institutions": _m2m_names(institutions)})
        )
    audit_log(actor=user, action="activity_held", obj=activity, changes=changes)
    return activity


@transaction.atomic
def activity_cancel(*, user, activity: Activity, reason: str) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("This activity is already cancelled."))
    if activity.status == ActivityStatus.HELD:
        raise ValidationError(_("A held activity cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Say why the activity is cancelled.")})
    old_status = activity.status
    activity.status = ActivityStatus.CANCELLED
    activity.cancel_reason = reason.strip()
    activity.full_clean(exclude=KEPT_FIELDS)
    activity.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit_log(
        actor=user,
        action="activity_cancel",
        obj=activity,
        changes={"status": [old_status, activity.status]},
        comment=activity.cancel_reason,
    )
    return activity


@transaction.atomic
def activity_file_attach(*, user, activity: Activity, upload: UploadedFile) -> ActivityFile:
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("A cancelled activity cannot be changed."))
    content_type = check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
    attached = ActivityFile(
        activity=activity,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attached.file.save(upload.name, upload, save=False)
    attached.save()
    audit_log(
        actor=user, action="activity_file_attach", obj=activity, comment=attached.original_name
    )
    return attached
