"""Work done in the background: a PDF rendered from an object of any app (programme,
report, certificate, …), and a job a person asked for (an import, a large export). The
documents' table was made by the core (`core_document`) and kept its name when the model
moved here, so no row moved."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
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


# --- background jobs ------------------------------------------------------------------------


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job", "Queued")
    WORKING = "working", pgettext_lazy("job", "Working")
    DONE = "done", pgettext_lazy("job", "Done")
    FAILED = "failed", pgettext_lazy("job", "Failed")


def job_input_path(instance: "Job", filename: str) -> str:
    # The uploaded name is kept in `input_name`; on disk the name says nothing about it.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"jobs/input/{uuid.uuid4().hex}.{extension[:10]}"


def job_result_path(instance: "Job", filename: str) -> str:
    return f"jobs/results/{uuid.uuid4().hex}/{filename}"


class Job(models.Model):
    """Long work a person asked for (an import, a large export), done by a Celery worker
    while their page shows its progress. What each kind does is registered by its app
    (`pzss.lib.jobs`). The files live in the media storage, which no URL serves: the
    uploaded input until the job ends, the result until retention deletes the job
    (JOB_RETENTION_DAYS)."""

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, default="sr")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The same key of the same kind is one job (a confirmation sent twice is one import).
    key = models.CharField(_("key"), max_length=100, blank=True)
    back_url = models.CharField(_("back to"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("of"), null=True, blank=True)
    input_file = models.FileField(_("uploaded file"), upload_to=job_input_path, blank=True)
    input_name = models.CharField(_("uploaded file's name"), max_length=255, blank=True)
    result_file = models.FileField(
        _("result file"), upload_to=job_result_path, max_length=255, blank=True
    )
    result_name = models.CharField(_("result file's name"), max_length=200, blank=True)
    result_content_type = models.CharField(_("result file's type"), max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"], condition=~models.Q(key=""), name="job_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["created_at"], name="job_created_idx")]

    def __str__(self) -> str:
        return self.title or f"{self.kind} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("documents:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
