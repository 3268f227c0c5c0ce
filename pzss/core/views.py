"""Staff pages of the core: dashboard, activities, their files, the people search."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.core import selectors
from pzss.core.audit import history_for, present_history
from pzss.core.exports import ACTIVITY_EXPORT, activities_filename, activities_xlsx
from pzss.core.extensions import activity_panels, dashboard_panels
from pzss.core.forms import ActivityForm, ActivityHeldForm, CancelForm, FileUploadForm
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
)
from pzss.core.services import activities as activity_services
from pzss.lib.forms import add_service_errors
from pzss.lib.jobs import queue_job
from pzss.lib.roles import StaffRequiredMixin, is_staff_member
from pzss.lib.shortcuts import get_for_user_or_404
from pzss.lib.xlsx import XLSX_CONTENT_TYPE


class DashboardView(StaffRequiredMixin, View):
    def get(self, request):
        context = {
            "dash": selectors.dashboard(user=request.user),
            # What other apps have waiting for the reader (a programme to approve).
            "panels": dashboard_panels(request),
        }
        return render(request, "core/dashboard.html", context)


class AreaOverviewView(StaffRequiredMixin, View):
    """An area's staff overview. An area app with pages of its own (area III's data sets,
    reports, mapping and studies) gives a template that extends the core's and fills its
    `area_work` block with links to them, so the core names none of them."""

    area: int = Area.SUPPORT
    template_name = "core/area_overview.html"

    def get(self, request):
        year = timezone.localdate().year
        area = Area(self.area)
        data = selectors.area_overview(user=request.user, area=area, year=year)
        return render(request, self.template_name, {"area": area, "year": year, **data})


class ActivityListView(StaffRequiredMixin, View):
    paginate_by = 25

    def get(self, request):
        filters = selectors.ActivityFilters.from_query(request.GET)
        page = selectors.activity_page(
            user=request.user,
            filters=filters,
            number=request.GET.get("page"),
            per_page=self.paginate_by,
        )
        return render(
            request,
            "core/activity_list.html",
            {
                "page_obj": page,
                "filters": filters,
                "areas": Area.choices,
                "kinds": ActivityKind.choices,
                "statuses": ActivityStatus.choices,
                "institutions": Institution.objects.only("id", "name").order_by("name"),
                "month_value": filters.month.strftime("%Y-%m") if filters.month else "",
                "query": request.GET.urlencode(),
            },
        )


class ActivityExportView(StaffRequiredMixin, View):
    """The filtered list as XLSX: written here when it is short, otherwise queued as a
    background job whose page shows the progress and then the download. (A GET queues
    it, as the programme's PDF link does: the export changes nothing but adds a job
    only its requester sees.)"""

    def get(self, request):
        filters = selectors.ActivityFilters.from_query(request.GET)
        if selectors.activity_count(user=request.user, filters=filters) > (
            settings.EXPORT_INLINE_MAX_ROWS
        ):
            query = request.GET.urlencode()
            job = queue_job(
                kind=ACTIVITY_EXPORT,
                user=request.user,
                params={"query": query, "filename": activities_filename()},
                title="",
                back_url=reverse("core:activity_list") + (f"?{query}" if query else ""),
            )
            return redirect(job.get_absolute_url())
        content = activities_xlsx(selectors.activity_for_export(user=request.user, filters=filters))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{activities_filename()}"'
        return response


class ActivityCreateView(StaffRequiredMixin, View):
    def get(self, request):
        initial = {}
        if request.GET.get("area", "").isdigit():
            initial["area"] = int(request.GET["area"])
        return self._render(ActivityForm(initial=initial))

    def post(self, request):
        form = ActivityForm(request.POST)
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in {"institutions", "responsible"}
            }
            try:
                activity = activity_services.activity_create(
                    user=request.user,
                    data=data,
                    institutions=form.cleaned_data["institutions"],
                    responsible=form.cleaned_data["responsible"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The activity is saved."))
                return redirect("core:activity_detail", pk=activity.pk)
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return render(
            self.request, "core/activity_form.html", {"form": form, "activity": None}, status=status
        )


class ActivityUpdateView(StaffRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        # The role check (in super().dispatch) comes first: to anyone else a missing
        # activity must look the same as an existing one.
        if is_staff_member(request.user):
            self.activity = get_for_user_or_404(
                selectors.activity_for_user, user=request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        if self.activity.status == ActivityStatus.CANCELLED:
            messages.warning(request, _("A cancelled activity cannot be changed."))
            return redirect("core:activity_detail", pk=pk)
        form = ActivityForm(
            instance=self.activity, initial={"responsible": self.activity.responsible.all()}
        )
        return render(request, "core/activity_form.html", {"form": form, "activity": self.activity})

    def post(self, request, pk):
        form = ActivityForm(request.POST, instance=Activity.objects.get(pk=pk))
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in {"institutions", "responsible"}
            }
            try:
                activity_services.activity_update(
                    user=request.user,
                    activity=self.activity,
                    data=data,
                    institutions=form.cleaned_data["institutions"],
                    responsible=form.cleaned_data["responsible"] or [request.user],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect("core:activity_detail", pk=pk)
        return render(
            request,
            "core/activity_form.html",
            {"form": form, "activity": self.activity},
            status=400,
        )


def activity_page_context(request, activity, *, upload_form=None, panels=None) -> dict:
    """The activity page: the core's own parts and the panels other apps registered
    (`panels` passes one panel a bound form with its errors)."""
    return {
        "activity": activity,
        "upload_form": upload_form or FileUploadForm(),
        "history": present_history(history_for(activity)[:30], Activity),
        "panels": activity_panels(request, activity, panels),
    }


class ActivityDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_detail, user=request.user, pk=pk)
        return render(request, "core/activity_detail.html", self._context(activity))

    def _context(self, activity, **extra):
        return activity_page_context(self.request, activity, **extra)


class ActivityHeldView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_for_user, user=request.user, pk=pk)
        if activity.status == ActivityStatus.CANCELLED:
            messages.warning(request, _("A cancelled activity cannot be logged as held."))
            return redirect("core:activity_detail", pk=pk)
        form = ActivityHeldForm(instance=activity)
        return render(request, "core/activity_held.html", {"form": form, "activity": activity})

    def post(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_for_user, user=request.user, pk=pk)
        form = ActivityHeldForm(request.POST, instance=Activity.objects.get(pk=pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "institutions"}
            try:
                activity_services.activity_log_held(
                    user=request.user,
                    activity=activity,
                    data=data,
                    institutions=form.cleaned_data["institutions"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The activity is logged as held. Add its participants below.")
                )
                return redirect("core:activity_detail", pk=pk)
        return render(
            request, "core/activity_held.html", {"form": form, "activity": activity}, status=400
        )


class ActivityCancelView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_for_user, user=request.user, pk=pk)
        return render(
            request, "core/activity_cancel.html", {"form": CancelForm(), "activity": activity}
        )

    def post(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_for_user, user=request.user, pk=pk)
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                activity_services.activity_cancel(
                    user=request.user, activity=activity, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The activity is cancelled."))
                return redirect("core:activity_detail", pk=pk)
        return render(
            request, "core/activity_cancel.html", {"form": form, "activity": activity}, status=400
        )


class FileUploadView(StaffRequiredMixin, View):
    def post(self, request, pk):
        activity = get_for_user_or_404(selectors.activity_for_user, user=request.user, pk=pk)
        form = FileUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                activity_services.activity_file_attach(
                    user=request.user, activity=activity, upload=form.cleaned_data["file"]
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The file is attached."))
            return redirect(reverse("core:activity_detail", args=[pk]) + "#files")
        activity = selectors.activity_detail(user=request.user, pk=pk)
        context = activity_page_context(request, activity, upload_form=form)
        return render(request, "core/activity_detail.html", context, status=400)


class FileDownloadView(StaffRequiredMixin, View):
    def get(self, request, pk):
        attached = get_for_user_or_404(selectors.activity_file_for_user, user=request.user, pk=pk)
        response = FileResponse(
            attached.file.open("rb"),
            as_attachment=True,
            filename=attached.original_name,
            content_type=attached.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PersonSearchView(StaffRequiredMixin, View):
    """Search-as-you-type for the participant picker (an htmx fragment of options)."""

    def get(self, request):
        q = (request.GET.get("q") or "").strip()
        people = []
        if len(q) >= 2:
            people = selectors.person_search(user=request.user, q=q)
        return render(request, "core/_person_options.html", {"people": people, "q": q})
