"""The realisation report's spreadsheet annex: the targets planned against realised, and
every held activity of the year, a sheet each, built by a background job
(`pzss.lib.jobs`).

Its rows (`report_rows`) are plain data — codes and the content as typed, in Cyrillic —
so that submitting the report can freeze them beside the document's body; they are
written out (`write_report_xlsx`) in the requester's language and script."""

import datetime as dt
import hashlib
import json
import tempfile
from decimal import Decimal
from typing import IO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from programme import wording
from programme.models import Bound, Quarter, RealisationReport, Unit
from programme.selectors import ReportData, realisation_report_data
from pzss.core.models import ActivityKind, Area
from pzss.lib.jobs import JobFailed, JobRun
from pzss.lib.roles import is_staff_member
from pzss.lib.translit import for_language
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter

REPORT_XLSX = "realisation_report_xlsx"


def _number(value) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def report_rows(data: ReportData) -> dict:
    """The annex's rows from the report's figures: JSON-safe, so they can be stored."""
    targets = []
    for area in data.result.areas:
        section = area.section
        places = [("area", None, row) for row in area.intro]
        places += [("goal", g.goal, row) for g in area.goals for row in g.targets]
        places += [("closing", None, row) for row in area.closing]
        for part, goal, row in places:
            t = row.target
            targets.append(
                {
                    "area": section.area,
                    "part": part,
                    "goal": goal.number if goal else "",
                    "goal_title": (goal.title or goal.text) if goal else "",
                    "target": t.description,
                    "kind": t.kind,
                    "bound": t.bound,
                    "quantity": t.quantity,
                    "unit": t.unit,
                    "realised": None if t.is_qualitative else _number(row.realised),
                    "percent": row.percent,
                    "state": row.state,
                    "held": row.held,
                    "participations": row.counts.participations,
                    "people": row.counts.people,
                    "institutions": row.counts.institutions,
                    "notes": {str(n.quarter): n.text for n in row.notes},
                }
            )
    activities = [
        {
            "id": a.pk,
            "start": a.start_date.isoformat(),
            "end": (a.end_date or a.start_date).isoformat(),
            "title": a.title,
            "kind": a.kind,
            "area": a.area,
            "municipality": a.municipality.name if a.municipality else "",
            "online": a.online,
            "targets": [wording.target_reference(t) for t in a.report_targets],
            "participants": a.participant_count,
        }
        for a in data.annex
    ]
    return {"targets": targets, "activities": activities}


def rows_checksum(rows: dict) -> str:
    raw = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# The states' words on the realisation page, reused in the spreadsheet.
def _state_label(state: str) -> str:
    return {
        "reached": _("Reached"),
        "in_progress": _("In progress"),
        "not_started": _("Not started"),
        "over_limit": _("Over the maximum"),
        "qualitative": _("Qualitative"),
    }.get(state, _("Count only"))


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else (value or "")


def write_report_xlsx(out: IO[bytes], rows: dict, language: str) -> int:
    """Both sheets of the annex into `out`; returns the rows written."""

    def text(value: str) -> str:
        return for_language(value or "", language)

    writer = SheetWriter(
        title=_("Targets"),
        headers=[
            _("Area"),
            _("Goal"),
            _("Target"),
            _("Kind"),
            _("Planned as"),
            _("Planned quantity"),
            _("Unit"),
            _("Realised"),
            "%",
            _("State"),
            _("Held activities"),
            _("Participations"),
            _("People reached"),
            _("Institutions reached"),
            *[str(label) for label in Quarter.labels],
        ],
        widths=[6, 10, 60, 24, 12, 10, 14, 10, 7, 14, 10, 10, 10, 10, 40, 40, 40, 40],
    )
    count = 0
    parts = {"area": _("The area's introduction"), "closing": _("The closing text")}
    for r in rows.get("targets", []):
        writer.append(
            [
                Area(r["area"]).roman,
                r["goal"] or str(parts.get(r["part"], "")),
                text(r["target"]),
                _label(ActivityKind, r["kind"]),
                _label(Bound, r["bound"]) if r["quantity"] is not None else "",
                r["quantity"],
                _label(Unit, r["unit"]),
                r["realised"],
                r["percent"],
                str(_state_label(r["state"])),
                r["held"],
                r["participations"],
                r["people"],
                r["institutions"],
                *[text(r["notes"].get(str(q), "")) for q in Quarter.values],
            ]
        )
        count += 1
    sheet = writer.add_sheet(
        title=_("Held activities"),
        headers=[
            _("No."),
            _("Start date"),
            _("End date"),
            _("Title"),
            _("Kind"),
            _("Area"),
            _("Municipality"),
            _("Targets"),
            _("Participants"),
        ],
        widths=[7, 12, 12, 60, 28, 6, 20, 60, 12],
    )
    for a in rows.get("activities", []):
        place = _("Online") if a["online"] and not a["municipality"] else text(a["municipality"])
        sheet.append(
            [
                a["id"],
                dt.date.fromisoformat(a["start"]),
                dt.date.fromisoformat(a["end"]),
                text(a["title"]),
                _label(ActivityKind, a["kind"]),
                Area(a["area"]).roman,
                place,
                text("; ".join(a["targets"])),
                a["participants"],
            ]
        )
        count += 1
    writer.save(out)
    return count


def report_xlsx_filename(report: RealisationReport) -> str:
    return f"izvestaj-o-realizaciji-{report.programme.year}-prilog.xlsx"


def run_report_xlsx(job: JobRun) -> None:
    """The background job (registered in apps.py): the frozen rows of a submitted
    report, or a draft's live figures, written out in the requester's script."""
    if not is_staff_member(job.user):
        raise PermissionDenied
    report = (
        RealisationReport.objects.select_related("programme")
        .filter(pk=job.params.get("report"))
        .first()
    )
    if report is None:
        raise JobFailed(_("The realisation report no longer exists."))
    rows = (
        report.frozen_rows
        if report.is_frozen
        else report_rows(realisation_report_data(report=report))
    )
    total = len(rows["targets"]) + len(rows["activities"])
    job.progress(0, total)
    with tempfile.TemporaryFile() as out:
        written = write_report_xlsx(out, rows, job.language)
        job.progress(written, written)
        job.save_file(report_xlsx_filename(report), XLSX_CONTENT_TYPE, out)
