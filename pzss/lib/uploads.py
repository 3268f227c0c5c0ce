"""Checking uploaded files by their content, not by their name, and what a zip archive
(an Office file) would unpack to before anything unpacks it."""

import io
import posixpath
import re
import zipfile

import filetype
from defusedxml import DefusedXmlException, ElementTree
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


def zip_uncompressed_size(content: bytes) -> int:
    """What the archive's entries declare they unpack to, read from its directory alone.
    A zip bomb is a small file whose entries declare a lot: refuse it by this number."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return sum(info.file_size for info in zf.infolist())


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.decode():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _first_sheet_path(zf: zipfile.ZipFile) -> str | None:
    # The first <sheet> of the workbook, found through the workbook's relationships:
    # the sheet openpyxl's `worksheets[0]` reads.
    try:
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return None
    sheet = workbook.find(".//{*}sheets/{*}sheet")
    if sheet is None:
        return None
    rel_id = sheet.get(f"{{{_RELS_NS}}}id")
    for rel in rels.findall("{*}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def xlsx_declared_dimension(content: bytes) -> tuple[int, int] | None:
    """(rows, columns) the first sheet of an XLSX declares in its <dimension>, read from
    the head of the sheet without parsing it; None when it declares none."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        path = _first_sheet_path(zf)
        if path is None:
            return None
        try:
            with zf.open(path) as sheet:
                head = sheet.read(64 * 1024)
        except KeyError:
            return None
    match = _DIMENSION.search(head)
    if match is None:
        return None
    first_col, first_row, last_col, last_row = match.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = int(last_row) - int(first_row) + 1
    columns = _column_number(last_col) - _column_number(first_col) + 1
    return max(rows, 1), max(columns, 1)
