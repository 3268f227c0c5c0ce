"""The research register's pages: the staff list, a study's page (its outputs, its
activities, its workflow), its forms; the public list and page of published studies;
and the panel on an activity's page that names the study it belongs to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from research import study_selectors as selectors
from research import study_services as services
from research.models import Study, StudyOutput, StudyStatus
from research.study_forms import StudyActivityForm, StudyForm, StudyOutputForm, TransitionForm

# The words of the workflow's buttons, and whether the step asks for a reason.
TRANSITION_BUTTONS = {
    services.Transition.START: (gettext_lazy("Start the study"), False),
    services.Transition.COMPLETE: (gettext_lazy("Mark as completed"), False),
    services.Transition.REOPEN: (gettext_lazy("Reopen"), False),
    services.Transition.CANCEL: (gettext_lazy("Cancel the study"), True),
}


def _study(request, pk: int) -> Study:
    return get_for_user_or_404(selectors.study_for_staff, user=request.user, pk=pk)


def _file_response(output: StudyOutput) -> FileResponse:
    return FileResponse(
        output.file.open("rb"),
        as_attachment=output.content_type != "application/pdf",
        filename=output.original_name or f"output-{output.pk}",
        content_type=output.content_type,
    )


class StudyListView(StaffRequiredMixin, View):
    def get(self, request):
        filters = selectors.StudyFilters.from_query(request.GET)
        page = selectors.studies_page(
            user=request.user, filters=filters, number=request.GET.get("page")
        )
        return render(
            request,
            "research/studies/study_list.html",
            {
                "page_obj": page,
                "filters": filters,
                "statuses": StudyStatus.choices,
                "years": selectors.study_years(user=request.user),
            },
        )


class StudyCreateView(StaffRequiredMixin, View):
    def get(self, request):
        form = StudyForm(initial={"lead": request.user})
        return render(request, "research/studies/study_form.html", {"form": form})

    def post(self, request):
        form = StudyForm(request.POST)
        if form.is_valid():
            try:
                study = services.study_create(
                    user=request.user,
                    data=form.service_data(),
                    team=form.cleaned_data["team"],
                    partners=form.cleaned_data["partners"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The study is in the register."))
                return redirect(study.get_absolute_url())
        return render(request, "research/studies/study_form.html", {"form": form}, status=400)


class StudyEditView(StaffRequiredMixin, View):
    def get(self, request, pk):
        study = _study(request, pk)
        form = StudyForm(instance=study)
        return render(request, "research/studies/study_form.html", {"form": form, "study": study})

    def post(self, request, pk):
        study = _study(request, pk)
        form = StudyForm(request.POST, instance=Study.objects.get(pk=study.pk))
        if form.is_valid():
            try:
                services.study_update(
                    user=request.user,
                    study=study,
                    data=form.service_data(),
                    team=form.cleaned_data["team"],
                    partners=form.cleaned_data["partners"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The study is saved."))
                return redirect(study.get_absolute_url())
        return render(
            request,
            "research/studies/study_form.html",
            {"form": form, "study": study},
            status=400,
        )


def _detail(request, study, *, output_form=None, status=200):
    return render(
        request,
        "research/studies/study_detail.html",
        {
            "study": study,
            "outputs": study.outputs.all(),
            "links": study.study_activities.all(),
            "team": study.team.all(),
            "partners": study.partners.all(),
            "output_form": output_form or StudyOutputForm(),
            "transitions": [
                (action, *TRANSITION_BUTTONS[action])
                for action in services.allowed_transitions(study)
            ],
            "can_publish": study.status in (StudyStatus.COMPLETED, StudyStatus.PUBLISHED),
        },
        status=status,
    )


class StudyDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        return _detail(request, _study(request, pk))


class StudyTransitionView(StaffRequiredMixin, View):
    def post(self, request, pk, action):
        study = _study(request, pk)
        if action not in services.TRANSITIONS:
            raise Http404
        form = TransitionForm(request.POST)
        form.is_valid()
        try:
            services.study_transition(
                user=request.user,
                study=study,
                action=action,
                comment=form.cleaned_data.get("comment", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The study's status is changed."))
        return redirect(study.get_absolute_url())


class StudyOutputAddView(StaffRequiredMixin, View):
    def post(self, request, pk):
        study = _study(request, pk)
        form = StudyOutputForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.study_output_add(
                    user=request.user,
                    study=study,
                    data=form.service_data(),
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The output is added. It is public once published."))
                return redirect(study.get_absolute_url())
        return _detail(request, study, output_form=form, status=400)


def _output(request, pk, output_pk) -> StudyOutput:
    return get_for_user_or_404(
        selectors.output_for_staff, user=request.user, study_pk=pk, pk=output_pk
    )


class StudyOutputPublishView(StaffRequiredMixin, View):
    def post(self, request, pk, output_pk):
        output = _output(request, pk, output_pk)
        try:
            services.study_output_publish(user=request.user, output=output)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The output is published and in the public library."))
        return redirect(output.study.get_absolute_url())


class StudyOutputDeleteView(StaffRequiredMixin, View):
    def post(self, request, pk, output_pk):
        output = _output(request, pk, output_pk)
        try:
            services.study_output_delete(user=request.user, output=output)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The output is removed."))
        return redirect(output.study.get_absolute_url())


class StudyOutputFileView(StaffRequiredMixin, View):
    """An output's file for staff, published or not."""

    def get(self, request, pk, output_pk):
        return _file_response(_output(request, pk, output_pk))


class StudyActivityAddView(StaffRequiredMixin, View):
    def _page(self, request, study, form, status=200):
        return render(
            request,
            "research/studies/activity_form.html",
            {"study": study, "form": form},
            status=status,
        )

    def get(self, request, pk):
        return self._page(request, _study(request, pk), StudyActivityForm())

    def post(self, request, pk):
        study = _study(request, pk)
        form = StudyActivityForm(request.POST)
        if form.is_valid():
            try:
                link = services.study_activity_add(
                    user=request.user,
                    study=study,
                    data=form.service_data(),
                    institutions=form.cleaned_data["institutions"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The activity is planned; log it as held on its own page.")
                )
                return redirect("core:activity_detail", pk=link.activity_id)
        return self._page(request, study, form, status=400)


def study_activity_panel(request, activity, **_overrides) -> dict:
    """The activity page's panel: the study the activity belongs to, if any."""
    return {"study": selectors.study_of_activity(activity=activity)}


def studies_dashboard_panel(request) -> dict | None:
    """The staff dashboard's word on the studies the reader leads or works on that are
    not yet published: what state each is in, and the way to the register."""
    studies = selectors.studies_of_member(user=request.user)
    if not studies:
        return None
    return {"studies": studies}


# --- public -------------------------------------------------------------------------------


@public_cache
def public_study_list(request):
    page = selectors.published_studies_page(number=request.GET.get("page"))
    return render(request, "research/studies/public_list.html", {"page_obj": page})


@public_cache
def public_study_detail(request, slug: str):
    study = get_for_user_or_404(selectors.published_study, slug=slug)
    return render(
        request,
        "research/studies/public_detail.html",
        {
            "study": study,
            "team": [study.lead, *(u for u in study.team.all() if u.pk != study.lead_id)],
            "partners": study.partners.all(),
            "outputs": study.public_outputs,
            "activities": study.public_activities,
        },
    )


def public_output_file(request, slug: str, pk: int):
    """A published output's own file. Not cached: a file is not a page."""
    return _file_response(get_for_user_or_404(selectors.published_output, slug=slug, pk=pk))
