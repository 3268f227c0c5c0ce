"""The spreadsheet of the service mapping: the template the portal gives local governments
and staff, and the reading of a filled-in one, cell by cell.

The template's columns are fixed: a workbook whose sheet or columns were moved is refused
as a whole, since a figure read from the wrong column would be stored as the right one.
Inside the table, each cell is checked on its own and a row with a bad cell is refused
with the cell named („ред 7, колона F (Број корисника): није цео број“); the other rows
go on. The template is written in the reader's language, and a filled-in one is read in
any of the portal's languages and in either script."""

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pzss.lib.text import clean_text
from pzss.lib.translit import to_latin
from pzss.lib.uploads import xlsx_declared_dimension, zip_uncompressed_size
from pzss.lib.xlsx import SheetWriter
from research.models import FundingSource, ProviderKind, ProvisionSpan, ServiceKind

SHEET_TITLE = gettext_lazy("Services")
LANGUAGES = ("sr", "en")


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # a lazy translation
    kind: str  # text | int | decimal | bool | choice
    width: int = 14
    choices: type | None = None
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("municipality", gettext_lazy("Municipality"), "text", 18, required=True),
    Column("kind", gettext_lazy("Kind of service"), "choice", 24, ServiceKind, required=True),
    Column("name", gettext_lazy("Name of the service"), "text", 32, required=True),
    Column("provider", gettext_lazy("Provider"), "text", 32, required=True),
    Column("provider_kind", gettext_lazy("Kind of provider"), "choice", 16, ProviderKind, True),
    Column("users", gettext_lazy("Number of users"), "int", 12),
    Column("capacity", gettext_lazy("Capacity"), "int", 12),
    Column("span", gettext_lazy("Time span of provision"), "choice", 16, ProvisionSpan, True),
    Column("funding", gettext_lazy("Funding (RSD)"), "decimal", 16),
    Column("funding_source", gettext_lazy("Source of funding"), "choice", 24, FundingSource, True),
    Column("is_licensed", gettext_lazy("Licensed (yes/no)"), "bool", 12),
    Column("cooperates_health", gettext_lazy("Cooperation: health (yes/no)"), "bool", 14),
    Column("cooperates_education", gettext_lazy("Cooperation: education (yes/no)"), "bool", 14),
    Column("cooperates_police", gettext_lazy("Cooperation: police (yes/no)"), "bool", 14),
    Column(
        "cooperates_civil_society",
        gettext_lazy("Cooperation: civil society (yes/no)"),
        "bool",
        14,
    ),
    Column("is_innovative", gettext_lazy("Innovative programme (yes/no)"), "bool", 14),
    Column("innovation", gettext_lazy("Description of the innovative programme"), "text", 40),
)
COLUMN_OF = {c.field: i for i, c in enumerate(COLUMNS)}

# A mapping is 45 municipalities with tens of services each: the caps are far above that
# and keep a bad file (or a zip bomb dressed as a workbook) from filling a worker.
MAX_ROWS = 3_000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024

_INTEGER = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


class MappingFileError(Exception):
    """The file as a whole cannot be read as the template."""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", to_latin(clean_text(str(text))).strip().lower())


def _in_every_language(label: Callable[[], str]) -> set[str]:
    keys = set()
    for language in LANGUAGES:
        with translation.override(language):
            keys.add(_key(label()))
    return keys


def column_label(index: int) -> str:
    """The column's letter and header, as the reader sees them in the template."""
    return f"{get_column_letter(index + 1)} ({COLUMNS[index].header})"


def cell_reason(line: int, index: int, message: str) -> str:
    return _("row %(row)s, column %(column)s: %(message)s") % {
        "row": line,
        "column": column_label(index),
        "message": message,
    }


# --- the template -------------------------------------------------------------------------


def write_template(out: IO[bytes], *, example_rows: Iterable[list] = ()) -> None:
    """The empty template (the header row), or one with the given rows filled in."""
    sheet = SheetWriter(
        title=str(SHEET_TITLE),
        headers=[str(c.header) for c in COLUMNS],
        widths=[c.width for c in COLUMNS],
    )
    for row in example_rows:
        sheet.append(row)
    legend = sheet.add_sheet(title=str(_("Allowed values")), headers=[_("Column"), _("Values")])
    for column in COLUMNS:
        if column.choices is not None:
            legend.append([str(column.header), "; ".join(str(c.label) for c in column.choices)])
    legend.append([_("yes/no columns"), _("yes; no (an empty cell is no)")])
    sheet.save(out)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


# --- reading ------------------------------------------------------------------------------


@dataclass
class SheetRow:
    line: int
    cells: list  # JSON-safe: str, int, float, bool or None
    formulas: list[int]  # the indexes of the cells that held a formula


