"""The XLSX template a centre fills in instead of the page's form, and reading it back.

The layout is one field a row, which a centre worker reads top to bottom like the paper
form (a row of sixteen columns would scroll sideways and hide the labels):

    A: the field's label   B: its code   C: the value   D: the unit   E: help

Rows 2–4 say what the file is for — the institution, the period and the form version —
and are checked on upload, so a file filled in for another centre, another period or an
older form is refused rather than read into the wrong submission. The fields follow from
row 6 in the form's order; the codes in column B are how a moved or renamed row is
caught. Only column C is read as figures, through the same `check_figures` as the form
(via `submission_save_draft`), and every refusal names its cell: „ћелија C7: …“."""

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from pzss.core.models import Institution
from pzss.lib.uploads import check_upload, xlsx_declared_dimension, zip_uncompressed_size
from pzss.lib.xlsx import SheetWriter
from research.models import DataSetVersion, FieldType, Period, SubmissionVersion
from research.validation import Form

FIRST_FIELD_ROW = 6
VALUE_COLUMN = "C"
# A template is a few dozen rows; these caps, read from the zip's directory and the
# sheet's declared size before anything is parsed, refuse anything far larger.
MAX_UNPACKED_BYTES = 2 * 1024 * 1024
MAX_EXTRA_ROWS = 20
MAX_COLUMNS = 10


def sheet_title(form_version: DataSetVersion) -> str:
    return form_version.data_set.code[:31]


# The template is the institute's document, in Serbian whatever language the page was in
# when it was downloaded: its headers are checked on upload, so they must not change
# with the reader's language.
HEADERS = ("Поље", "Шифра", "Вредност", "Јединица", "Упутство")


def headers() -> list[str]:
    return list(HEADERS)


def _shown(data_field, value: Any) -> Any:
    if value is None:
        return None
    if data_field.type == FieldType.BOOLEAN:
        return "да" if value else "не"
    if data_field.type == FieldType.DECIMAL:
        return float(value)
    return value


def _help(data_field) -> str:
    parts = []
    if data_field.required:
        parts.append("обавезно")
    if data_field.type == FieldType.BOOLEAN:
        parts.append("да или не")
    elif data_field.type == FieldType.CHOICE:
        parts.append("једно од: " + ", ".join(data_field.choices))
    if data_field.help_text:
        parts.append(data_field.help_text)
    return "; ".join(parts)


def template_xlsx(
    *,
    form_version: DataSetVersion,
    period: Period,
    institution: Institution,
    current: SubmissionVersion | None = None,
) -> bytes:
    """The template for this institution and period, with the figures of `current` (the
    draft or last version) filled in where it was made with the same form."""
    form = Form.of(form_version)
    values = current.values if current is not None and current.form_id == form_version.pk else {}
    writer = SheetWriter(
        title=sheet_title(form_version), headers=headers(), widths=(55, 22, 16, 12, 50)
    )
    writer.append(["Установа", "institution", institution.name])
    writer.append(["Период", "period", period.label])
    writer.append(["Верзија обрасца", "form", f"v{form_version.number}"])
    writer.append([form_version.data_set.name])
    for data_field in form.fields:
        writer.append(
            [
                (data_field.section + " — " if data_field.section else "") + data_field.label,
                data_field.code,
                _shown(data_field, values.get(data_field.code)),
                data_field.unit,
                _help(data_field),
            ]
        )
    out = io.BytesIO()
    writer.save(out)
    return out.getvalue()


@dataclass
class Read:
    raw: dict[str, Any] = field(default_factory=dict)
    cell_of: dict[str, str] = field(default_factory=dict)  # field code → its value's cell
    errors: list[str] = field(default_factory=list)


def _cell_error(cell: str, message: str) -> str:
    return _("cell %(cell)s: %(message)s") % {"cell": cell, "message": message}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _check_size(content: bytes, rows_expected: int) -> None:
    try:
        if zip_uncompressed_size(content) > MAX_UNPACKED_BYTES:
            raise ValidationError(
                _("The file is far larger than the template: download the template again.")
            )
        dimension = xlsx_declared_dimension(content)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(_("The XLSX file cannot be read.")) from exc
    if dimension:
        rows, columns = dimension
        if rows > rows_expected + MAX_EXTRA_ROWS or columns > MAX_COLUMNS:
            raise ValidationError(
                _(
                    "The sheet has %(rows)s rows and %(columns)s columns; the template has "
                    "%(expected)s rows. Fill in the template as it is."
                )
                % {"rows": rows, "columns": columns, "expected": rows_expected}
            )


