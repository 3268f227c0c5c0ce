"""The text of each file is read in the background into `text`, for search: queued when
the upload commits, safe to run twice or late, waiting for a rendered document to be
ready; on PostgreSQL with Redis, read by a real Celery worker."""

import shutil
import subprocess
import time

import pytest
from django.db import transaction

from outreach.library import services
from outreach.library.services import DocumentNotReady, publication_file_read_text
from outreach.models import PublicationFile, TextStatus
from pzss.lib.pdf import render_pdf
from tests.conftest import require
from tests.outreach.conftest import make_publication, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _cyrillic_pdf() -> bytes:
    content, _pages = render_pdf(
        '<html lang="sr-Cyrl"><body><h1>Годишњи извештај</h1>'
        "<p>Завод је обишао центре за социјални рад у Сомбору и Апатину.</p></body></html>"
    )
    return content


@pytest.fixture
def eager():
    """Tasks run in-process, as in the embedded default, whatever broker this pass has."""
    from pzss.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_the_text_is_read_by_the_task_when_the_upload_commits(
    eager, django_capture_on_commit_callbacks
):
    draft = make_publication(published=False, with_file=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attached = services.publication_file_add(
            user=None, publication=draft, upload=upload(_cyrillic_pdf())
        )
        attached.refresh_from_db()
        assert attached.text_status == TextStatus.PENDING  # not in the request
    assert callbacks  # the task was queued after the commit (and ran eagerly here)
    attached.refresh_from_db()
    assert attached.text_status == TextStatus.DONE
    assert "Годишњи извештај" in attached.text
    assert "центре за социјални рад у Сомбору" in attached.text


def test_reading_twice_replaces_the_text_and_a_vanished_file_is_left_alone(no_extraction):
    publication = make_publication(with_file=False, published=False)
    attached = services.publication_file_add(
        user=None, publication=publication, upload=upload(pdf_bytes("Prvi izvestaj"))
    )
    publication_file_read_text(file_id=attached.pk)
    again = publication_file_read_text(file_id=attached.pk)
    assert again.text == "Prvi izvestaj"
    assert publication_file_read_text(file_id=attached.pk + 1000) is None


def test_a_file_whose_text_cannot_be_read_says_so(no_extraction):
    publication = make_publication(with_file=False, published=False)
    attached = services.publication_file_add(user=None, publication=publication, upload=upload())
    with attached.file.open("wb") as handle:  # damaged on the disk after the check
        handle.write(b"%PDF-1.4 nothing here")
    result = publication_file_read_text(file_id=attached.pk)
    assert result.text_status == TextStatus.FAILED and result.text == ""


def test_a_rendered_document_still_on_its_way_is_waited_for(no_extraction, monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    from pzss.documents.models import Document, DocumentStatus

    publication = make_publication(with_file=False, published=False)
    document = Document.objects.create(
        kind="walker-test",
        content_type=ContentType.objects.get_for_model(PublicationFile),
        object_id=1,
        checksum="0" * 64,
        status=DocumentStatus.RENDERING,
    )
    attached = PublicationFile.objects.create(publication=publication, document=document)
    with pytest.raises(DocumentNotReady):
        publication_file_read_text(file_id=attached.pk)
    from django.core.files.base import ContentFile

    document.file.save("x.pdf", ContentFile(pdf_bytes("Program rada")), save=False)
    document.status = DocumentStatus.READY
    document.save()
    assert publication_file_read_text(file_id=attached.pk).text == "Program rada"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reads_the_text_of_an_uploaded_pdf(settings, real_worker):
    settings.MEDIA_ROOT = real_worker.media
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with transaction.atomic():
        publication = make_publication(with_file=False, published=False)
        attached = services.publication_file_add(
            user=None, publication=publication, upload=upload(_cyrillic_pdf())
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        attached.refresh_from_db()
        if attached.text_status != TextStatus.PENDING:
            break
        time.sleep(0.5)
    assert attached.text_status == TextStatus.DONE, real_worker.log()
    assert "Годишњи извештај" in attached.text


def test_pdftotext_and_pypdf_agree_on_the_words(no_extraction):
    """The text kept for search is the text a reader sees: poppler finds the same words."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    publication = make_publication(with_file=False, published=False)
    attached = services.publication_file_add(
        user=None, publication=publication, upload=upload(_cyrillic_pdf())
    )
    read = publication_file_read_text(file_id=attached.pk)
    poppler = subprocess.run(
        ["pdftotext", attached.file.path, "-"], capture_output=True, check=True
    ).stdout.decode()
    assert set(read.text.split()) == set(poppler.split())
