"""Staff pages of working visits (area I): the year's visits against the programme, the
plan form (with a centre's priority figures), the visit page (plan, sample, findings)
and the centres ranked by priority."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import Institution
from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from support import visit_selectors as selectors
from support import visit_services as services
from support.models import Answer, CareKind, SampleDraw, WorkingVisit, checklist_for
from support.visit_forms import CaseFileReviewForm, SampleFrameForm, VisitPlanForm
from support.visit_sampling import parse_frame


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class VisitListView(StaffRequiredMixin, View):
    def get(self, request):
        year = _year(request)
        visit_list = list(selectors.visits(user=request.user, year=year))
        return render(
            request,
            "support/visits/list.html",
            {"year": year, "visits": visit_list, "counts": selectors.visit_counts(visit_list)},
        )


class PriorityView(StaffRequiredMixin, View):
    def get(self, request):
        year = int(request.GET.get("year") or 0) if (request.GET.get("year") or "").isdigit() else 0
        year = year if 2000 <= year <= 2100 else timezone.localdate().year - 1
        return render(
            request,
            "support/visits/priority.html",
            {
                "priority": selectors.centres_by_priority(year=year),
                "factor": selectors.PRIORITY_FACTOR,
            },
        )


def _priority_for(form) -> tuple:
    """The chosen centre's priority figures (the figures of the year before the visit)."""
    data = form.data if form.is_bound else form.initial
    try:
        institution = Institution.objects.get(pk=int(data.get("institution") or 0))
    except (Institution.DoesNotExist, ValueError, TypeError):
        return None, None
    year = timezone.localdate().year - 1
    return institution, selectors.priority_of(institution=institution, year=year)


