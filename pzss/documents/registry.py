"""The registry of what can be rendered. Apps register a renderer for each kind of
document in their AppConfig.ready(), so `documents` never imports them.

A renderer is `fn(obj, language) -> RenderInput`: the HTML to print and the document's
title. The input's checksum decides whether a render is needed: the same HTML is
rendered once and reused; a changed object gives new HTML and a new render.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from pzss.documents.models import Document


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
_PUBLIC_DOCUMENT_CHECKS: dict[str, Callable[[object, Document], bool]] = {}


def register_renderer(
    kind: str,
    model: type,
    renderer: Renderer,
    is_public: Callable[[object], bool] | None = None,
    is_public_document: Callable[[object, Document], bool] | None = None,
) -> None:
    """`is_public(obj)` says whether anyone may fetch this object's documents; without it,
    only staff may. `is_public_document(obj, document)`, where given, must also hold of
    the document itself: an object whose content changed before it became public (a
    draft rendered, then amended) keeps its earlier documents to staff."""
    _RENDERERS[kind] = (model, renderer)
    if is_public is not None:
        _PUBLIC_CHECKS[kind] = is_public
    if is_public_document is not None:
        _PUBLIC_DOCUMENT_CHECKS[kind] = is_public_document


def document_is_public(document: Document) -> bool:
    check = _PUBLIC_CHECKS.get(document.kind)
    if check is None or document.kind not in _RENDERERS:
        return False
    obj = subject_of(document)
    if obj is None or not check(obj):
        return False
    document_check = _PUBLIC_DOCUMENT_CHECKS.get(document.kind)
    return document_check is None or bool(document_check(obj, document))


def render_input(kind: str, obj, language: str) -> RenderInput:
    _model, renderer = _RENDERERS[kind]
    with translation.override(language):
        return renderer(obj, language)


def subject_of(document: Document):
    """The object a document was rendered from, or None if it is gone."""
    model, _renderer = _RENDERERS[document.kind]
    return model._default_manager.filter(pk=document.object_id).first()
