"""Background jobs: what each kind of job does, and how a page queues one.

A job is long work a person asked for (an import, a large export) that runs in a Celery
worker while their page shows its progress. The jobs themselves, their task and their
pages are kept by `pzss.documents`; this module is only the contract, so that any app —
the core too, which sits below `documents` and never names it — can register the kinds
of job it owns in its `AppConfig.ready()` and queue one from its views:

    register_job("activity_export", run_activity_export, label=_("Export of activities"))
    job = queue_job(kind="activity_export", user=request.user, params={...}, title=...)
    return redirect(job.get_absolute_url())

`run(job)` is called in the worker, in the requester's language, with a `JobRun`: it
reads `job.params` (and `job.read_input()` when a file was uploaded), reports
`job.progress(done, total)`, and leaves a file (`job.save_file`) and/or data
(`job.set_result`). To end the job as failed with a reason the requester can read, it
raises `JobFailed(message)` (a `ValidationError` is read the same way); any other error
ends it as failed with a general reason, and is logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Protocol


class JobFailed(Exception):
    """The job cannot be done, for a reason meant for the person who asked for it (in
    their language: the job runs with it active)."""


class JobRun(Protocol):
    pk: int
    kind: str
    params: dict
    language: str

    @property
    def user(self) -> Any: ...

    def read_input(self) -> bytes: ...

    def progress(self, done: int, total: int | None = None) -> None: ...

    def save_file(self, filename: str, content_type: str, content: IO[bytes]) -> None: ...

    def set_result(self, data: dict) -> None: ...


@dataclass(frozen=True)
class JobKind:
    kind: str
    run: Callable[[JobRun], None]
    label: str  # a lazy translation: "Import of participants (preview)"
    # The run's writes and the job's end commit together: all or nothing, and a second
    # run of the same job (a redelivered task) finds it done and does nothing.
    atomic: bool = False
    # Shown when the job is done, with `job` and `result` in its context; without one
    # the page offers the result file for download.
    result_template: str = ""


_KINDS: dict[str, JobKind] = {}
_queue: Callable[..., Any] | None = None


def register_job(
    kind: str,
    run: Callable[[JobRun], None],
    *,
    label: str,
    atomic: bool = False,
    result_template: str = "",
) -> None:
    _KINDS[kind] = JobKind(
        kind=kind, run=run, label=label, atomic=atomic, result_template=result_template
    )


def job_kind(kind: str) -> JobKind | None:
    return _KINDS.get(kind)


def install_queue(queue: Callable[..., Any]) -> None:
    """Called once by the app that keeps the jobs (`documents`), from its ready()."""
    global _queue
    _queue = queue


def queue_job(**kwargs) -> Any:
    """Queue a job: `kind`, `user`, `params`, `title`, optionally `back_url`, `key` (the
    same key of the same kind is one job), `upload` (a file the job reads). Returns the
    job (its `get_absolute_url()` is the page that shows its progress)."""
    if _queue is None:
        raise RuntimeError("No app keeps background jobs (pzss.documents is not installed).")
    return _queue(**kwargs)
