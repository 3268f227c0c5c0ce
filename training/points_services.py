"""Writes of licence points per person (programme 2021, II): the trainings a person
attended elsewhere, entered by staff with their evidence, and a person's request for
their transcript — the signed link e-mailed to them, and the transcript's PDF.

The institute's own trainings are not written here: their points are on the
certificates the event sign-up issues (`pzss.events`), read as they are."""

import datetime as dt
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.models import Person
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.services import document_request, document_retry
from pzss.lib.roles import is_staff_member
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from pzss.lib.updates import model_update
from pzss.lib.uploads import check_upload
from training.models import ExternalTraining, TranscriptRequest
from training.points_emails import transcript_email
from training.points_selectors import TRANSCRIPT_DOCUMENT_KIND, TRANSCRIPT_LANGUAGE

EXTERNAL_FIELDS = [
    "title",
    "provider",
    "accreditation_number",
    "start_date",
    "end_date",
    "hours",
    "licence_points",
    "note",
]
# E-mails one address receives in an hour at most, whoever asks: the form must not
# become a way to flood someone's inbox.
TRANSCRIPT_EMAILS_PER_HOUR = 3


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _evidence_type(upload: UploadedFile) -> str:
    try:
        return check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"evidence": exc.messages}) from exc


def _attach(training: ExternalTraining, upload: UploadedFile, content_type: str) -> None:
    training.evidence_name = (upload.name or "")[:255] or "evidence"
    training.evidence_content_type = content_type
    training.evidence_size = upload.size
    training.evidence.save(upload.name or "evidence", upload, save=False)


# The task is defined beside the service it runs (as `pzss.documents` does): queueing
# and sending need no import cycle. `TrainingConfig._ready_points` imports this module,
# so the worker knows the task.
@shared_task(
    name="training.send_transcript_link",
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    # An SMTP server that does not answer raises OSError (smtplib's errors are OSErrors).
    autoretry_for=(*TRANSIENT_ERRORS, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def send_transcript_link(self, request_id: int) -> bool:
    return transcript_link_send(request_id=request_id)


# --- trainings held elsewhere ------------------------------------------------------------


@transaction.atomic
def external_training_add(
    *, user, person: Person, data: dict[str, Any], upload: UploadedFile | None
) -> ExternalTraining:
    """A training held by another organiser, with its certificate as the evidence (PDF,
    DOCX, JPG, PNG …, checked by its content): no evidence, no points."""
    _require_staff(user)
    unknown = set(data) - set(EXTERNAL_FIELDS)
    if unknown:
        raise ValueError(f"not a field of a training held elsewhere: {', '.join(sorted(unknown))}")
    if upload is None:
        raise ValidationError(
            {"evidence": _("Attach the evidence: the certificate of the training.")}
        )
    content_type = _evidence_type(upload)
    training = ExternalTraining(person=person, entered_by=user, **data)
    _attach(training, upload, content_type)
    try:
        training.full_clean()
    except ValidationError:
        training.evidence.storage.delete(training.evidence.name)
        raise
    training.save()
    audit_log(
        actor=user,
        action="external_training_add",
        obj=person,
        changes={k: [None, v] for k, v in snapshot(training, EXTERNAL_FIELDS).items()},
        comment=training.title,
    )
    return training


@transaction.atomic
def external_training_update(
    *,
    user,
    training: ExternalTraining,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
) -> ExternalTraining:
    """Correct what was entered; a new file replaces the evidence (the old file goes
    once the change is committed)."""
    _require_staff(user)
    training = ExternalTraining.objects.select_for_update().get(pk=training.pk)
    before = snapshot(training, [*EXTERNAL_FIELDS, "evidence_name"])
    old_name = training.evidence.name
    if upload is not None:
        _attach(training, upload, _evidence_type(upload))
    try:
        model_update(instance=training, data=data, fields=EXTERNAL_FIELDS)
    except ValidationError:
        if upload is not None:
            training.evidence.storage.delete(training.evidence.name)
        raise
    if upload is not None:
        training.save(
            update_fields=[
                "evidence",
                "evidence_name",
                "evidence_content_type",
                "evidence_size",
                "updated_at",
            ]
        )
        storage = training.evidence.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    changes = diff(before, snapshot(training, [*EXTERNAL_FIELDS, "evidence_name"]))
    if changes:
        audit_log(
            actor=user,
            action="external_training_update",
            obj=training.person,
            changes=changes,
            comment=training.title,
        )
    return training


@transaction.atomic
def external_training_delete(*, user, training: ExternalTraining) -> None:
    """Remove a training entered by mistake, with its evidence."""
    _require_staff(user)
    training = (
        ExternalTraining.objects.select_for_update().select_related("person").get(pk=training.pk)
    )
    name, storage = training.evidence.name, training.evidence.storage
    audit_log(
        actor=user,
        action="external_training_delete",
        obj=training.person,
        changes={k: [v, None] for k, v in snapshot(training, EXTERNAL_FIELDS).items()},
        comment=training.title,
    )
    training.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name))


# --- the transcript ------------------------------------------------------------------------


def transcript_request(*, email: str, now: dt.datetime | None = None) -> None:
    """Someone typed an address on the public form. If a person of the directory has it,
    they are e-mailed a link to their record; otherwise nothing happens. Either way the
    caller learns nothing (it returns nothing), so the form cannot tell who is known."""
    now = now or timezone.now()
    with transaction.atomic():
        person = Person.objects.with_email(email).select_for_update().first()
        if person is None:
            return
        # Locked on the person, so two requests at once cannot both pass the count.
        recent = TranscriptRequest.objects.filter(
            person=person, requested_at__gte=now - dt.timedelta(hours=1)
        ).count()
        if recent >= TRANSCRIPT_EMAILS_PER_HOUR:
            return
        request = TranscriptRequest(person=person, email=person.email, requested_at=now)
        request.full_clean()
        request.save()
        audit_log(actor=None, action="transcript_request", obj=person, comment=person.email)
        send_transcript_link.delay(request.pk)  # queued when this commits


def transcript_link_send(*, request_id: int) -> bool:
    """E-mail the link of one request (the task's work). Safe to repeat: a request
    already sent, vanished, or whose person's address changed since sends nothing."""
    with transaction.atomic():
        request = (
            TranscriptRequest.objects.select_for_update()
            .select_related("person")
            .filter(pk=request_id, sent_at__isnull=True)
            .first()
        )
        if request is None or request.person.email.strip().lower() != request.email.lower():
            return False
        transcript_email(request).send()
        request.sent_at = timezone.now()
        request.save(update_fields=["sent_at"])
    return True


def transcript_document_request(*, person: Person, user=None) -> Document:
    """The transcript's PDF as the record stands today: rendered once for the same
    content, by a worker; asked for again after it failed, it is tried again."""
    document = document_request(
        kind=TRANSCRIPT_DOCUMENT_KIND, obj=person, language=TRANSCRIPT_LANGUAGE, user=user
    )
    if document.status == DocumentStatus.FAILED:
        document = document_retry(document=document, user=user)
    return document
