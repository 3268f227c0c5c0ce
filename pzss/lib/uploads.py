"""Checking uploaded files by their content, not by their name."""

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension → the MIME type its content must have
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, JPG, PNG"


def check_upload(upload: UploadedFile, *, max_bytes: int) -> str:
    """The file's MIME type, or a ValidationError that says what is allowed."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files of at most %(max)s are accepted.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_big",
        )
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = ALLOWED.get(ext)
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if (kind is None or kind.mime == "application/zip") and ext in {"docx", "xlsx"}:
        # Office files are zip archives; some writers put the marker entry late, past the
        # head `filetype` reads, and then it sees a plain zip.
        kind = _guess_office(upload)
    actual = kind.mime if kind else None
    if expected is None or actual != expected:
        raise ValidationError(
            _("This type of file is not accepted. Allowed: %(allowed)s, at most %(max)s.")
            % {"allowed": ALLOWED_LABEL, "max": filesizeformat(max_bytes)},
            code="bad_type",
        )
    return actual


def _guess_office(upload: UploadedFile):
    import zipfile

    class _Kind:
        def __init__(self, mime):
            self.mime = mime

    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return _Kind(ALLOWED["docx"])
    if "xl/workbook.xml" in names:
        return _Kind(ALLOWED["xlsx"])
    return None
