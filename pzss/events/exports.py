"""An event's registrations as a spreadsheet (XLSX) or CSV, for staff."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pzss.core.models import Activity, Registration
from pzss.events.models import SignupQuestion
from pzss.lib.translit import for_language


def _answer(value) -> str:
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return "" if value is None else str(value)


def _safe(value):
    """Text a person typed never becomes a spreadsheet formula (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def registration_rows(
    activity: Activity, registrations: list[Registration], questions: list[SignupQuestion], language
):
    headers = [
        _("No."),
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("Institution"),
        _("Position"),
        _("Status"),
        _("Signed up"),
        _("Source"),
        *[for_language(q.label, language) for q in questions],
    ]
    yield headers
    for n, r in enumerate(registrations, start=1):
        yield [
            _safe(v)
            for v in [
                n,
                for_language(r.person.last_name, language),
                for_language(r.person.first_name, language),
                r.person.email,
                for_language(r.institution.name, language) if r.institution else "",
                str(r.get_position_display()),
                str(r.get_status_display()),
                timezone.localtime(r.created_at).strftime("%d.%m.%Y. %H:%M"),
                str(r.get_source_display()),
                *[_answer(r.answers.get(str(q.pk))) for q in questions],
            ]
        ]


def registrations_xlsx(activity, registrations, questions, language) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Registrations")[:31]
    for row in registration_rows(activity, registrations, questions, language):
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for idx, width in enumerate([5, 18, 16, 28, 32, 18, 14, 17, 14], start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "ПЗСЗ"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def registrations_csv(activity, registrations, questions, language) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in registration_rows(activity, registrations, questions, language):
        writer.writerow(row)
    # BOM: Excel on Windows then reads the Cyrillic as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
