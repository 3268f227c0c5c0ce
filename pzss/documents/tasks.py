"""Background work of rendered documents (the task lives beside its service)."""

from pzss.documents.services import render_document

__all__ = ["render_document"]
