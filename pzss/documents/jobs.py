"""Background jobs: queue one (`job_request`), run it in a Celery worker (`run_job` →
`job_run`), forget finished ones after JOB_RETENTION_DAYS (`jobs_delete_old`). What each
kind of job does is registered by its app in `pzss.lib.jobs`.

A job's life: queued → working (with "1,200 of 10,000 rows") → done (a file to download
and/or data a page shows) or failed (with a reason in the requester's language). The
run may happen twice (a redelivered task, a retry): a finished job is left alone; of two
runs at once the first to finish wins and the other's file is deleted; an `atomic` kind's
writes commit together with the job's end, so a second run finds it done."""

import datetime as dt
import logging
import time
from typing import IO

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pzss.documents.models import Job, JobStatus, job_result_path
from pzss.lib.jobs import JobFailed, job_kind
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask

log = logging.getLogger(__name__)

# Progress is written at most this often (seconds): a row a time would be a write a row.
PROGRESS_INTERVAL = 0.5


def progress_cache_key(job_id: int) -> str:
    return f"job-progress:{job_id}"


@shared_task(
    name="pzss.documents.tasks.run_job",
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=settings.JOB_SOFT_TIME_LIMIT,
    time_limit=settings.JOB_TIME_LIMIT,
)
def run_job(self, job_id: int) -> None:
    try:
        job_run(job_id=job_id, last_try=self.request.retries >= self.max_retries)
    except TRANSIENT_ERRORS as exc:
        # Back off 10 s, 20 s, 40 s … up to 5 minutes.
        raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc


def job_request(
    *,
    kind: str,
    user,
    params: dict,
    title: str,
    back_url: str = "",
    key: str = "",
    upload=None,
    language: str | None = None,
) -> Job:
    """Queue a job of a registered kind. With a `key`, the same key is one job: the one
    already there is returned (and queued again if it failed). `upload` is stored in the
    media storage for the worker to read, and deleted when the job ends."""
    if job_kind(kind) is None:
        raise ValueError(f"No job of kind {kind!r} is registered")
    if key:
        existing = Job.objects.filter(kind=kind, key=key).first()
        if existing is not None:
            return _queue_again_if_failed(existing)
    job = Job(
        kind=kind,
        title=str(title)[:300],
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        params=params,
        key=key,
        back_url=back_url[:500],
    )
    if upload is not None:
        job.input_name = (upload.name or "")[:255]
        job.input_file.save(upload.name or "upload", upload, save=False)
    try:
        with transaction.atomic():
            job.save()
            run_job.delay(job.pk)
    except IntegrityError:
        # Two requests with the same key at once: the other one queued it.
        if job.input_file:
            job.input_file.storage.delete(job.input_file.name)
        return Job.objects.get(kind=kind, key=key)
    if run_job.app.conf.task_always_eager and not transaction.get_connection().in_atomic_block:
        # Without a broker the job ran in-process when the row committed: say so.
        job.refresh_from_db()
    return job


def _queue_again_if_failed(job: Job) -> Job:
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED:
            return locked
        locked.status = JobStatus.QUEUED
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["status", "error", "finished_at"])
        run_job.delay(locked.pk)
    if run_job.app.conf.task_always_eager and not transaction.get_connection().in_atomic_block:
        locked.refresh_from_db()
    return locked


