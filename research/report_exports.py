"""A statistical report's figures as a spreadsheet: the summary, every number by
municipality (grouped by district, with the districts' and the province's totals), and
the yes/no and choice fields. Staff's is every figure, made by a background job
(`pzss.lib.jobs`); the public's, offered on a published report's page, has the small cells
suppressed and is written from the frozen figures at once (a few dozen rows; the
jobs belong to a logged-in requester, and the public is anonymous)."""

import tempfile
from typing import IO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pzss.lib.jobs import JobFailed, JobRun
from pzss.lib.roles import is_staff_member
from pzss.lib.translit import for_language
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter
from research.disclosure import Cell
from research.models import StatisticalReport
from research.report_content import ReportContent, report_content


def _value(cell: Cell):
    """A number as a number; a suppressed one as the text the public reads."""
    if cell.suppressed:
        return cell.short
    return cell.value


def write_report_xlsx(out: IO[bytes], content: ReportContent, language: str) -> int:
    def text(value: str) -> str:
        return for_language(value or "", language)

    writer = SheetWriter(
        title=_("Summary"),
        headers=[
            _("Figure"),
            _("Unit"),
            content.label,
            content.previous_label,
            _("Difference"),
            "%",
        ],
        widths=[60, 12, 12, 12, 10, 8],
    )
    count = 0
    for field, row in content.summary:
        writer.append(
            [
                text(field["label"]),
                text(field["unit"]),
                _value(row.current),
                _value(row.previous),
                row.diff.value,
                row.percent.value,
            ]
        )
        count += 1
    fields = [t.field for t in content.tables]
    sheet = writer.add_sheet(
        title=_("By municipality"),
        headers=[_("District"), _("Municipality"), *[text(f["label"]) for f in fields]],
        widths=[24, 22, *[14 for _f in fields]],
    )
    if content.tables:
        first = content.tables[0]
        for index, (head, rows) in enumerate(first.groups):
            for position, row in enumerate(rows):
                sheet.append(
                    [
                        text(head.name),
                        text(row.name),
                        *[_value(t.groups[index][1][position].current) for t in content.tables],
                    ]
                )
                count += 1
            sheet.append(
                [text(head.name), _("District total")]
                + [_value(t.groups[index][0].current) for t in content.tables]
            )
        sheet.append(
            [text(first.total.name), _("Total")] + [_value(t.total.current) for t in content.tables]
        )
    if content.counted:
        answers = writer.add_sheet(
            title=_("Answers"),
            headers=[_("Question"), _("Answered"), _("Institutions")],
            widths=[60, 30, 12],
        )
        for item in content.counted:
            for label, n in item["answers"]:
                answers.append([text(item["field"]["label"]), text(str(label)), n])
                count += 1
    writer.save(out)
    return count


def report_xlsx_filename(report: StatisticalReport) -> str:
    period = f"{report.year}-{report.month:02d}" if report.month else str(report.year)
    return f"statisticki-izvestaj-{report.kind}-{period}.xlsx"


def run_report_xlsx(job: JobRun) -> None:
    """The staff job (registered in apps.py): every figure of the report."""
    if not is_staff_member(job.user):
        raise PermissionDenied
    report = (
        StatisticalReport.objects.select_related("data_set")
        .filter(pk=job.params.get("report"))
        .first()
    )
    if report is None:
        raise JobFailed(_("The report no longer exists."))
    content = report_content(report, public=False)
    job.progress(0, len(content.tables))
    with tempfile.TemporaryFile() as out:
        written = write_report_xlsx(out, content, job.language)
        job.progress(written, written)
        job.save_file(report_xlsx_filename(report), XLSX_CONTENT_TYPE, out)


def public_report_xlsx(out: IO[bytes], report: StatisticalReport, language: str) -> None:
    """The public spreadsheet of a published report: its frozen figures, suppressed."""
    write_report_xlsx(out, report_content(report, public=True), language)
