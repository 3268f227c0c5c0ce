"""The realisation dashboard's tables as a spreadsheet, built by a background job: the
targets planned against realised, the year month by month, the municipalities reached,
and the held activities that realise no target (still to be seen to, and marked as
outside the programme), each a sheet, narrowed as the page was when it was asked for."""

import datetime as dt
import tempfile

from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programme import realisation as counting
from programme import selectors
from pzss.lib.jobs import JobFailed, JobRun
from pzss.lib.translit import for_language
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter

REALISATION_EXPORT = "programme_realisation_export"


def realisation_filename(year: int) -> str:
    return f"realizacija-{year}.xlsx"


def write_realisation_xlsx(out, result: selectors.Realisation, *, year: int, language: str) -> int:
    """Every table of the dashboard, a sheet each; returns the number of targets."""

    def text(value: str) -> str:
        return for_language(value or "", language)

    targets = SheetWriter(
        title=_("Targets"),
        headers=[
            _("Area"),
            _("Goal"),
            _("Target"),
            _("Kind"),
            _("Planned"),
            _("Unit"),
            _("Realised"),
            "%",
            _("State"),
            _("Held activities"),
            _("Participations"),
            _("People reached"),
            _("Institutions reached"),
            _("Latest note"),
        ],
        widths=[6, 10, 70, 24, 10, 14, 10, 6, 16, 10, 10, 10, 10, 60],
    )
    count = 0
    for area in result.areas:
        groups = [(_("The area's introduction"), area.intro)]
        groups += [(g.goal.number, g.targets) for g in area.goals]
        groups += [(_("The closing text"), area.closing)]
        for goal, rows in groups:
            for row in rows:
                t = row.target
                quantity = t.quantity
                if quantity is not None and t.bound != "exact":
                    quantity = f"{t.get_bound_display()} {quantity}"
                note = row.latest_note
                targets.append(
                    [
                        area.section.roman,
                        str(goal),
                        text(t.description),
                        str(t.get_kind_display()),
                        quantity,
                        str(t.get_unit_display()) if t.unit else "",
                        row.realised,
                        row.percent,
                        row.state_label,
                        row.held,
                        row.counts.participations,
                        row.counts.people,
                        row.counts.institutions,
                        text(f"{note.get_quarter_display()}: {note.text}") if note else "",
                    ]
                )
                count += 1
    months = targets.add_sheet(
        title=_("Month by month"),
        headers=[_("Month"), _("Planned by then"), _("Held by then")],
        widths=[14, 16, 16],
    )
    planned = counting.running_total(result.planned_by_month)
    held = counting.running_total(result.held_by_month)
    for month, (p, h) in enumerate(zip(planned, held, strict=True), start=1):
        months.append([date_format(dt.date(year, month, 1), "F"), round(float(p), 1), h])
    places = targets.add_sheet(
        title=_("Municipalities"),
        headers=[_("Municipality"), _("Held activities")],
        widths=[28, 16],
    )
    for name, n in sorted(result.municipalities.items(), key=lambda item: (-item[1], item[0])):
        places.append([text(name), n])
    unplanned = targets.add_sheet(
        title=_("Realising no target"),
        headers=[_("Date"), _("Area"), _("Kind"), _("Title")],
        widths=[12, 6, 24, 70],
    )
    for item in result.unplanned:
        a = item.activity
        unplanned.append([a.start_date, a.area_roman, str(a.get_kind_display()), text(a.title)])
    outside = targets.add_sheet(
        title=_("Outside the programme"),
        headers=[_("Date"), _("Area"), _("Title"), _("Reason"), _("Marked by"), _("Marked")],
        widths=[12, 6, 60, 60, 24, 16],
    )
    for mark in result.outside:
        a = mark.activity
        by = mark.marked_by
        outside.append(
            [
                a.start_date,
                a.area_roman,
                text(a.title),
                text(mark.reason),
                text(by.get_full_name() or by.username) if by else "",
                timezone.localtime(mark.marked_at).date(),
            ]
        )
    targets.save(out)
    return count


def run_realisation_export(job: JobRun) -> None:
    """The background job (registered in apps.py): the dashboard's tables for the year,
    narrowed by the filters it had, into a temporary file, then stored."""
    year = int(job.params["year"])
    filters = selectors.RealisationFilters.from_query(QueryDict(job.params.get("query", "")))
    result = selectors.realisation(user=job.user, year=year, filters=filters)
    if result.revision is None:
        raise JobFailed(_("There is no programme in force for %(year)s.") % {"year": year})
    job.progress(0, 1)
    with tempfile.TemporaryFile() as out:
        write_realisation_xlsx(out, result, year=year, language=job.language)
        job.progress(1, 1)
        job.save_file(realisation_filename(year), XLSX_CONTENT_TYPE, out)
