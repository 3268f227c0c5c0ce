"""Staff pages of the visit reports (issue 14, part 2): the report editor with its
recommendations, the issue, corrections, the follow-up link, the review of the
institution's answers, the PDF, and the list of recommendations across visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pzss.documents.models import DocumentStatus
from pzss.lib.roles import StaffRequiredMixin
from support import report_selectors as selectors
from support import report_services as services
from support.models import Recommendation, VisitReport, WorkingVisit
from support.report_forms import (
    CorrectionForm,
    FollowUpSendForm,
    RecommendationFilterForm,
    RecommendationForm,
    ReviewForm,
    VisitReportForm,
)

PAGE_SIZE = 50


def _visit_or_404(visit_pk: int) -> WorkingVisit:
    try:
        return selectors.visit_for_report(pk=visit_pk)
    except WorkingVisit.DoesNotExist as exc:
        raise Http404 from exc


def _report_or_404(visit: WorkingVisit) -> VisitReport:
    report = selectors.report_of(visit)
    if report is None:
        raise Http404
    return report


def _recommendation_or_404(report: VisitReport, pk: int) -> Recommendation:
    try:
        return report.recommendations.get(pk=pk)
    except Recommendation.DoesNotExist as exc:
        raise Http404 from exc


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


class VisitReportView(StaffRequiredMixin, View):
    """The report editor: its texts and recommendations while a draft; once issued, the
    report as it stands, the follow-up and the institution's answers."""

    def _page(self, request, visit, report, *, form=None, rec_form=None, status=200):
        if form is None:
            form = VisitReportForm(instance=report)
        context = {
            "visit": visit,
            "report": report,
            "form": form,
            "rec_form": rec_form or RecommendationForm(),
            "correction_form": CorrectionForm(),
            "follow_up_form": FollowUpSendForm(initial={"email": visit.institution.email}),
            "review_form": ReviewForm(),
            "recommendations": list(report.recommendations.all()) if report else [],
        }
        return render(request, "support/visits/report.html", context, status=status)

    def get(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        return self._page(request, visit, selectors.report_of(visit))

    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = selectors.report_of(visit)
        form = VisitReportForm(request.POST, instance=report)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "no_personal_data"}
            try:
                services.report_save(user=request.user, visit=visit, data=data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The report is saved."))
                return redirect("support:visit_report", visit_pk=visit.pk)
        return self._page(request, visit, report, form=form, status=400)


class RecommendationAddView(StaffRequiredMixin, View):
    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                services.recommendation_add(
                    user=request.user, report=report, data=form.cleaned_data
                )
            except ValidationError as exc:
                _add(form, exc)
            else:
                messages.success(request, _("The recommendation is added."))
                return redirect("support:visit_report", visit_pk=visit.pk)
        return VisitReportView()._page(request, visit, report, rec_form=form, status=400)


def _add(form, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field where it names one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class RecommendationEditView(StaffRequiredMixin, View):
    def get(self, request, visit_pk, pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        recommendation = _recommendation_or_404(report, pk)
        if report.is_issued:
            messages.info(
                request, _("The report is issued and final: a correction is added as a note.")
            )
            return redirect("support:visit_report", visit_pk=visit.pk)
        form = RecommendationForm(
            initial={
                "text": recommendation.text,
                "responsible": recommendation.responsible,
                "deadline": recommendation.deadline,
            }
        )
        return render(
            request,
            "support/visits/recommendation_form.html",
            {"visit": visit, "report": report, "recommendation": recommendation, "form": form},
        )

    def post(self, request, visit_pk, pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        recommendation = _recommendation_or_404(report, pk)
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                services.recommendation_update(
                    user=request.user, recommendation=recommendation, data=form.cleaned_data
                )
            except ValidationError as exc:
                _add(form, exc)
            else:
                messages.success(request, _("The recommendation is saved."))
                return redirect("support:visit_report", visit_pk=visit.pk)
        return render(
            request,
            "support/visits/recommendation_form.html",
            {"visit": visit, "report": report, "recommendation": recommendation, "form": form},
            status=400,
        )


class RecommendationDeleteView(StaffRequiredMixin, View):
    def post(self, request, visit_pk, pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        recommendation = _recommendation_or_404(report, pk)
        try:
            services.recommendation_delete(user=request.user, recommendation=recommendation)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The recommendation is removed."))
        return redirect("support:visit_report", visit_pk=visit.pk)


class ReportIssueView(StaffRequiredMixin, View):
    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        try:
            report = services.report_issue(user=request.user, report=report)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(
                request,
                _("Report %(n)s is issued: it is final, the visit is held.") % {"n": report.number},
            )
        return redirect("support:visit_report", visit_pk=visit.pk)


class ReportCorrectionView(StaffRequiredMixin, View):
    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("support:visit_report", visit_pk=visit.pk)
        try:
            services.report_correction_add(
                user=request.user, report=report, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The correction is noted."))
        return redirect("support:visit_report", visit_pk=visit.pk)


class FollowUpSendView(StaffRequiredMixin, View):
    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        form = FollowUpSendForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Institution's e-mail: enter a valid e-mail address."))
            return redirect("support:visit_report", visit_pk=visit.pk)
        try:
            services.follow_up_send(
                user=request.user, report=report, email=form.cleaned_data["email"]
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(
                request,
                _("The link is on its way to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
        return redirect("support:visit_report", visit_pk=visit.pk)


class ReportCloseView(StaffRequiredMixin, View):
    def post(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        try:
            services.report_close(user=request.user, report=report)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(
                request, _("The follow-up is closed: the institution's link is read-only.")
            )
        return redirect("support:visit_report", visit_pk=visit.pk)


class RecommendationReviewView(StaffRequiredMixin, View):
    def post(self, request, visit_pk, pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        recommendation = _recommendation_or_404(report, pk)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("support:visit_report", visit_pk=visit.pk)
        try:
            services.recommendation_review(
                user=request.user,
                recommendation=recommendation,
                action=form.cleaned_data["action"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The recommendation is reviewed."))
        return redirect("support:visit_report", visit_pk=visit.pk)


class ReportPdfView(StaffRequiredMixin, View):
    """200 with the PDF when ready; otherwise queued (once for the same content) and a
    page that polls its progress (202)."""

    def get(self, request, visit_pk):
        visit = _visit_or_404(visit_pk)
        report = _report_or_404(visit)
        document = services.report_document_request(report=report, user=request.user)
        if document.status == DocumentStatus.READY:
            return FileResponse(
                document.file.open("rb"),
                filename=f"{document.title[:80]}.pdf",
                content_type="application/pdf",
            )
        return render(
            request,
            "support/visits/pdf_status.html",
            {"visit": visit, "report": report, "document": document},
            status=202,
        )


class RecommendationListView(StaffRequiredMixin, View):
    def get(self, request):
        form = RecommendationFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.recommendations(
            overdue=bool(filters.get("overdue")),
            institution=filters.get("institution"),
            state=filters.get("state") or "",
        )
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "support/visits/recommendation_list.html",
            {"form": form, "page_obj": page, "query": query.urlencode()},
        )
