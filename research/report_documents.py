"""A statistical report's PDF, rendered by the core's Document machinery (WeasyPrint).

A published report prints its frozen figures with small cells suppressed: that PDF is
public (the library serves it). A draft prints every figure, live, marked as a draft —
and stays with staff for ever: `is_report_document_public` holds only of a document
whose input is what the published report renders now (the checksum: the same figures
and texts give the same HTML), so a draft's PDF never becomes public by publication."""

from django.template.loader import render_to_string
from django.utils import translation

from pzss.documents.registry import RenderInput
from research.models import StatisticalReport
from research.report_content import report_content

AUTHOR = "Покрајински завод за социјалну заштиту"


def render_statistical_report(report: StatisticalReport, language: str) -> RenderInput:
    report = StatisticalReport.objects.select_related("data_set").get(pk=report.pk)
    with translation.override("sr"):
        content = report_content(report, public=report.is_published)
        html = render_to_string(
            "research/reports/pdf/report.html",
            {"report": report, "c": content, "draft": not report.is_published, "author": AUTHOR},
        )
    period = f"{report.year}-{report.month:02d}" if report.month else str(report.year)
    return RenderInput(
        html=html,
        title=report.title,
        filename=f"statisticki-izvestaj-{report.kind}-{period}.pdf",
    )


def is_report_public(report: StatisticalReport) -> bool:
    return report.is_published


def is_report_document_public(report: StatisticalReport, document) -> bool:
    return document.checksum == render_statistical_report(report, document.language).checksum