def read_template(
    upload: UploadedFile, *, form_version: DataSetVersion, period: Period, institution: Institution
) -> Read:
    """The figures of an uploaded template, by field code, or the reasons it is refused
    (each naming its cell). Nothing here writes."""
    check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
    if not (upload.name or "").lower().endswith(".xlsx"):
        raise ValidationError(_("Upload the XLSX template (a .xlsx file)."))
    upload.seek(0)
    content = upload.read()
    form = Form.of(form_version)
    _check_size(content, FIRST_FIELD_ROW - 1 + len(form.fields))
    try:
        # Not data_only: a formula must be seen as one (its cached result may be stale or
        # absent, and a figure the institute stores is typed, not computed elsewhere).
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("The XLSX file cannot be read.")) from exc
    title = sheet_title(form_version)
    if title not in workbook.sheetnames:
        raise ValidationError(
            _("The file has no sheet «%(sheet)s»: upload the template downloaded for this period.")
            % {"sheet": title}
        )
    sheet = workbook[title]
    cells: dict[str, Any] = {}
    for row in sheet.iter_rows(
        max_row=FIRST_FIELD_ROW + len(form.fields) + MAX_EXTRA_ROWS, max_col=MAX_COLUMNS
    ):
        for cell in row:
            if getattr(cell, "coordinate", None) is None:
                continue
            cells[cell.coordinate] = cell
    workbook.close()

    read = Read()

    def value(coordinate: str) -> Any:
        cell = cells.get(coordinate)
        return None if cell is None else cell.value

    def is_formula(coordinate: str) -> bool:
        cell = cells.get(coordinate)
        return cell is not None and (
            cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))
        )

    for column, expected in zip("ABCDE", headers(), strict=True):
        if _text(value(f"{column}1")) != expected:
            read.errors.append(
                _cell_error(
                    f"{column}1",
                    _("the header should read «%(expected)s»: the columns were moved or renamed.")
                    % {"expected": expected},
                )
            )
    if read.errors:
        return read
    expected_meta = (
        (2, "institution", institution.name, _("the file is for another institution (%(value)s).")),
        (3, "period", period.label, _("the file is for another period (%(value)s).")),
        (
            4,
            "form",
            f"v{form_version.number}",
            _(
                "the file is for another version of the form (%(value)s): download the "
                "template again."
            ),
        ),
    )
    for row, code, wanted, message in expected_meta:
        if _text(value(f"B{row}")) != code:
            read.errors.append(
                _cell_error(
                    f"B{row}", _("should read «%(code)s»: the rows were moved.") % {"code": code}
                )
            )
        elif _text(value(f"C{row}")) != wanted:
            read.errors.append(
                _cell_error(f"C{row}", message % {"value": _text(value(f"C{row}")) or "—"})
            )
    if read.errors:
        return read
    for index, data_field in enumerate(form.fields):
        row = FIRST_FIELD_ROW + index
        code_cell, value_cell = f"B{row}", f"{VALUE_COLUMN}{row}"
        if _text(value(code_cell)) != data_field.code:
            read.errors.append(
                _cell_error(
                    code_cell,
                    _("should read «%(code)s» («%(label)s»): the rows were moved or renamed.")
                    % {"code": data_field.code, "label": data_field.label},
                )
            )
            continue
        if is_formula(value_cell):
            read.errors.append(_cell_error(value_cell, _("a formula; type the figure itself.")))
            continue
        raw = value(value_cell)
        if isinstance(raw, float) and raw.is_integer() and data_field.type == FieldType.INTEGER:
            raw = int(raw)
        read.raw[data_field.code] = raw
        read.cell_of[data_field.code] = value_cell
    last = FIRST_FIELD_ROW + len(form.fields)
    for coordinate, cell in cells.items():
        row = cell.row
        if row >= last and cell.value not in (None, ""):
            read.errors.append(
                _cell_error(
                    coordinate, _("below the form's last row: the template has no such row.")
                )
            )
    return read


def name_cells(error: ValidationError, cell_of: dict[str, str]) -> ValidationError:
    """The service's {field code: messages} refusal, each message led by its cell."""
    if not hasattr(error, "error_dict"):
        return error
    messages = []
    for code, errors in error.message_dict.items():
        cell = cell_of.get(code)
        messages.extend(_cell_error(cell, m) if cell else m for m in errors)
    return ValidationError(messages)
