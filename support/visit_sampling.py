"""The case-file sample's pure rules: reading a frame (numbers only, never names) and the
reproducible draw. Anyone can redo a draw with Python alone:

    import random
    random.Random(seed).sample(sorted(eligible_numbers), size)

where `eligible_numbers` are the frame's case-file numbers that meet the criteria, sorted
as Python sorts strings, and `seed` is the number stored with the draw."""

import csv
import io
import random
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from pzss.lib.personal_data import find_personal_data
from support.models import CareKind

# Letters, digits, "-", "/" (and "." as in 551-12/2021.1); at least one digit.
NUMBER = re.compile(r"^(?=.*\d)[0-9A-Za-zА-Яа-яЂђЈјЉљЊњЋћЏџČčĆćĐđŠšŽž/\-.]{1,40}$")
_CARE_WORDS = {
    "family": CareKind.FAMILY,
    "породични": CareKind.FAMILY,
    "porodični": CareKind.FAMILY,
    "хранитељство": CareKind.FAMILY,
    "residential": CareKind.RESIDENTIAL,
    "домски": CareKind.RESIDENTIAL,
    "domski": CareKind.RESIDENTIAL,
    "смештај": CareKind.RESIDENTIAL,
    "day": CareKind.DAY,
    "дневни": CareKind.DAY,
    "home": CareKind.HOME,
    "помоћ у кући": CareKind.HOME,
}


def _rows_of_text(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.strip():
            rows.append([cell.strip() for cell in re.split(r"[;\t,]", line)])
    return rows


def _rows_of_upload(upload) -> list[list[str]]:
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as exc:
            raise ValidationError(
                {"upload": _("The file could not be read as an XLSX workbook.")}
            ) from exc
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
            if any(v not in (None, "") for v in row)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"upload": _("The CSV file must be in UTF-8.")}) from exc
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(row)]


def parse_frame(*, text: str = "", upload=None) -> list[dict]:
    """The frame's files from typed lines ("number; age; care") or an XLSX/CSV whose
    columns are number, age, care (a header row is skipped). Refuses, naming the line,
    anything that is not a case-file number or looks like a name or a JMBG."""
    field = "upload" if upload is not None else "text"
    rows = _rows_of_upload(upload) if upload is not None else _rows_of_text(text)
    if rows and rows[0] and not any(ch.isdigit() for ch in rows[0][0]):
        header = rows[0][0].lower()
        if header in {"number", "broj", "број", "case file", "досије", "dosije"}:
            rows = rows[1:]
    files, seen, errors = [], set(), []
    for line_no, row in enumerate(rows, start=1):
        raw = " ; ".join(c for c in row if c)
        found = find_personal_data(raw)
        number = row[0] if row else ""
        if found.jmbg:
            errors.append(
                _(
                    "Line %(n)s: this looks like a personal identity number (JMBG); "
                    "only case-file numbers are entered."
                )
                % {"n": line_no}
            )
            continue
        if found.names or not NUMBER.match(number):
            errors.append(
                _(
                    "Line %(n)s: „%(v)s“ is not a case-file number "
                    "(letters, digits, - and / only; never a name)."
                )
                % {"n": line_no, "v": number[:40]}
            )
            continue
        age = None
        if len(row) > 1 and row[1]:
            try:
                age = int(float(row[1]))
            except ValueError:
                errors.append(
                    _("Line %(n)s: the age must be a whole number of years.") % {"n": line_no}
                )
                continue
            if not 0 <= age <= 120:
                errors.append(_("Line %(n)s: the age must be between 0 and 120.") % {"n": line_no})
                continue
        care = ""
        if len(row) > 2 and row[2]:
            care = _CARE_WORDS.get(row[2].lower(), row[2].lower())
            if care not in CareKind.values:
                errors.append(
                    _("Line %(n)s: the kind of care must be family, residential, day or home.")
                    % {"n": line_no}
                )
                continue
        if number in seen:
            errors.append(
                _("Line %(n)s: the case file %(v)s is listed twice.") % {"n": line_no, "v": number}
            )
            continue
        seen.add(number)
        files.append({"number": number, "age": age, "care": str(care)})
    if errors:
        raise ValidationError({field: errors[:20]})
    if not files:
        raise ValidationError({field: _("List at least one case-file number.")})
    return files


def draw(*, eligible: list[str], size: int, seed: int) -> list[str]:
    """The documented algorithm: Python's random.sample over the sorted eligible list."""
    return random.Random(seed).sample(sorted(eligible), size)
