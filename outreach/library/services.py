"""Writes to the library: publications, their files, publishing, the text of their files
read in the background, and the entry a published work programme gets by itself.

Only staff write here (`user=None` is the institute itself: a management command, the
demo data, the programme's publication as it happens)."""

import logging
import re

import pypdf
from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf.errors import PdfReadError

from outreach.models import (
    Publication,
    PublicationFile,
    PublicationKind,
    PublicationStatus,
    TextStatus,
)
from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import PublishedWork, published_works
from pzss.documents.models import DocumentStatus
from pzss.lib import slugs
from pzss.lib.roles import is_staff_member
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from pzss.lib.text import clean_text
from pzss.lib.updates import model_update

log = logging.getLogger(__name__)

EDITABLE_FIELDS = ["title", "kind", "year", "authors", "abstract", "area", "goal", "language"]
SLUG_LENGTH = 80
# The text kept for search: a long report's first million characters is plenty.
TEXT_LIMIT = 1_000_000


def _require_staff(user) -> None:
    if user is not None and not is_staff_member(user):
        raise PermissionDenied(_("Only the institute's staff may do this."))


# --- checking a PDF by its content ---------------------------------------------------------


def check_pdf(upload: UploadedFile, *, max_bytes: int | None = None) -> int:
    """The number of pages of an uploaded PDF, or a ValidationError that says what is
    wrong: too big, not a PDF (whatever its name says), damaged, or locked by a password
    (its text could not be read for search, nor would every reader open it)."""
    max_bytes = max_bytes or settings.LIBRARY_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; PDFs of at most %(max)s are accepted.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(
            _("This file is not a PDF. Save the publication as PDF and upload that."),
            code="not_pdf",
        )
    try:
        reader = pypdf.PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is protected by a password or encrypted. Save it again without "
                    "protection and upload that copy."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.info("A PDF could not be read: %r", exc)
        raise ValidationError(
            _("This PDF is damaged and cannot be read. Export it again and upload the new file."),
            code="damaged",
        ) from None
    finally:
        upload.seek(0)
    if pages == 0:
        raise ValidationError(_("This PDF has no pages."), code="empty")
    return pages


# --- publications --------------------------------------------------------------------------


def _free_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugs.slug_base(title, fallback="publikacija", max_length=SLUG_LENGTH)
    taken = Publication.objects.exclude(pk=exclude_pk)
    return slugs.free_slug(taken, base, max_length=SLUG_LENGTH)


def _save_with_free_slug(publication: Publication) -> None:
    """Save a new publication under a free address. Two saves of the same title at once
    both see the address free; the second meets the unique index and takes the next."""
    for _attempt in range(5):
        publication.slug = _free_slug(publication.title)
        try:
            with transaction.atomic():
                publication.save()
            return
        except IntegrityError:
            if not Publication.objects.filter(slug=publication.slug).exists():
                raise
    raise ValidationError(_("Another publication with this title is being saved; try again."))


