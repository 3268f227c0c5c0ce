"""Rendered documents: a registry of what can be rendered, and the services that queue
and render them. Apps register a renderer for each kind of document in their
AppConfig.ready(), so `core` never imports them.

A renderer is `fn(obj, language) -> RenderInput`: the HTML to print and the document's
title. The input's checksum decides whether a render is needed: the same HTML is
rendered once and reused; a changed object gives new HTML and a new render.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from pzss.core.models import Document, DocumentStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderInput:
    html: str
    title: str
    filename: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.html.encode("utf-8")).hexdigest()


Renderer = Callable[[object, str], RenderInput]
_RENDERERS: dict[str, tuple[type, Renderer]] = {}
_PUBLIC_CHECKS: dict[str, Callable[[object], bool]] = {}


def register_renderer(
    kind: str, model: type, renderer: Renderer, is_public: Callable[[object], bool] | None = None
) -> None:
    """`is_public(obj)` says whether anyone may fetch this object's documents; without it,
    only staff may."""
    _RENDERERS[kind] = (model, renderer)
    if is_public is not None:
        _PUBLIC_CHECKS[kind] = is_public


def document_is_public(document: Document) -> bool:
    check = _PUBLIC_CHECKS.get(document.kind)
    if check is None or document.kind not in _RENDERERS:
        return False
    model, _renderer = _RENDERERS[document.kind]
    obj = model._default_manager.filter(pk=document.object_id).first()
    return obj is not None and bool(check(obj))


def render_input(kind: str, obj, language: str) -> RenderInput:
    _model, renderer = _RENDERERS[kind]
    with translation.override(language):
        return renderer(obj, language)


def document_request(*, kind: str, obj, language: str, user=None) -> Document:
    """The document for this object's current content: an existing one whose input
    matches (ready, or still on its way), or a new one queued for rendering."""
    from pzss.core.tasks import render_document

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
            transaction.on_commit(lambda: render_document.delay(document.pk))
    except IntegrityError:
        # Two requests for the same input at once: the other one queued it.
        return Document.objects.get(**lookup)
    return document


def document_retry(*, document: Document, user=None) -> Document:
    """Queue a failed document again."""
    from pzss.core.tasks import render_document

    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.FAILED:
            return locked
        locked.status = DocumentStatus.QUEUED
        locked.error = ""
        locked.save(update_fields=["status", "error"])
        transaction.on_commit(lambda: render_document.delay(locked.pk))
    return locked


class StaleDocument(Exception):
    """The object changed since the document was queued; its input no longer exists."""


def document_render(*, document_id: int) -> Document | None:
    """Render one document. Safe to run twice or late: a ready document is left alone,
    a vanished object or a changed input ends the document as failed, and the file is
    written under a fresh name (an earlier partial attempt is replaced)."""
    from pzss.core.pdf import render_pdf

    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == DocumentStatus.READY:
            return document
        document.status = DocumentStatus.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])

    try:
        model, _renderer = _RENDERERS[document.kind]
        obj = model._default_manager.filter(pk=document.object_id).first()
        if obj is None:
            raise StaleDocument("The object of this document no longer exists.")
        data = render_input(document.kind, obj, document.language)
        if data.checksum != document.checksum:
            raise StaleDocument("The content changed after this document was requested.")
        pdf, pages = render_pdf(data.html)
    except Exception as exc:
        log.exception("Rendering document %s failed", document_id)
        Document.objects.filter(pk=document_id).update(
            status=DocumentStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        document.refresh_from_db()
        return document

    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status == DocumentStatus.READY:
            return document  # another run finished first
        old_name = document.file.name if document.file else ""
        document.file.save(data.filename, ContentFile(pdf), save=False)
        document.status = DocumentStatus.READY
        document.pages = pages
        document.size = len(pdf)
        document.error = ""
        document.finished_at = timezone.now()
        document.save(update_fields=["file", "status", "pages", "size", "error", "finished_at"])
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)
    return document
