"""The participant import as two background jobs (registered in apps.py).

1. The upload request checks the file cheaply (its name, size and first bytes), stores
   it and queues the *preview*: a worker reads the list under the caps, checks every row
   and keeps what would happen to each in the job's result. Nothing else is written.
2. Staff confirm the preview they saw: that queues the *import*, one per preview (sent
   twice, it is the same job), which writes every valid row in one transaction through
   the participant services, so seats and the waiting list hold, and the job ends with
   it: a second run of the task finds the job done and adds nobody twice.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core import selectors as core_selectors
from pzss.core.models import Activity
from pzss.documents.models import Job, JobStatus
from pzss.events.services import participants as participant_services
from pzss.lib.jobs import JobFailed, JobRun, queue_job

IMPORT_PREVIEW = "participant_import_preview"
IMPORT = "participant_import"
# A preview is confirmed while what it says is still likely true.
PREVIEW_VALID_FOR = dt.timedelta(hours=1)


def _expired() -> ValidationError:
    return ValidationError(_("The preview has expired or was changed. Upload the list again."))


def participants_import_preview_request(*, user, activity: Activity, upload, back_url: str) -> Job:
    """Store the uploaded list and queue its preview."""
    return queue_job(
        kind=IMPORT_PREVIEW,
        user=user,
        params={"activity": activity.pk, "filename": upload.name},
        title=activity.title,
        back_url=back_url,
        upload=upload,
    )


def participants_import_request(*, user, activity: Activity, preview: Job | None) -> Job:
    """Queue the import of a preview's valid rows: the requester's own, finished preview
    of this activity's list, made within the hour. The same preview is one import."""
    if (
        preview is None
        or preview.kind != IMPORT_PREVIEW
        or preview.status != JobStatus.DONE
        or preview.requested_by_id != user.pk
        or preview.params.get("activity") != activity.pk
        or preview.finished_at is None
        or timezone.now() - preview.finished_at > PREVIEW_VALID_FOR
    ):
        raise _expired()
    counts = (preview.result or {}).get("counts", {})
    if not (counts.get("added") or counts.get("matched")):
        raise ValidationError(_("No row can be imported. Correct the file and upload it again."))
    return queue_job(
        kind=IMPORT,
        user=user,
        params={"activity": activity.pk, "preview": preview.pk},
        title=activity.title,
        back_url=preview.back_url,
        key=f"preview-{preview.pk}",
    )


def run_import_preview(job: JobRun) -> None:
    activity = core_selectors.activity_for_user(user=job.user, pk=job.params["activity"])
    content = job.read_input()
    try:
        rows = participant_services.participants_preview(
            activity=activity,
            name=job.params.get("filename", ""),
            content=content,
            progress=job.progress,
        )
    except participant_services.ImportFileError as exc:
        raise JobFailed(str(exc)) from exc
    counts = {o: sum(1 for r in rows if r.outcome == o) for o in ("added", "matched", "refused")}
    job.progress(len(rows), len(rows))
    job.set_result({"rows": [r.as_dict() for r in rows], "counts": counts})


def run_import(job: JobRun) -> None:
    """Registered `atomic`: these writes and the job's end commit together."""
    activity = core_selectors.activity_for_user(user=job.user, pk=job.params["activity"])
    preview = Job.objects.filter(
        pk=job.params["preview"], kind=IMPORT_PREVIEW, status=JobStatus.DONE
    ).first()
    if preview is None or not preview.result:
        raise JobFailed(str(_expired().messages[0]))
    counts = participant_services.participants_import(
        user=job.user, activity=activity, rows=preview.result["rows"], progress=job.progress
    )
    job.set_result({"activity": activity.pk, **counts})
