"""Spreadsheet exports of staff lists: the activity list, answered in the request when it
is short (EXPORT_INLINE_MAX_ROWS) and built by a background job when it is long. Both
stream the same rows (`write_activities_xlsx`)."""

import io
import tempfile
from collections.abc import Callable, Iterable
from typing import IO

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pzss.core import selectors
from pzss.core.models import Activity
from pzss.lib.jobs import JobRun
from pzss.lib.translit import for_language
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter

ACTIVITY_EXPORT = "activity_export"
# Rows between two progress reports of a background export.
PROGRESS_EVERY = 200


def activities_filename() -> str:
    return f"aktivnosti-{timezone.localdate():%Y-%m-%d}.xlsx"


def write_activities_xlsx(
    out: IO[bytes],
    activities: Iterable[Activity],
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the activities to `out` a row at a time; returns how many were written."""
    language = language or get_language()
    writer = SheetWriter(
        title=_("Activities"),
        headers=[
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
        ],
        widths=[6, 6, 28, 60, 12, 12, 24, 12, 50, 12, 30],
    )
    count = 0
    for a in activities:
        place = _("Online") if a.online else for_language(a.place, language)
        writer.append(
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
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    writer.save(out)
    return count


def activities_xlsx(activities: Iterable[Activity], language: str | None = None) -> bytes:
    out = io.BytesIO()
    write_activities_xlsx(out, activities, language)
    return out.getvalue()


def run_activity_export(job: JobRun) -> None:
    """The background job (registered in apps.py): the list filtered as the page was when
    the export was asked for, streamed into a temporary file, then stored."""
    filters = selectors.ActivityFilters.from_query(QueryDict(job.params.get("query", "")))
    total = selectors.activity_count(user=job.user, filters=filters)
    job.progress(0, total)
    activities = selectors.activity_for_export(user=job.user, filters=filters)
    with tempfile.TemporaryFile() as out:
        written = write_activities_xlsx(
            out,
            activities.iterator(chunk_size=500),
            job.language,
            progress=lambda done: job.progress(done, total),
        )
        job.progress(written, written)
        job.save_file(job.params.get("filename") or activities_filename(), XLSX_CONTENT_TYPE, out)