class _Run:
    """What a kind's `run` sees of its job (`pzss.lib.jobs.JobRun`)."""

    def __init__(self, job: Job):
        self._job = job
        self.pk = job.pk
        self.kind = job.kind
        self.params = job.params or {}
        self.language = job.language
        self._last_progress = 0.0
        self.result: dict | None = None
        self.file: tuple[str, str, str, int] | None = None  # (stored name, filename, type, size)

    @property
    def user(self):
        return self._job.requested_by

    def read_input(self) -> bytes:
        if not self._job.input_file:
            raise JobFailed(_("The uploaded file is no longer kept. Upload it again."))
        with self._job.input_file.open("rb") as handle:
            return handle.read()

    def progress(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        last = total is not None and done >= total
        if self._last_progress and not last and now - self._last_progress < PROGRESS_INTERVAL:
            return
        self._last_progress = now
        # The cache tells a page polling from another process even while an atomic kind's
        # transaction keeps the row's own update to itself.
        cache.set(progress_cache_key(self.pk), (done, total), timeout=3600)
        Job.objects.filter(pk=self.pk).update(progress_done=done, progress_total=total)

    def save_file(self, filename: str, content_type: str, content: IO[bytes]) -> None:
        storage = Job._meta.get_field("result_file").storage
        if self.file:
            storage.delete(self.file[0])
        content.seek(0, 2)
        size = content.tell()
        content.seek(0)
        name = storage.save(job_result_path(self._job, filename), File(content))
        self.file = (name, filename, content_type, size)

    def set_result(self, data: dict) -> None:
        self.result = data

    def discard(self) -> None:
        if self.file:
            Job._meta.get_field("result_file").storage.delete(self.file[0])
            self.file = None


def job_run(*, job_id: int, last_try: bool = True) -> Job | None:
    """Run one job (see the module's docstring). A transient error (the network, storage
    that did not answer) is raised for the task to retry, the job queued again, unless
    this is the `last_try`."""
    with transaction.atomic():
        job = (
            Job.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.is_finished:
            return job
        job.status = JobStatus.WORKING
        job.started_at = timezone.now()
        job.attempts += 1
        job.progress_done = 0
        job.save(update_fields=["status", "started_at", "attempts", "progress_done"])

    kind = job_kind(job.kind)
    run = _Run(job)
    with translation.override(job.language):
        try:
            if kind is None:
                raise JobFailed(_("This kind of job is no longer known."))
            if job.requested_by is None or not job.requested_by.is_active:
                raise PermissionDenied
            if kind.atomic:
                with transaction.atomic():
                    locked = Job.objects.select_for_update().get(pk=job_id)
                    if locked.is_finished:
                        return locked  # another run finished it meanwhile
                    kind.run(run)
                    return _finish(locked, run)
            kind.run(run)
        except TRANSIENT_ERRORS as exc:
            run.discard()
            if last_try:
                log.error("Job %s met %r on its last try", job_id, exc)
                return _fail(job, _("A service the job needs did not answer. Try again later."))
            log.warning("Job %s met %r; it will be tried again", job_id, exc)
            Job.objects.filter(pk=job_id, status=JobStatus.WORKING).update(status=JobStatus.QUEUED)
            raise
        except SoftTimeLimitExceeded:
            run.discard()
            message = _("The job took longer than %(minutes)s minutes and was stopped.") % {
                "minutes": max(1, round(settings.JOB_SOFT_TIME_LIMIT / 60))
            }
            if kind is not None and kind.atomic:
                message += " " + _("Nothing was saved.")
            return _fail(job, message)
        except JobFailed as exc:
            run.discard()
            return _fail(job, str(exc))
        except ValidationError as exc:
            run.discard()
            return _fail(job, " ".join(exc.messages))
        except PermissionDenied:
            run.discard()
            return _fail(job, _("The person who asked for this job may no longer do it."))
        except ObjectDoesNotExist:
            run.discard()
            return _fail(job, _("What this job was about no longer exists."))
        except Exception:
            run.discard()
            log.exception("Job %s (%s) failed", job_id, job.kind)
            return _fail(
                job,
                _(
                    "The job stopped because of an error on the server (job %(pk)s). Try "
                    "again; if it fails again, tell the administrator."
                )
                % {"pk": job_id},
            )

    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job_id)
        if locked.is_finished:
            run.discard()  # another run finished first; its result stands
            return locked
        return _finish(locked, run)


def _finish(job: Job, run: _Run) -> Job:
    """Called inside a transaction, with the job's row locked."""
    input_name = job.input_file.name if job.input_file else ""
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.result = run.result
    job.error = ""
    if job.progress_total is not None:
        job.progress_done = job.progress_total
    fields = ["status", "finished_at", "result", "error", "progress_done", "input_file"]
    if run.file:
        stored, filename, content_type, size = run.file
        job.result_file.name = stored
        job.result_name = filename[:200]
        job.result_content_type = content_type[:100]
        job.result_size = size
        fields += ["result_file", "result_name", "result_content_type", "result_size"]
    job.input_file = ""
    job.save(update_fields=fields)
    _delete_after_commit(input_name)
    cache.delete(progress_cache_key(job.pk))
    return job


def _fail(job: Job, message: str) -> Job:
    input_name = job.input_file.name if job.input_file else ""
    updated = Job.objects.filter(
        pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.WORKING]
    ).update(
        status=JobStatus.FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        input_file="",
    )
    if updated:
        _delete_after_commit(input_name)
    cache.delete(progress_cache_key(job.pk))
    job.refresh_from_db()
    return job


def _delete_after_commit(*names: str) -> None:
    storage = Job._meta.get_field("input_file").storage
    names = tuple(n for n in names if n)
    if names:
        transaction.on_commit(lambda: [storage.delete(n) for n in names])


def job_progress(job: Job) -> tuple[int, int | None]:
    """(done, total) of a job, the freshest there is: a working job's cache entry is ahead
    of its row while an atomic kind's transaction is open."""
    done, total = job.progress_done, job.progress_total
    if job.status == JobStatus.WORKING:
        cached = cache.get(progress_cache_key(job.pk))
        if cached and cached[0] >= done:
            done, total = cached
    return done, total


def jobs_delete_old(*, days: int) -> int:
    """Delete jobs that finished more than `days` days ago (and those that never did,
    counted from when they were queued), with their files. Returns how many went."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    old = Job.objects.filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    with transaction.atomic():
        rows = list(old.values_list("pk", "input_file", "result_file"))
        Job.objects.filter(pk__in=[pk for pk, _i, _r in rows]).delete()
        _delete_after_commit(*[name for _pk, *names in rows for name in names])
    return len(rows)


@shared_task(name="pzss.documents.tasks.delete_old_jobs", base=TransactionAwareTask, acks_late=True)
def delete_old_jobs() -> int:
    """Nightly from beat. Safe to repeat: a late run only finds more to delete."""
    days = settings.JOB_RETENTION_DAYS
    if days <= 0:
        return 0
    return jobs_delete_old(days=days)
