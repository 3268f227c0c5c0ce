"""Staff pages of the statistical reports: the list by year, starting one, a report's
page (every figure: tables by district and municipality, the change from the previous
period, the charts and the map of a chosen figure), its texts, publishing it, its PDF and
its spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pzss.documents.models import DocumentStatus
from pzss.lib.forms import add_service_errors
from pzss.lib.roles import staff_required
from research import report_services as services
from research.models import StatisticalReport
from research.report_content import report_content
from research.report_forms import ReportCreateForm, ReportTextForm


def _year(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _list_crumb(year: int | None = None) -> tuple[str, str]:
    url = reverse("research:reports")
    return (f"{url}?year={year}" if year else url, _("Statistical reports"))


@staff_required
def report_list(request):
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    reports = StatisticalReport.objects.filter(year=year).select_related("data_set")
    years = sorted(
        {today.year, year, *StatisticalReport.objects.values_list("year", flat=True)},
        reverse=True,
    )
    return render(
        request,
        "research/reports/list.html",
        {
            "reports": reports,
            "year": year,
            "years": years,
            "crumbs": [(None, _("Statistical reports"))],
        },
    )


@staff_required
def report_create(request):
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.statistical_report_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report is started as a draft."))
            return redirect(report.get_absolute_url())
    return render(
        request,
        "research/reports/create.html",
        {"form": form, "crumbs": [_list_crumb(), (None, _("New report"))]},
    )


@staff_required
def report_detail(request, pk: int):
    """Every figure, for staff; POST saves a draft's texts."""
    report = get_object_or_404(StatisticalReport.objects.select_related("data_set"), pk=pk)
    content = report_content(report, public=False, figure=request.GET.get("figure"))
    form = None
    if not report.is_published:
        form = ReportTextForm(
            request.POST or None, instance=report, number_fields=content.number_fields
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.statistical_report_update(
                    user=request.user, report=report, data=form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The report's texts are saved."))
                return redirect(report.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, _("A published report is not changed."))
        return redirect(report.get_absolute_url())
    return render(
        request,
        "research/reports/detail.html",
        {
            "report": report,
            "c": content,
            "form": form,
            "crumbs": [_list_crumb(report.year), (None, report.title)],
        },
    )


@staff_required
@require_POST
def report_publish(request, pk: int):
    report = get_object_or_404(StatisticalReport, pk=pk)
    try:
        services.statistical_report_publish(user=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The report is published: its figures are frozen, it is in the library.")
        )
    return redirect(report.get_absolute_url())


def pdf_response(request, report: StatisticalReport, *, back_url: str):
    """200 with the PDF when it is ready; otherwise queue it (once for the same content)
    and answer 202 with a page that polls its progress."""
    document = services.report_document_request(report=report, user=request.user)
    if document.status == DocumentStatus.READY:
        return FileResponse(
            document.file.open("rb"),
            filename=document.title[:80] + ".pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        "research/reports/pdf_status.html",
        {"report": report, "document": document, "back_url": back_url},
        status=202,
    )


@staff_required
def report_pdf(request, pk: int):
    report = get_object_or_404(StatisticalReport, pk=pk)
    return pdf_response(request, report, back_url=report.get_absolute_url())


@staff_required
@require_POST
def report_xlsx(request, pk: int):
    report = get_object_or_404(StatisticalReport, pk=pk)
    job = services.report_xlsx_request(user=request.user, report=report, language=get_language())
    return redirect(job.get_absolute_url())
