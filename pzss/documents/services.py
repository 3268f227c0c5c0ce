"""Rendered documents: queue one for an object's current content, render it (in a
Celery worker), try a failed one again. What can be rendered is in `registry`."""

import logging

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pzss.documents.models import Document, DocumentStatus
from pzss.documents.registry import render_input, subject_of
from pzss.lib import pdf
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask

log = logging.getLogger(__name__)


# The task is defined beside the service it runs (as pretix does), so queueing and
# rendering need no import cycle; `documents/tasks.py` re-exports it for autodiscovery.
@shared_task(
    name="pzss.documents.tasks.render_document",
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def render_document(self, document_id: int) -> None:
    try:
        document_render(document_id=document_id, last_try=self.request.retries >= self.max_retries)
    except TRANSIENT_ERRORS as exc:
        # Back off 10 s, 20 s, 40 s … up to 5 minutes.
        raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc


def document_request(*, kind: str, obj, language: str, user=None) -> Document:
    """The document for this object's current content: an existing one whose input
    matches (ready, or still on its way), or a new one queued for rendering."""
    data = render_input(kind, obj, language)
    ct = ContentType.objects.get_for_model(obj)
    lookup = {
        "kind": kind,
        "content_type": ct,
        "object_id": obj.pk,
        "language": language,
        "checksum": data.checksum,
    }
    existing = Document.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            document = Document.objects.create(
                **lookup,
                title=data.title[:300],
                status=DocumentStatus.QUEUED,
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
            render_document.delay(document.pk)
    except IntegrityError:
        # Two requests for the same input at once: the other one queued it.
        return Document.objects.get(**lookup)
    if (
        render_document.app.conf.task_always_eager
        and not transaction.get_connection().in_atomic_block
    ):
        # Without a broker the render ran in-process when the row committed: say so.
        document.refresh_from_db()
    return document


def document_retry(*, document: Document, user=None) -> Document:
    """Queue a failed document again."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.FAILED:
            return locked
        locked.status = DocumentStatus.QUEUED
        locked.error = ""
        locked.save(update_fields=["status", "error"])
        render_document.delay(locked.pk)
    return locked


class StaleDocument(Exception):
    """The object changed since the document was queued; its input no longer exists."""


def document_render(*, document_id: int, last_try: bool = True) -> Document | None:
    """Render one document. Safe to run twice or late: a ready document is left alone,
    a vanished object or a changed input ends the document as failed, and the file is
    written under a fresh name (an earlier partial attempt is replaced). A transient
    error (the network, storage that did not answer) is raised for the task to retry,
    the document queued again, unless this is the `last_try`."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == DocumentStatus.READY:
            return document
        document.status = DocumentStatus.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])

    try:
        obj = subject_of(document)
        if obj is None:
            raise StaleDocument("The object of this document no longer exists.")
        data = render_input(document.kind, obj, document.language)
        if data.checksum != document.checksum:
            raise StaleDocument("The content changed after this document was requested.")
        content, pages = pdf.render_pdf(data.html)
    except TRANSIENT_ERRORS as exc:
        if last_try:
            return _failed(document, exc)
        log.warning("Rendering document %s met %r; it will be tried again", document_id, exc)
        Document.objects.filter(pk=document_id).update(
            status=DocumentStatus.QUEUED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    except Exception as exc:
        return _failed(document, exc)

    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status == DocumentStatus.READY:
            return document  # another run finished first
        old_name = document.file.name if document.file else ""
        document.file.save(data.filename, ContentFile(content), save=False)
        document.status = DocumentStatus.READY
        document.pages = pages
        document.size = len(content)
        document.error = ""
        document.finished_at = timezone.now()
        document.save(update_fields=["file", "status", "pages", "size", "error", "finished_at"])
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)
    return document


def _failed(document: Document, exc: Exception) -> Document:
    log.error("Rendering document %s failed", document.pk, exc_info=exc)
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED,
        error=f"{type(exc).__name__}: {exc}"[:2000],
        finished_at=timezone.now(),
    )
    document.refresh_from_db()
    return document
