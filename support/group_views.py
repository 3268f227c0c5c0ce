"""Staff pages of the standing groups' year, the case conferences and the projects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import ActivityKind, StandingGroup
from pzss.lib.roles import StaffRequiredMixin
from support import case_services, group_selectors, group_services, project_services
from support.group_forms import (
    CaseConferenceForm,
    MeetingHeldForm,
    MeetingPlanForm,
    ProjectActivityForm,
    ProjectForm,
)
from support.models import CaseConference, GroupMeeting, Project


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _refuse(form, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field where the form has it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _clean(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("no_personal_data", None)
    return data


class GroupYearView(StaffRequiredMixin, View):
    def _page(self, request, pk, form=None, status=200):
        year = _year(request)
        try:
            data = group_selectors.group_year(user=request.user, pk=pk, year=year)
        except StandingGroup.DoesNotExist as exc:
            raise Http404 from exc
        return render(
            request,
            "support/group_year.html",
            {
                "y": data,
                "form": form or MeetingPlanForm(),
                "years": [year - 1, year, year + 1],
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(request, pk)

    def post(self, request, pk):
        """Plan a round table of the group (a forum of all supervisors' groups when
        `forum` is posted)."""
        try:
            group = group_selectors.group_year(user=request.user, pk=pk, year=_year(request)).group
        except StandingGroup.DoesNotExist as exc:
            raise Http404 from exc
        form = MeetingPlanForm(request.POST)
        if form.is_valid():
            data = _clean(form)
            forum = bool(request.POST.get("forum"))
            groups = list(StandingGroup.objects.filter(kind=group.kind)) if forum else [group]
            try:
                group_services.group_meeting_plan(
                    user=request.user,
                    groups=groups,
                    kind=ActivityKind.FORUM if forum else ActivityKind.ROUND_TABLE,
                    **data,
                )
            except ValidationError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("The meeting is planned."))
                return redirect(f"{request.path}?year={data['start_date'].year}")
        return self._page(request, pk, form=form, status=400)


class MeetingHeldView(StaffRequiredMixin, View):
    def _meeting(self, request, pk) -> GroupMeeting:
        try:
            return group_selectors.group_meeting(user=request.user, pk=pk)
        except GroupMeeting.DoesNotExist as exc:
            raise Http404 from exc

    def _render(self, request, meeting, form, status=200):
        return render(
            request,
            "support/meeting_held.html",
            {"meeting": meeting, "form": form, "group": meeting.groups.first()},
            status=status,
        )

    def get(self, request, pk):
        meeting = self._meeting(request, pk)
        members = group_services.meeting_members(meeting)
        return self._render(request, meeting, MeetingHeldForm(members=members))

    def post(self, request, pk):
        meeting = self._meeting(request, pk)
        members = group_services.meeting_members(meeting)
        form = MeetingHeldForm(request.POST, members=members)
        if form.is_valid():
            try:
                group_services.group_meeting_log_held(
                    user=request.user, meeting=meeting, attended=list(form.cleaned_data["attended"])
                )
            except ValidationError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("The meeting is logged as held."))
                group = meeting.groups.first()
                return redirect("support:group_year", pk=group.pk)
        return self._render(request, meeting, form, status=400)


class CaseConferenceListView(StaffRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "support/case_list.html",
            {"cases": group_selectors.case_conferences(user=request.user)},
        )


class CaseConferenceEditView(StaffRequiredMixin, View):
    def _case(self, request, pk):
        if pk is None:
            return None
        try:
            return group_selectors.case_conference(user=request.user, pk=pk)
        except CaseConference.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, pk=None):
        case = self._case(request, pk)
        initial = {}
        if case:
            initial = {
                "institution": case.institution,
                "date": case.activity.start_date,
                "question": case.question,
                "contribution": case.contribution,
                "outcome": case.outcome,
            }
        form = CaseConferenceForm(initial=initial)
        return render(request, "support/case_form.html", {"case": case, "form": form})

    def post(self, request, pk=None):
        case = self._case(request, pk)
        form = CaseConferenceForm(request.POST)
        if form.is_valid():
            try:
                if case:
                    case_services.case_conference_update(
                        user=request.user, case=case, **_clean(form)
                    )
                else:
                    case_services.case_conference_create(user=request.user, **_clean(form))
            except ValidationError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("The case conference is saved."))
                return redirect("support:cases")
        return render(request, "support/case_form.html", {"case": case, "form": form}, status=400)


class ProjectListView(StaffRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "support/project_list.html",
            {"projects": group_selectors.projects(user=request.user)},
        )


class _ProjectMixin:
    def _project(self, request, pk):
        try:
            return group_selectors.project(user=request.user, pk=pk)
        except Project.DoesNotExist as exc:
            raise Http404 from exc


class ProjectDetailView(StaffRequiredMixin, _ProjectMixin, View):
    def get(self, request, pk):
        project = self._project(request, pk)
        return render(
            request,
            "support/project_detail.html",
            {"project": project, "activity_form": ProjectActivityForm()},
        )


class ProjectEditView(StaffRequiredMixin, _ProjectMixin, View):
    def get(self, request, pk=None):
        project = self._project(request, pk) if pk else None
        initial = {}
        if project:
            initial = {name: getattr(project, name) for name in project_services.FIELDS} | {
                "partners": list(project.partners.all())
            }
        form = ProjectForm(initial=initial)
        return render(request, "support/project_form.html", {"project": project, "form": form})

    def post(self, request, pk=None):
        project = self._project(request, pk) if pk else None
        form = ProjectForm(request.POST)
        if form.is_valid():
            data = _clean(form)
            partners = list(data.pop("partners"))
            try:
                if project:
                    project = project_services.project_update(
                        user=request.user, project=project, data=data, partners=partners
                    )
                else:
                    project = project_services.project_create(
                        user=request.user, data=data, partners=partners
                    )
            except ValidationError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("The project is saved."))
                return redirect(project.get_absolute_url())
        return render(
            request, "support/project_form.html", {"project": project, "form": form}, status=400
        )


class ProjectActivityAddView(StaffRequiredMixin, _ProjectMixin, View):
    def post(self, request, pk):
        project = self._project(request, pk)
        form = ProjectActivityForm(request.POST)
        if form.is_valid():
            try:
                project_services.project_activity_add(
                    user=request.user, project=project, data=_clean(form)
                )
            except ValidationError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, _("The activity of the project is added."))
                return redirect(project.get_absolute_url())
        return render(
            request,
            "support/project_detail.html",
            {"project": project, "activity_form": form},
            status=400,
        )


class ProjectActivityHeldView(StaffRequiredMixin, _ProjectMixin, View):
    def post(self, request, pk, activity_pk):
        project = self._project(request, pk)
        activity = next((a for a in project.activities.all() if a.pk == activity_pk), None)
        if activity is None:
            raise Http404
        try:
            project_services.project_activity_log_held(
                user=request.user, project=project, activity=activity
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The activity is logged as held."))
        return redirect(project.get_absolute_url())
