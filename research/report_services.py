"""Writing statistical reports: start one, write its texts, publish it.

Publishing freezes the report's figures (a submission accepted or corrected afterwards
never changes what was published), puts it in the public library with its PDF (through
`pzss.core.extensions.work_published`, inside the same transaction: if the library
cannot record it, nothing is published), and records the publication as a held activity
of area III, of kind «report», that counts towards the report's goal of the programme
(`activity_realises`: 2.4 for the monthly report, 2.1–2.5 for the consolidated ones)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import PublishedWork, activity_realises, work_published
from pzss.core.models import ActivityKind, ActivityStatus, Area
from pzss.core.services.activities import activity_create
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.lib.jobs import queue_job
from pzss.lib.roles import is_staff_member
from pzss.lib.text import cut_at_word, first_paragraph
from research.models import DataSet, ReportKind, ReportStatus, StatisticalReport
from research.statistics import report_figures

DOCUMENT_KIND = "statistical_report"
WORK_KIND = "statistical_report"
REPORT_XLSX = "statistical_report_xlsx"
TEXT_FIELDS = ("title", "introduction", "conclusions", "map_field")


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied(_("Only the institute's staff may do this."))


def default_title(*, kind: str, data_set: DataSet, year: int, month: int | None) -> str:
    """The title the report starts with (staff may change it while it is a draft), in
    Serbian whoever starts it: it is the institute's document's title."""
    with translation.override("sr"):
        return _title(kind, year, month)


def _title(kind: str, year: int, month: int | None) -> str:
    if month:
        when = date_format(dt.date(year, month, 1), "F Y")
        return _("%(kind)s, %(when)s") % {"kind": ReportKind(kind).label, "when": when}
    return _("%(kind)s for %(year)s") % {"kind": ReportKind(kind).label, "year": year}


@transaction.atomic
def statistical_report_create(
    *, user, kind: str, data_set: DataSet, year: int, month: int | None = None, title: str = ""
) -> StatisticalReport:
    """A draft report: one per kind, data set and month (or year)."""
    _require_staff(user)
    month = month or None
    report = StatisticalReport(
        kind=kind,
        data_set=data_set,
        year=year,
        month=month,
        title=(title or "").strip()
        or default_title(kind=kind, data_set=data_set, year=year, month=month),
        created_by=user,
    )
    report.full_clean(validate_constraints=False)
    exists = StatisticalReport.objects.filter(
        kind=kind, data_set=data_set, year=year, month=month
    ).exists()
    if exists:
        raise ValidationError(_("This report exists already: open it from the list of reports."))
    report.save()
    audit_log(actor=user, action="statistical_report_create", obj=report)
    return report


@transaction.atomic
def statistical_report_update(*, user, report: StatisticalReport, data: dict) -> StatisticalReport:
    """The texts of a draft (a published report is frozen)."""
    _require_staff(user)
    report = StatisticalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError(_("A published report is not changed."))
    changes = {}
    for name in TEXT_FIELDS:
        if name in data:
            value = (data[name] or "").strip()
            if getattr(report, name) != value:
                changes[name] = [getattr(report, name), value]
                setattr(report, name, value)
    if not report.title:
        raise ValidationError({"title": _("A report needs a title.")})
    report.full_clean(validate_constraints=False)
    report.save()
    if changes:
        audit_log(actor=user, action="statistical_report_update", obj=report, changes=changes)
    return report


def report_figures_of(report: StatisticalReport) -> dict:
    """What the report shows: its frozen figures once published, the live ones before."""
    if report.is_published and report.figures:
        return report.figures
    return report_figures(data_set=report.data_set, year=report.year, month=report.month)


@transaction.atomic
def statistical_report_publish(*, user, report: StatisticalReport) -> StatisticalReport:
    _require_staff(user)
    report = (
        StatisticalReport.objects.select_for_update().select_related("data_set").get(pk=report.pk)
    )
    if report.is_published:
        raise ValidationError(_("The report is published already."))
    report.figures = report_figures(data_set=report.data_set, year=report.year, month=report.month)
    if not report.figures["current"]["submissions"]:
        raise ValidationError(
            _("No accepted figures for this period yet: a report of nothing is not published.")
        )
    now = timezone.now()
    report.status = ReportStatus.PUBLISHED
    report.published_at = now
    report.published_by = user
    report.activity = activity_create(
        user=user,
        data={
            "area": Area.RESEARCH,
            "kind": ActivityKind.REPORT,
            "title": report.title[:300],
            "description": _("Published statistical report (%(period)s).")
            % {"period": report.period_label},
            "start_date": timezone.localdate(),
            "status": ActivityStatus.HELD,
        },
    )
    report.save()
    audit_log(actor=user, action="statistical_report_publish", obj=report)
    activity_realises(user=user, activity=report.activity, goal=report.goal)
    work_published(user=user, work=published_work(report=report, user=user))
    return report


def report_document_request(*, report: StatisticalReport, user=None) -> Document:
    """The report's PDF (in Cyrillic: it is the institute's Serbian document), reused
    when rendered or on its way, queued otherwise; never rendered in the request."""
    return document_request(kind=DOCUMENT_KIND, obj=report, language="sr", user=user)


def _abstract(report: StatisticalReport) -> str:
    return cut_at_word(first_paragraph(report.introduction)) or report.title


def published_work(*, report: StatisticalReport, user=None) -> PublishedWork:
    return PublishedWork(
        key=f"statistical_report:{report.pk}",
        kind=WORK_KIND,
        year=report.year,
        title=report.title,
        abstract=_abstract(report),
        language="sr-Cyrl",
        document=report_document_request(report=report, user=user),
    )


def published_works():
    """Every published statistical report, for the library to catch up with."""
    for report in StatisticalReport.objects.filter(status=ReportStatus.PUBLISHED):
        yield published_work(report=report)


def report_xlsx_request(*, user, report: StatisticalReport, language: str):
    """The staff spreadsheet of every figure, as a background job."""
    _require_staff(user)
    key = f"{report.pk}:{user.pk}:{language}:{report.published_at}" if report.is_published else ""
    return queue_job(
        kind=REPORT_XLSX,
        user=user,
        params={"report": report.pk},
        title=_("Figures of “%(title)s” (XLSX)") % {"title": report.title},
        key=key,
        language=language,
        back_url=report.get_absolute_url(),
    )
