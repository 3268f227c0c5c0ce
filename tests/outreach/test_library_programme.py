"""A published work programme enters the library by itself: its entry is created when the
programme is published, its file is the programme's rendered PDF (served once ready,
"being prepared" until then), and a published amendment brings the same entry up to date."""

import datetime as dt

import pytest
from django.core.management import call_command

from outreach.library import services as library
from outreach.models import Publication, PublicationKind, PublicationStatus
from programme import services
from programme.models import RevisionStatus
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.services import document_render
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_render(monkeypatch):
    from pzss.documents import tasks

    queued: list[int] = []
    monkeypatch.setattr(tasks.render_document, "delay", queued.append)
    return queued


def _publish(revision, staff, director):
    services.revision_submit(user=staff, revision=revision)
    services.revision_approve(user=director, revision=revision)
    services.revision_adopt(
        user=staff,
        revision=revision,
        decision_number="12/2029",
        decision_date=dt.date(2029, 12, 20),
    )
    services.revision_publish(user=staff, revision=revision)


def test_publishing_the_programme_puts_it_in_the_library_without_an_upload(
    staff_user, director_user, no_render, no_extraction
):
    revision = make_revision(year=2030)
    assert not Publication.objects.exists()
    _publish(revision, staff_user, director_user)
    entry = Publication.objects.get()
    assert entry.kind == PublicationKind.WORK_PROGRAMME
    assert entry.year == 2030 and entry.status == PublicationStatus.PUBLISHED
    assert entry.title == revision.title
    assert entry.abstract == "Увод у програм."  # the introduction's first paragraph
    assert entry.published_at is not None and entry.language == "sr-Cyrl"
    [attached] = entry.files.all()
    # the file is the programme's own rendered document (Cyrillic), not a copy
    assert attached.document == Document.objects.get(kind="programme", language="sr")
    assert not attached.file
    assert no_render == [attached.document_id]
    assert no_extraction == [attached.pk]


def test_nothing_enters_the_library_before_the_programme_is_published(
    staff_user, director_user, no_render
):
    revision = make_revision(year=2030)
    services.revision_submit(user=staff_user, revision=revision)
    services.revision_approve(user=director_user, revision=revision)
    assert not Publication.objects.exists()


def test_the_download_says_the_pdf_is_being_prepared_then_serves_it(
    client, staff_user, director_user, no_render, no_extraction
):
    _publish(make_revision(year=2030), staff_user, director_user)
    attached = Publication.objects.get().files.get()
    response = client.get(attached.get_absolute_url())
    assert response.status_code == 202
    assert 'data-hx-trigger="every 1s"' in response.text  # polls the document's progress
    document_render(document_id=attached.document_id)
    response = client.get(attached.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page = client.get(Publication.objects.get().get_absolute_url())
    assert (
        "Download the PDF" in page.text or "Преузмите PDF" in page.text or page.status_code == 200
    )


def test_a_published_amendment_updates_the_same_entry_with_its_own_pdf(
    staff_user, director_user, no_render, no_extraction
):
    revision = make_revision(year=2030)
    _publish(revision, staff_user, director_user)
    entry = Publication.objects.get()
    first_document = entry.files.get().document_id
    amendment = services.revision_amend(user=staff_user, programme=revision.programme)
    services.revision_update_header(
        user=staff_user,
        revision=amendment,
        data={"title": "Измене и допуне Програма рада за 2030. годину"},
    )
    _publish(amendment, staff_user, director_user)
    entry = Publication.objects.get()  # still one entry
    assert entry.title == "Измене и допуне Програма рада за 2030. годину"
    [attached] = entry.files.all()
    assert attached.document_id != first_document
    assert attached.document.object_id == amendment.pk


def test_the_library_catches_up_with_programmes_published_before_it_and_twice_is_once(
    staff_user, director_user, no_render, no_extraction
):
    _publish(make_revision(year=2030), staff_user, director_user)
    Publication.objects.all().delete()  # as if the library came later
    assert library.library_catch_up() == 1
    assert library.library_catch_up() == 1
    entry = Publication.objects.get()
    assert entry.files.count() == 1 and entry.year == 2030


def test_the_seed_programme_of_2021_is_in_the_library(no_render):
    call_command("load_programme", verbosity=0)
    entry = Publication.objects.get(kind=PublicationKind.WORK_PROGRAMME)
    assert entry.year == 2021
    assert entry.title == "Програм рада Покрајинског завода за социјалну заштиту за 2021. годину"
    assert entry.is_published
    assert entry.files.get().document.status == DocumentStatus.QUEUED


def test_a_failure_to_record_the_entry_leaves_the_programme_unpublished(
    staff_user, director_user, no_render, monkeypatch
):
    from pzss.core import extensions

    def broken(**kwargs):
        raise RuntimeError("the library could not record it")

    monkeypatch.setitem(extensions._PUBLISHED_LISTENERS, "library", broken)
    revision = make_revision(year=2030)
    with pytest.raises(RuntimeError):
        _publish(revision, staff_user, director_user)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.ADOPTED


def test_a_forgotten_document_takes_its_library_file_with_it_not_an_error(
    staff_user, director_user, no_render, no_extraction
):
    _publish(make_revision(year=2030), staff_user, director_user)
    attached = Publication.objects.get().files.get()
    Document.objects.filter(pk=attached.document_id).delete()
    assert not Publication.objects.get().files.exists()
    # the next catch-up gives the entry its PDF again
    library.library_catch_up()
    assert Publication.objects.get().files.count() == 1
