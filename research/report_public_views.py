"""Public pages of the published statistical reports: small cells suppressed in the
tables, the charts, the map, the PDF and the spreadsheet (research.disclosure). A draft
is a 404 to everyone here (staff read it on its staff page)."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from pzss.lib.public_cache import public_cache
from pzss.lib.xlsx import XLSX_CONTENT_TYPE
from research.models import ReportStatus, StatisticalReport
from research.report_content import report_content
from research.report_exports import public_report_xlsx, report_xlsx_filename
from research.report_views import pdf_response


def _published(pk: int) -> StatisticalReport:
    report = (
        StatisticalReport.objects.filter(pk=pk, status=ReportStatus.PUBLISHED)
        .select_related("data_set")
        .first()
    )
    if report is None:
        raise Http404
    return report


@public_cache
def report_list(request):
    reports = StatisticalReport.objects.filter(status=ReportStatus.PUBLISHED).order_by(
        "-year", "-month", "kind"
    )
    return render(request, "research/reports/public_list.html", {"reports": reports})


@public_cache
def report_detail(request, pk: int):
    report = _published(pk)
    content = report_content(report, public=True, figure=request.GET.get("figure"))
    return render(request, "research/reports/public_detail.html", {"report": report, "c": content})


def report_pdf(request, pk: int):
    report = _published(pk)
    return pdf_response(request, report, back_url=report.get_public_url())


def report_xlsx(request, pk: int):
    report = _published(pk)
    out = io.BytesIO()
    public_report_xlsx(out, report, get_language())
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report_xlsx_filename(report)}"'
    return response