class VisitPlanView(StaffRequiredMixin, View):
    def _render(self, request, form, status=200):
        institution, row = _priority_for(form)
        return render(
            request,
            "support/visits/plan.html",
            {
                "form": form,
                "chosen": institution,
                "priority_row": row,
                "priority_year": timezone.localdate().year - 1,
                "factor": selectors.PRIORITY_FACTOR,
            },
            status=status,
        )

    def get(self, request):
        initial = {"lead": request.user.pk}
        if request.GET.get("institution"):
            initial["institution"] = request.GET["institution"]
        return self._render(request, VisitPlanForm(initial=initial))

    def post(self, request):
        form = VisitPlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit = services.visit_plan(
                    user=request.user,
                    institution=data["institution"],
                    start_date=data["start_date"],
                    lead=data["lead"],
                    team=list(data["team"]),
                    reason=data["reason"],
                    questions=data["questions"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The visit is planned."))
                return redirect(visit.get_absolute_url())
        return self._render(request, form, status=400)


class _VisitMixin(StaffRequiredMixin):
    def _visit(self, request, pk) -> WorkingVisit:
        try:
            return selectors.visit(user=request.user, pk=pk)
        except WorkingVisit.DoesNotExist as exc:
            raise Http404 from exc


# The visit report's panel (another part builds it): included on the visit page when the
# template exists, with the page's context.
REPORT_PANEL = "support/visits/_report_panel.html"


def _report_panel():
    try:
        return get_template(REPORT_PANEL)
    except TemplateDoesNotExist:
        return None


def redo_code(view) -> str:
    """The lines of Python that redo a draw, as the page shows them."""
    return (
        "import random\n"
        f"eligible = {view.eligible!r}\n"
        f"random.Random({view.draw.seed}).sample(sorted(eligible), {view.draw.size})"
    )


def _visit_context(visit, *, frame_form=None, review_forms=None) -> dict:
    frames = selectors.frames_of(visit)
    draws = selectors.draws_of(frames)
    current = draws[0].draw if draws else None
    reviews = selectors.reviews_of(current)
    checklist = checklist_for(visit.institution.kind)
    review_forms = review_forms or {}
    entries = {e["number"]: e for e in current.frame.files} if current else {}
    files = []
    for position, number in enumerate(current.numbers if current else [], start=1):
        review = reviews.get(number)
        form = review_forms.get(number) or CaseFileReviewForm(
            checklist=checklist,
            initial={
                **{f"item_{c}": (review.answers.get(c) if review else "") for c, _l in checklist},
                "note": review.note if review else "",
            },
        )
        files.append(
            {
                "position": position,
                "number": number,
                "entry": entries.get(number, {}),
                "care": CareKind(entries[number]["care"]).label
                if entries.get(number, {}).get("care")
                else "",
                "review": review,
                "form": form,
            }
        )
    latest = frames[0] if frames else None
    frame_form = frame_form or SampleFrameForm(
        initial={
            "text": "\n".join(
                "; ".join(
                    str(v)
                    for v in (e["number"], e.get("age"), e.get("care"))
                    if v not in (None, "")
                )
                for e in latest.files
            )
            if latest
            else "",
            "max_age": latest.max_age
            if latest
            else (None if visit.institution.kind in selectors.ADULT_KINDS else 10),
            "care": latest.care if latest else "",
            "size": latest.size if latest else 10,
        }
    )
    priority_row = selectors.priority_of(
        institution=visit.institution, year=visit.activity.start_date.year - 1
    )
    return {
        "visit": visit,
        "questions": [q for q in visit.questions.splitlines() if q.strip()],
        "frames": frames,
        "latest_frame": latest,
        "draws": draws,
        "current_draw": current,
        "can_draw": latest is not None and not latest.draws.all(),
        "files": files,
        "checklist": checklist,
        "answers": Answer.choices,
        "summary": selectors.findings_summary(visit, reviews),
        "reviewed": len(reviews),
        "frame_form": frame_form,
        "priority_row": priority_row,
        "priority_year": visit.activity.start_date.year - 1,
        "factor": selectors.PRIORITY_FACTOR,
        "redo_code": redo_code(draws[0]) if draws else "",
        "report_panel": _report_panel(),
    }


class VisitDetailView(_VisitMixin, View):
    def get(self, request, pk):
        visit = self._visit(request, pk)
        return render(request, "support/visits/detail.html", _visit_context(visit))


class VisitEditView(_VisitMixin, View):
    def _render(self, request, visit, form, status=200):
        return render(
            request, "support/visits/edit.html", {"visit": visit, "form": form}, status=status
        )

    def get(self, request, pk):
        visit = self._visit(request, pk)
        form = VisitPlanForm(
            editing=True,
            initial={
                "start_date": visit.activity.start_date,
                "lead": visit.lead_id,
                "team": [u.pk for u in visit.team.all()],
                "reason": visit.reason,
                "questions": visit.questions,
            },
        )
        return self._render(request, visit, form)

    def post(self, request, pk):
        visit = self._visit(request, pk)
        form = VisitPlanForm(request.POST, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.visit_update(
                    user=request.user,
                    visit=visit,
                    start_date=data["start_date"],
                    lead=data["lead"],
                    team=list(data["team"]),
                    reason=data["reason"],
                    questions=data["questions"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The plan is saved."))
                return redirect(visit.get_absolute_url())
        return self._render(request, visit, form, status=400)


class SampleFrameView(_VisitMixin, View):
    def get(self, request, pk):
        return redirect(self._visit(request, pk).get_absolute_url() + "#sample")

    def post(self, request, pk):
        visit = self._visit(request, pk)
        form = SampleFrameForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                files = parse_frame(text=data["text"], upload=data.get("upload"))
                frame = services.frame_save(
                    user=request.user,
                    visit=visit,
                    files=files,
                    max_age=data["max_age"],
                    care=data["care"],
                    size=data["size"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Frame version %(v)s is saved.") % {"v": frame.version})
                return redirect(visit.get_absolute_url() + "#sample")
        return render(
            request,
            "support/visits/detail.html",
            _visit_context(visit, frame_form=form),
            status=400,
        )


class SampleDrawView(_VisitMixin, View):
    def get(self, request, pk):
        return redirect(self._visit(request, pk).get_absolute_url() + "#sample")

    def post(self, request, pk):
        visit = self._visit(request, pk)
        frame = visit.sample_frames.order_by("-version").first()
        if frame is None:
            messages.error(request, _("Save the frame of case files first."))
            return redirect(visit.get_absolute_url() + "#sample")
        try:
            drawn = services.sample_draw(user=request.user, frame=frame)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(n)s files drawn with seed %(seed)s.") % {"n": drawn.size, "seed": drawn.seed},
            )
        return redirect(visit.get_absolute_url() + "#sample")


class CaseFileReviewView(_VisitMixin, View):
    def _draw(self, visit, draw_pk, number) -> SampleDraw:
        draw = (
            SampleDraw.objects.filter(pk=draw_pk, frame__visit=visit)
            .select_related("frame")
            .first()
        )
        if draw is None or number not in draw.numbers:
            raise Http404
        return draw

    def get(self, request, pk, draw, number):
        visit = self._visit(request, pk)
        sample = self._draw(visit, draw, number)
        review = selectors.reviews_of(sample).get(number)
        checklist = checklist_for(visit.institution.kind)
        form = CaseFileReviewForm(
            checklist=checklist,
            initial={
                **{f"item_{c}": (review.answers.get(c) if review else "") for c, _l in checklist},
                "note": review.note if review else "",
            },
        )
        return render(
            request,
            "support/visits/review.html",
            {"visit": visit, "draw": sample, "number": number, "form": form},
        )

    def post(self, request, pk, draw, number):
        visit = self._visit(request, pk)
        sample = self._draw(visit, draw, number)
        form = CaseFileReviewForm(request.POST, checklist=checklist_for(visit.institution.kind))
        if form.is_valid():
            try:
                services.case_file_review_save(
                    user=request.user,
                    draw=sample,
                    number=number,
                    answers=form.answers(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The findings for %(n)s are saved.") % {"n": number})
                return redirect(visit.get_absolute_url() + "#findings")
        return render(
            request,
            "support/visits/review.html",
            {"visit": visit, "draw": sample, "number": number, "form": form},
            status=400,
        )
