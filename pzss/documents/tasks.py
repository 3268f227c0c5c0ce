"""Background work of rendered documents and jobs (each task lives beside its service)."""

from pzss.documents.jobs import delete_old_jobs, run_job
from pzss.documents.services import render_document

__all__ = ["delete_old_jobs", "render_document", "run_job"]