def _json_safe(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    return clean_text(str(value)).strip()


def read_rows(content: bytes) -> list[SheetRow]:
    """The rows under the header of the template's sheet, or MappingFileError when the
    file is not the template (another sheet, columns moved or renamed, too large)."""
    try:
        if zip_uncompressed_size(content) > MAX_UNPACKED_BYTES:
            raise MappingFileError(
                _("The XLSX file unpacks to more than %(size)s.")
                % {"size": filesizeformat(MAX_UNPACKED_BYTES)}
            )
        dimension = xlsx_declared_dimension(content)
    except (zipfile.BadZipFile, OSError) as exc:
        raise MappingFileError(_("The XLSX file cannot be read.")) from exc
    if dimension and dimension[0] > MAX_ROWS + 1:
        raise _too_many_rows()
    try:
        # Not data_only: a formula is refused, not read as the value it last showed.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:
        raise MappingFileError(_("The XLSX file cannot be read.")) from exc
    titles = _in_every_language(lambda: str(SHEET_TITLE))
    sheet = next((ws for ws in workbook.worksheets if _key(ws.title) in titles), None)
    if sheet is None:
        raise MappingFileError(
            _(
                "The workbook has no sheet „%(sheet)s“. Fill in the portal's template and "
                "upload it without renaming its sheet."
            )
            % {"sheet": SHEET_TITLE}
        )
    try:
        rows = list(_sheet_rows(sheet))
    except MappingFileError:
        raise
    except Exception as exc:
        raise MappingFileError(_("The XLSX file cannot be read.")) from exc
    if not rows:
        raise MappingFileError(_("The sheet is empty."))
    _check_header(rows[0])
    return [row for row in rows[1:] if any(c not in (None, "") for c in row.cells)]


def _too_many_rows() -> MappingFileError:
    return MappingFileError(
        _("The sheet has more than %(rows)s rows.")
        % {"rows": number_format(MAX_ROWS, force_grouping=True)}
    )


def _sheet_rows(sheet) -> Iterable[SheetRow]:
    # A sheet may declare no size, or a false one: count while reading as well.
    for line, cells in enumerate(sheet.iter_rows(), start=1):
        if line > MAX_ROWS + 1:
            raise _too_many_rows()
        values, formulas = [], []
        for index, cell in enumerate(cells):
            if index >= len(COLUMNS):
                if cell.value not in (None, ""):
                    raise MappingFileError(
                        _(
                            "Cell %(cell)s is outside the template's columns. Keep the "
                            "columns as the template has them."
                        )
                        % {"cell": f"{get_column_letter(index + 1)}{line}"}
                    )
                continue
            if getattr(cell, "data_type", None) == "f":
                formulas.append(index)
            values.append(_json_safe(getattr(cell, "value", None)))
        values += [None] * (len(COLUMNS) - len(values))
        yield SheetRow(line=line, cells=values, formulas=formulas)


def _check_header(header: SheetRow) -> None:
    for index, column in enumerate(COLUMNS):
        found = header.cells[index]
        if _key(found or "") not in _in_every_language(lambda c=column: str(c.header)):
            raise MappingFileError(
                _(
                    "Column %(letter)s must be „%(header)s“, it is „%(found)s“. Keep the "
                    "columns as the template has them."
                )
                % {
                    "letter": get_column_letter(index + 1),
                    "header": column.header,
                    "found": found or "",
                }
            )


# --- one cell -----------------------------------------------------------------------------


class CellError(Exception):
    pass


def _choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices.choices:
        lookup[_key(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                lookup[_key(str(label))] = value
    return lookup


def _yes_no_lookup() -> dict[str, bool]:
    lookup = {"1": True, "0": False, "true": True, "false": False, "": False}
    for language in LANGUAGES:
        with translation.override(language):
            lookup[_key(_("yes"))] = True
            lookup[_key(_("no"))] = False
    lookup.update({"da": True, "ne": False, "yes": True, "no": False})
    return lookup


class CellReader:
    """Turns the template's cells into values; built once for a whole file (the choice
    labels in every language are looked up once, not once a cell)."""

    def __init__(self):
        self.choices = {c.field: _choice_lookup(c.choices) for c in COLUMNS if c.choices}
        self.yes_no = _yes_no_lookup()

    def value(self, column: Column, raw):
        if raw is None or raw == "":
            if column.required:
                raise CellError(_("the cell is empty"))
            return {"int": 0, "decimal": Decimal("0"), "bool": False}.get(column.kind, "")
        if column.kind == "text":
            return str(raw).strip()
        if column.kind == "int":
            return self._integer(raw)
        if column.kind == "decimal":
            return self._amount(raw)
        if column.kind == "bool":
            if isinstance(raw, bool):
                return raw
            found = self.yes_no.get(_key(str(raw)))
            if found is None:
                raise CellError(_("write yes or no"))
            return found
        found = self.choices[column.field].get(_key(str(raw)))
        if found is None:
            raise CellError(_("„%(value)s“ is not one of the allowed values") % {"value": raw})
        return found

    @staticmethod
    def _integer(raw) -> int:
        if isinstance(raw, bool):
            raise CellError(_("not a whole number"))
        if isinstance(raw, int):
            number = raw
        elif isinstance(raw, float) and raw.is_integer():
            number = int(raw)
        elif isinstance(raw, str) and _INTEGER.match(raw.strip().lstrip("-")):
            number = int(raw.strip())
        else:
            raise CellError(_("not a whole number"))
        if number < 0:
            raise CellError(_("must not be negative"))
        return number

    @staticmethod
    def _amount(raw) -> Decimal:
        if isinstance(raw, bool):
            raise CellError(_("not an amount"))
        try:
            if isinstance(raw, int | float):
                amount = Decimal(str(raw))
            elif isinstance(raw, str) and _DECIMAL.match(raw.strip().lstrip("-")):
                amount = Decimal(raw.strip().replace(",", "."))
            else:
                raise CellError(_("not an amount"))
        except InvalidOperation as exc:
            raise CellError(_("not an amount")) from exc
        if amount < 0:
            raise CellError(_("must not be negative"))
        if amount != amount.quantize(Decimal("0.01")):
            raise CellError(_("at most two decimal places"))
        return amount.quantize(Decimal("0.01"))
