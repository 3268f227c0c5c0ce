"""A library file is a PDF by its content, readable, not encrypted and not too big; what
is refused gets a message and stores nothing."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outreach.library import services
from outreach.models import PublicationFile
from tests.outreach.conftest import encrypted_pdf_bytes, make_publication, pdf_bytes, upload

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "library"
    return sorted(root.iterdir()) if root.exists() else []


@pytest.fixture
def draft(no_extraction):
    return make_publication(published=False, with_file=False)


@pytest.mark.parametrize(
    "content, code",
    [
        (PNG, "not_pdf"),
        (b"Hello, this is plain text pretending to be a PDF.\n", "not_pdf"),
        (b"%PDF-1.7\n" + b"garbage " * 200, "damaged"),
        (encrypted_pdf_bytes(), "encrypted"),
    ],
    ids=["png-named-pdf", "text-named-pdf", "damaged", "encrypted"],
)
def test_a_file_that_is_not_a_readable_open_pdf_is_refused_and_nothing_is_stored(
    draft, settings, content, code
):
    with pytest.raises(ValidationError) as refused:
        services.publication_file_add(user=None, publication=draft, upload=upload(content))
    assert refused.value.error_list[0].code == code
    assert not PublicationFile.objects.exists()
    assert _stored_files(settings) == []


def test_an_encrypted_pdf_is_refused_with_a_message_that_says_what_to_do(
    english, staff_user, draft
):
    english.force_login(staff_user)
    url = reverse("outreach_staff:publication_file_add", args=[draft.pk])
    response = english.post(url, {"file": upload(encrypted_pdf_bytes()), "label": ""})
    assert response.status_code == 400
    assert "protected by a password or encrypted" in response.text
    assert "without protection" in response.text
    assert not PublicationFile.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused_with_the_limit(english, staff_user, draft, settings):
    settings.LIBRARY_MAX_BYTES = 1024
    english.force_login(staff_user)
    big = pdf_bytes("x" * 2000)
    url = reverse("outreach_staff:publication_file_add", args=[draft.pk])
    response = english.post(url, {"file": upload(big)})
    assert response.status_code == 400
    assert "PDFs of at most 1.0\xa0KB are accepted" in response.text
    assert not PublicationFile.objects.exists()


def test_a_pdf_is_accepted_by_its_content_whatever_its_name(draft, settings):
    attached = services.publication_file_add(
        user=None, publication=draft, upload=upload(pdf_bytes(), name="report.docx")
    )
    assert attached.pages == 1 and attached.size == len(pdf_bytes())
    assert attached.original_name == "report.docx"


def test_the_file_is_stored_under_a_name_nobody_chose_or_can_guess(draft, settings):
    attached = services.publication_file_add(
        user=None, publication=draft, upload=upload(name="../../etc/izvestaj.pdf")
    )
    name = attached.file.name
    assert name.startswith("library/") and name.endswith(".pdf")
    assert "izvestaj" not in name and ".." not in name
    assert len(Path(name).stem) == 32  # a random hex name
    assert _stored_files(settings) == [Path(settings.MEDIA_ROOT) / name]


def test_a_refused_upload_on_the_staff_page_keeps_the_page_and_its_other_files(staff_client, draft):
    services.publication_file_add(user=None, publication=draft, upload=upload())
    url = reverse("outreach_staff:publication_file_add", args=[draft.pk])
    response = staff_client.post(url, {"file": upload(PNG)})
    assert response.status_code == 400
    assert PublicationFile.objects.count() == 1
