"""A PDF rendered in the background from an object of any app (programme, report,
certificate, …). The table was made by the core (`core_document`) and kept its name when
the model moved here, so no row moved."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("document", "Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def document_path(instance: "Document", filename: str) -> str:
    return f"documents/{instance.kind}/{uuid.uuid4().hex}.pdf"


class Document(models.Model):
    """The input checksum lets the same content be rendered only once."""

    kind = models.CharField(_("kind"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=10, default="sr")
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    checksum = models.CharField(_("input checksum"), max_length=64)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        db_table = "core_document"
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # The same input in the same language is one document.
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "language", "checksum"],
                name="document_unique_input",
            ),
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "kind"], name="core_docume_content_aba5b6_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.kind} #{self.pk}"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def is_finished(self) -> bool:
        return self.status in {DocumentStatus.READY, DocumentStatus.FAILED}
