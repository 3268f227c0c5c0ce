"""Spreadsheet exports of staff lists."""

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pzss.core.models import Activity
from pzss.lib.translit import for_language


def activities_xlsx(activities: Iterable[Activity], language: str | None = None) -> bytes:
    from django.utils.translation import get_language

    language = language or get_language()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Activities")[:31]
    headers = [
        _("No."),
        _("Area"),
        _("Kind"),
        _("Title"),
        _("Start date"),
        _("End date"),
        _("Place"),
        _("Status"),
        _("Institutions covered"),
        _("Participants"),
        _("Responsible staff"),
    ]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for a in activities:
        place = _("Online") if a.online else for_language(a.place, language)
        ws.append(
            [
                a.pk,
                a.area_roman,
                str(a.get_kind_display()),
                for_language(a.title, language),
                a.start_date,
                a.end_date,
                place,
                str(a.get_status_display()),
                for_language("; ".join(i.name for i in a.institutions.all()), language),
                getattr(a, "participant_count", 0),
                for_language(
                    ", ".join(u.get_full_name() or u.username for u in a.responsible.all()),
                    language,
                ),
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            # Typed text is never a formula: openpyxl takes any "=…" string for one, and a
            # title like =HYPERLINK(…) would run in the reader's spreadsheet.
            if cell.data_type == "f":
                cell.data_type = "s"
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = "DD.MM.YYYY."
    widths = [6, 6, 28, 60, 12, 12, 24, 12, 50, 12, 30]
    for idx, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "ПЗСЗ"
    wb.properties.created = timezone.now().replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
