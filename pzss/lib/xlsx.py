"""Spreadsheets written a row at a time (openpyxl's write-only mode): an export of any
length holds one row in memory, whether it is answered in the request or built by a
background job. Text people typed never becomes a formula."""

import datetime as dt
from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY."
DATETIME_FORMAT = "DD.MM.YYYY. HH:MM"


class SheetWriter:
    """One sheet: a bold header row, frozen under it, columns of the given widths; dates
    shown as 14.12.2020. Call `append` for each row, then `save`; `add_sheet` starts the
    next sheet of the same workbook (write the sheets one after the other)."""

    def __init__(
        self,
        *,
        title: str,
        headers: Iterable[str],
        widths: Iterable[int] = (),
        workbook: Workbook | None = None,
    ):
        if workbook is None:
            workbook = Workbook(write_only=True)
            workbook.properties.creator = "ПЗСЗ"
            workbook.properties.created = timezone.now().replace(tzinfo=None)
        self.workbook = workbook
        self.sheet = self.workbook.create_sheet(str(title)[:31])
        # Widths and the frozen row must be set before the first row is written.
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        self.sheet.append([self._cell(str(h), font=bold) for h in headers])

    def _cell(self, value, **style) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        if cell.data_type == "f":
            # openpyxl takes any "=…" string for a formula, and a title like
            # =HYPERLINK(…) would run in the reader's spreadsheet.
            cell.data_type = "s"
        if isinstance(value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        return cell

    def append(self, values: Iterable) -> None:
        # Plain values are the cheap path (openpyxl makes their cells); only what needs a
        # style of its own or could be read as a formula gets a cell made here.
        self.sheet.append(
            [
                self._cell(v)
                if isinstance(v, dt.date) or (isinstance(v, str) and v.startswith("="))
                else v
                for v in values
            ]
        )

    def add_sheet(
        self, *, title: str, headers: Iterable[str], widths: Iterable[int] = ()
    ) -> "SheetWriter":
        return SheetWriter(title=title, headers=headers, widths=widths, workbook=self.workbook)

    def save(self, out: IO[bytes]) -> None:
        self.workbook.save(out)
