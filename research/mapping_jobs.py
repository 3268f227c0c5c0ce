"""The import of a service mapping's XLSX as two background jobs (registered in apps.py),
as the participant import does it (pzss/events/jobs.py):

1. The upload is stored and a *preview* job reads it: which rows are new services, which
   update a service already in the mapping, which are refused and why. Nothing else is
   written.
2. The person confirms the preview they saw: that queues the *import*, one per preview,
   which checks the rows again and writes them all in one transaction, or none.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.documents.models import Job, JobStatus
from pzss.lib.jobs import JobFailed, JobRun, queue_job
from research import mapping_services, mapping_xlsx
from research.mapping_selectors import service_mapping_for_user

IMPORT_PREVIEW = "service_mapping_import_preview"
IMPORT = "service_mapping_import"
# A preview is confirmed while what it says is still likely true.
PREVIEW_VALID_FOR = dt.timedelta(hours=1)


def _expired() -> ValidationError:
    return ValidationError(_("The preview has expired or was changed. Upload the file again."))


def mapping_import_preview_request(*, user, mapping, upload, back_url: str) -> Job:
    return queue_job(
        kind=IMPORT_PREVIEW,
        user=user,
        params={"mapping": mapping.pk, "filename": upload.name},
        title=mapping.title,
        back_url=back_url,
        upload=upload,
    )


def mapping_import_request(*, user, mapping, preview: Job | None) -> Job:
    """Queue the import of the requester's own finished preview of this mapping, made
    within the hour. The same preview is one import, however often it is confirmed."""
    if (
        preview is None
        or preview.kind != IMPORT_PREVIEW
        or preview.status != JobStatus.DONE
        or preview.requested_by_id != user.pk
        or preview.params.get("mapping") != mapping.pk
        or preview.finished_at is None
        or timezone.now() - preview.finished_at > PREVIEW_VALID_FOR
    ):
        raise _expired()
    counts = (preview.result or {}).get("counts", {})
    if not (counts.get(mapping_services.VALID) or counts.get(mapping_services.MATCHED)):
        raise ValidationError(_("No row can be imported. Correct the file and upload it again."))
    return queue_job(
        kind=IMPORT,
        user=user,
        params={"mapping": mapping.pk, "preview": preview.pk},
        title=mapping.title,
        back_url=preview.back_url,
        key=f"preview-{preview.pk}",
    )


def run_import_preview(job: JobRun) -> None:
    mapping = service_mapping_for_user(user=job.user, pk=job.params["mapping"])
    try:
        rows = mapping_services.mapping_import_preview(
            mapping=mapping, content=job.read_input(), progress=job.progress
        )
    except mapping_xlsx.MappingFileError as exc:
        raise JobFailed(str(exc)) from exc
    outcomes = (mapping_services.VALID, mapping_services.MATCHED, mapping_services.REFUSED)
    counts = {o: sum(1 for r in rows if r.outcome == o) for o in outcomes}
    job.progress(len(rows), len(rows))
    job.set_result({"rows": [r.as_dict() for r in rows], "counts": counts})


def run_import(job: JobRun) -> None:
    """Registered `atomic`: these writes and the job's end commit together."""
    mapping = service_mapping_for_user(user=job.user, pk=job.params["mapping"])
    preview = Job.objects.filter(
        pk=job.params["preview"], kind=IMPORT_PREVIEW, status=JobStatus.DONE
    ).first()
    if preview is None or not preview.result:
        raise JobFailed(str(_expired().messages[0]))
    counts = mapping_services.mapping_import_commit(
        user=job.user, mapping=mapping, rows=preview.result["rows"], progress=job.progress
    )
    job.set_result({"mapping": mapping.pk, **counts})