@transaction.atomic
def publication_create(*, user, data: dict) -> Publication:
    """A new draft publication; its address is made from its title (in Latin letters)."""
    _require_staff(user)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    publication = Publication(
        **data,
        status=PublicationStatus.DRAFT,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    publication.slug = _free_slug(publication.title)
    publication.full_clean(exclude=["slug"])
    _save_with_free_slug(publication)
    audit_log(
        actor=user,
        action="publication_create",
        obj=publication,
        changes={k: [None, v] for k, v in snapshot(publication, EDITABLE_FIELDS).items()},
    )
    return publication


def _lock(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


@transaction.atomic
def publication_update(*, user, publication: Publication, data: dict) -> Publication:
    """Change what staff edit. The address stays: links to it keep working."""
    _require_staff(user)
    publication = _lock(publication)
    before = snapshot(publication, EDITABLE_FIELDS)
    model_update(instance=publication, data=data, fields=EDITABLE_FIELDS)
    changes = diff(before, snapshot(publication, EDITABLE_FIELDS))
    if changes:
        audit_log(actor=user, action="publication_update", obj=publication, changes=changes)
    return publication


@transaction.atomic
def publication_publish(*, user, publication: Publication) -> Publication:
    """Put a draft in the public library. It must have a file to download."""
    _require_staff(user)
    publication = _lock(publication)
    if publication.status == PublicationStatus.PUBLISHED:
        return publication
    if not publication.files.exists():
        raise ValidationError(_("Add the publication's PDF before publishing it."))
    publication.status = PublicationStatus.PUBLISHED
    publication.published_at = publication.published_at or timezone.now()
    publication.save(update_fields=["status", "published_at", "updated_at"])
    audit_log(
        actor=user,
        action="publication_publish",
        obj=publication,
        changes={"status": [PublicationStatus.DRAFT, PublicationStatus.PUBLISHED]},
    )
    return publication


@transaction.atomic
def publication_withdraw(*, user, publication: Publication) -> Publication:
    """Take a publication out of the public library; it becomes a draft again."""
    _require_staff(user)
    publication = _lock(publication)
    if publication.status == PublicationStatus.DRAFT:
        return publication
    publication.status = PublicationStatus.DRAFT
    publication.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=user,
        action="publication_withdraw",
        obj=publication,
        changes={"status": [PublicationStatus.PUBLISHED, PublicationStatus.DRAFT]},
    )
    return publication


# --- files ---------------------------------------------------------------------------------


def _next_order(publication: Publication) -> int:
    return (publication.files.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def publication_file_add(
    *, user, publication: Publication, upload: UploadedFile, label: str = ""
) -> PublicationFile:
    """Attach a PDF, checked by its content; its text is read in the background."""
    _require_staff(user)
    pages = check_pdf(upload)
    publication = _lock(publication)
    attached = PublicationFile(
        publication=publication,
        label=clean_text(label or "").strip()[:200],
        original_name=clean_text(upload.name or "")[:255],
        size=upload.size,
        pages=pages,
        order=_next_order(publication),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    attached.file.save("upload.pdf", upload, save=False)
    attached.full_clean()
    attached.save()
    audit_log(
        actor=user, action="publication_file_add", obj=publication, comment=attached.original_name
    )
    extract_publication_text.delay(attached.pk)
    return attached


@transaction.atomic
def publication_file_delete(*, user, attached: PublicationFile) -> None:
    _require_staff(user)
    publication = _lock(attached.publication)
    if publication.is_published and publication.files.count() == 1:
        raise ValidationError(
            _("A published publication keeps at least one file. Withdraw it first.")
        )
    name = attached.file.name
    audit_log(
        actor=user,
        action="publication_file_delete",
        obj=publication,
        comment=attached.original_name or attached.label,
    )
    attached.delete()
    if name:
        transaction.on_commit(lambda: attached.file.storage.delete(name))


# --- reading the text of a file (in the background) ----------------------------------------


class DocumentNotReady(Exception):
    """The rendered document this file serves is still being rendered."""


_SPACES = re.compile(r"[ \t]+")


def _pdf_text(handle) -> tuple[str, int]:
    reader = pypdf.PdfReader(handle)
    parts, length = [], 0
    for page in reader.pages:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length >= TEXT_LIMIT:
            break
    # PostgreSQL cannot store NUL; clean_text drops it with the other control characters.
    text = clean_text("\n\n".join(parts))
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return text[:TEXT_LIMIT].strip(), len(reader.pages)


def publication_file_read_text(*, file_id: int) -> PublicationFile | None:
    """Read the file's text into `text`, for search. Safe to run twice or late: a file
    that is gone is left alone, and the text replaces what an earlier run stored."""
    attached = PublicationFile.objects.select_related("document").filter(pk=file_id).first()
    if attached is None:
        return None
    if attached.document_id:
        if attached.document.status == DocumentStatus.FAILED:
            return _text_failed(attached)
        if attached.document.status != DocumentStatus.READY:
            raise DocumentNotReady(attached.document_id)
        source = attached.document.file
    else:
        source = attached.file
    try:
        with source.open("rb") as handle:
            text, pages = _pdf_text(handle)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:  # a PDF pypdf cannot read: no text, and say so
        log.warning("The text of publication file %s could not be read: %r", file_id, exc)
        return _text_failed(attached)
    PublicationFile.objects.filter(pk=file_id).update(
        text=text, text_status=TextStatus.DONE, pages=pages
    )
    attached.refresh_from_db()
    return attached


def _text_failed(attached: PublicationFile) -> PublicationFile:
    PublicationFile.objects.filter(pk=attached.pk).update(text="", text_status=TextStatus.FAILED)
    attached.refresh_from_db()
    return attached


# Defined beside the service it runs, as the documents' render task is; `outreach.tasks`
# re-exports it for the worker's autodiscovery.
@shared_task(
    name="outreach.library.extract_publication_text",
    base=TransactionAwareTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=10,
)
def extract_publication_text(self, file_id: int) -> None:
    try:
        publication_file_read_text(file_id=file_id)
    except (DocumentNotReady, *TRANSIENT_ERRORS) as exc:
        # The programme's PDF renders in another task: wait 5 s, 10 s, 20 s … for it.
        raise self.retry(exc=exc, countdown=min(300, 5 * 2**self.request.retries)) from exc


# --- published works of other apps (the work programme) -----------------------------------

# A work's kind names the library's kind of the same name (the work programme, the
# realisation report); anything else is listed as a report.
WORK_KINDS = {
    "work_programme": PublicationKind.WORK_PROGRAMME,
    "realisation_report": PublicationKind.REALISATION_REPORT,
}


@transaction.atomic
def publication_from_work(*, user, work: PublishedWork) -> Publication:
    """The library's entry of a work another app published: created the first time,
    brought up to date (title, abstract, the PDF of the version in force) after that.
    Called inside the publishing transaction, so both are saved or neither."""
    publication = Publication.objects.select_for_update().filter(source_key=work.key).first()
    fields = {
        "title": work.title[:300],
        "kind": WORK_KINDS.get(work.kind, PublicationKind.REPORT),
        "year": work.year,
        "abstract": work.abstract[:5000],
        "language": work.language,
    }
    if publication is None:
        publication = Publication(
            **fields,
            source_key=work.key,
            status=PublicationStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        publication.full_clean(exclude=["slug"])
        _save_with_free_slug(publication)
        action = "publication_from_work"
    else:
        for name, value in fields.items():
            setattr(publication, name, value)
        publication.status = PublicationStatus.PUBLISHED
        publication.published_at = publication.published_at or timezone.now()
        publication.full_clean()
        publication.save()
        action = "publication_from_work_update"
    attached = publication.files.filter(document__isnull=False).first()
    if attached is None:
        attached = PublicationFile.objects.create(
            publication=publication, document=work.document, order=_next_order(publication)
        )
        extract_publication_text.delay(attached.pk)
    elif attached.document_id != work.document.pk:
        attached.document = work.document
        attached.text, attached.text_status = "", TextStatus.PENDING
        attached.save(update_fields=["document", "text", "text_status"])
        extract_publication_text.delay(attached.pk)
    audit_log(actor=user, action=action, obj=publication, comment=work.key)
    return publication


def library_catch_up(*, user=None) -> int:
    """Give every work published before the library knew of it its entry (idempotent)."""
    count = 0
    for work in published_works():
        publication_from_work(user=user, work=work)
        count += 1
    return count
