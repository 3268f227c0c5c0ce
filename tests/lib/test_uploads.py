"""Files attached to an activity: checked by their content, not their name, limited in
size, stored under a name of our own, and sent back only to staff, as a download."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from openpyxl import Workbook
from PIL import Image

from pzss.core.models import ActivityFile, AuditEntry
from pzss.core.services.activities import activity_cancel, activity_file_attach
from pzss.lib.uploads import xlsx_declared_dimension, zip_uncompressed_size
from tests.core.soup import field_errors, fill, find_form, messages_on, soup
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _office_zip(marker: str, *, padding_first: bool = False) -> bytes:
    """A minimal Office Open XML package. With `padding_first`, large entries come before
    the content types and the marker, as some writers order them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        if padding_first:
            zf.writestr("docProps/core.xml", "<coreProperties/>" * 1000)
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        zf.writestr(marker, '<?xml version="1.0"?><document/>')
    return out.getvalue()


def _real_xlsx() -> bytes:
    wb = Workbook()
    wb.active.append(["Име", "Презиме"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ACCEPTED = {
    "zapisnik.pdf": (PDF, "application/pdf"),
    "slika.png": (_image("PNG"), "image/png"),
    "foto.jpg": (_image("JPEG"), "image/jpeg"),
    "foto.jpeg": (_image("JPEG"), "image/jpeg"),
    "izvestaj.docx": (
        _office_zip("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "izvestaj-libre.docx": (
        _office_zip("word/document.xml", padding_first=True),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "tabela.xlsx": (
        _office_zip("xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "tabela-openpyxl.xlsx": (
        _real_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@pytest.fixture
def activity():
    return ActivityFactory()


def _post_file(client, activity, name: str, content: bytes):
    url = f"/staff/activities/{activity.pk}/files/"
    form = find_form(soup(client.get(f"/staff/activities/{activity.pk}/")), action=url)
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    return client.post(url, {**fill(form, {}), "file": upload})


def _stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_an_allowed_file_is_attached_under_a_name_of_our_own(
    staff_client, staff_user, activity, settings, name
):
    content, mime = ACCEPTED[name]

    response = _post_file(staff_client, activity, name, content)

    assert response.status_code == 302, field_errors(soup(response), "file")
    attached = ActivityFile.objects.get(activity=activity)
    assert attached.original_name == name
    assert attached.content_type == mime
    assert attached.size == len(content)
    assert attached.uploaded_by == staff_user
    [stored] = _stored_files(settings)
    assert stored.read_bytes() == content
    assert name.rsplit(".", 1)[0] not in stored.name  # the user's name is not the stored name
    assert AuditEntry.objects.filter(action="activity_file_attach", object_id=activity.pk).exists()


def _assert_refused(response, activity, settings) -> str:
    assert response.status_code == 400
    assert ActivityFile.objects.count() == 0
    assert _stored_files(settings) == []
    assert not AuditEntry.objects.filter(action="activity_file_attach").exists()
    return " ".join(field_errors(soup(response), "file"))


def test_a_file_over_the_limit_is_refused_with_the_limit_named(staff_client, activity, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    content = PDF + b"%" * 2000

    error = _assert_refused(
        _post_file(staff_client, activity, "big.pdf", content), activity, settings
    )

    with translation.override("en"):
        assert filesizeformat(1000) in error


def test_a_program_renamed_to_pdf_is_refused_with_what_is_allowed(staff_client, activity, settings):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500

    error = _assert_refused(
        _post_file(staff_client, activity, "report.pdf", exe), activity, settings
    )

    assert "PDF, DOCX, XLSX, JPG, PNG" in error


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("beleska.txt", b"plain text notes"),
        ("zapisnik", PDF),  # no extension
        ("slika.png", PDF),  # content does not match the name
        ("arhiva.docx", _office_zip("content.xml")),  # a zip, but no Word document inside
        ("stranica.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_other_files_are_refused(staff_client, activity, settings, name, content):
    error = _assert_refused(_post_file(staff_client, activity, name, content), activity, settings)
    assert "PDF, DOCX, XLSX, JPG, PNG" in error


def test_a_user_without_a_role_cannot_attach(plain_client, activity, settings):
    upload = SimpleUploadedFile("zapisnik.pdf", PDF)
    response = plain_client.post(f"/staff/activities/{activity.pk}/files/", {"file": upload})
    assert response.status_code == 403
    assert ActivityFile.objects.count() == 0
    assert _stored_files(settings) == []


@pytest.fixture
def attached(staff_user, activity):
    upload = SimpleUploadedFile("Записник <1>.pdf", PDF)
    return activity_file_attach(user=staff_user, activity=activity, upload=upload)


def test_staff_download_an_attachment_as_a_file_never_shown_inline(staff_client, attached):
    response = staff_client.get(f"/staff/files/{attached.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_anonymous_users_are_sent_to_log_in_for_an_attachment(client, attached):
    response = client.get(f"/staff/files/{attached.pk}/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_a_user_without_a_role_gets_403_for_an_attachment(plain_client, attached):
    assert plain_client.get(f"/staff/files/{attached.pk}/").status_code == 403


def test_nothing_is_attached_to_a_cancelled_activity(staff_client, staff_user, settings):
    activity = ActivityFactory()
    form_page = soup(staff_client.get(f"/staff/activities/{activity.pk}/"))
    activity_cancel(user=staff_user, activity=activity, reason="Отказано.")
    url = f"/staff/activities/{activity.pk}/files/"
    assert form_page.find("form", action=url) is not None  # the form opened before the cancel

    response = staff_client.post(url, {"file": SimpleUploadedFile("z.pdf", PDF)}, follow=True)

    assert "cannot be changed" in " ".join(messages_on(soup(response)))
    assert ActivityFile.objects.count() == 0
    assert _stored_files(settings) == []


def _workbook_as_excel_writes_it(dimension: bytes) -> bytes:
    """An XLSX whose relationships point at the sheet relatively, as Excel writes them."""
    wb = Workbook()
    wb.active.append(["Ime", "Prezime"])
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="/xl/worksheets/', b'Target="worksheets/')
            if name == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]+"', b'<dimension ref="' + dimension + b'"', data
                )
            dst.writestr(name, data)
    return out.getvalue()


def test_the_declared_size_of_the_first_sheet_is_read_without_unpacking_it():
    assert xlsx_declared_dimension(_workbook_as_excel_writes_it(b"B2:D41")) == (40, 3)
    assert xlsx_declared_dimension(_workbook_as_excel_writes_it(b"A1")) == (1, 1)
    assert xlsx_declared_dimension(_workbook_as_excel_writes_it(b"A1:XFD1048576")) == (
        1048576,
        16384,
    )


def test_the_unpacked_size_of_a_zip_is_what_its_entries_declare():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.bin", b"\0" * 1_000_000)
        zf.writestr("b.txt", b"x" * 10)
    assert len(out.getvalue()) < 10_000
    assert zip_uncompressed_size(out.getvalue()) == 1_000_010
