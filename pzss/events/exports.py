"""An event's registrations as a spreadsheet (XLSX) or CSV, for staff: answered in the
request when they are few (EXPORT_INLINE_MAX_ROWS), built by a background job when they
are many. Both stream the same rows (`write_registrations`)."""

import csv
import io
import tempfile
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.models import Activity, Registration
from pzss.events import selectors
from pzss.events.models import SignupQuestion
from pzss.lib.jobs import JobRun
from pzss.lib.translit import for_language
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter


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


REGISTRATIONS_EXPORT = "registrations_export"
CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": "text/csv; charset=utf-8"}
# Rows between two progress reports of a background export.
PROGRESS_EVERY = 200


def registrations_filename(activity: Activity, fmt: str) -> str:
    return f"registrations-{activity.pk}-{timezone.localdate():%Y%m%d}.{fmt}"


def write_registrations(out: IO[bytes], fmt: str, rows, progress=None) -> int:
    """Write the rows (`registration_rows`: the header, then one a registration) to `out`
    as XLSX or CSV, a row at a time; returns how many registrations were written."""
    rows = iter(rows)
    headers = next(rows)
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        # BOM: Excel on Windows then reads the Cyrillic as UTF-8.
        text.write("\ufeff")
        writer = csv.writer(text)
        writer.writerow(headers)
        append = writer.writerow
    else:
        sheet = SheetWriter(
            title=_("Registrations"), headers=headers, widths=[5, 18, 16, 28, 32, 18, 14, 17, 14]
        )
        append = sheet.append
    count = 0
    for row in rows:
        append(row)
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if fmt == "csv":
        text.detach()  # leave `out` open for the caller
    else:
        sheet.save(out)
    return count


def registrations_xlsx(activity, registrations, questions, language) -> bytes:
    out = io.BytesIO()
    rows = registration_rows(activity, registrations, questions, language)
    write_registrations(out, "xlsx", rows)
    return out.getvalue()


def registrations_csv(activity, registrations, questions, language) -> bytes:
    out = io.BytesIO()
    write_registrations(out, "csv", registration_rows(activity, registrations, questions, language))
    return out.getvalue()


def run_registrations_export(job: JobRun) -> None:
    """The background job (registered in apps.py): the event's registrations, filtered by
    status as the page was, streamed into a temporary file, then stored."""
    activity = selectors.event_for_user(user=job.user, pk=job.params["activity"])
    status = job.params.get("status") or None
    fmt = job.params.get("format", "xlsx")
    registrations = selectors.event_registrations(user=job.user, activity=activity, status=status)
    total = registrations.count()
    job.progress(0, total)
    questions = list(activity.questions.all())
    registrations = registrations.iterator(chunk_size=500)
    rows = registration_rows(activity, registrations, questions, job.language)
    with tempfile.TemporaryFile() as out:
        written = write_registrations(out, fmt, rows, progress=lambda n: job.progress(n, total))
        job.progress(written, written)
        job.save_file(
            job.params.get("filename") or registrations_filename(activity, fmt),
            CONTENT_TYPES[fmt],
            out,
        )
