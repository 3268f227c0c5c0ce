"""Staff pages of the core: dashboard, activities, participants, files, documents."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from pzss.core import selectors
from pzss.core.audit import history_for
from pzss.core.documents import document_is_public, document_retry
from pzss.core.exports import activities_xlsx
from pzss.core.forms import (
    ActivityForm,
    ActivityHeldForm,
    CancelForm,
    ExistingParticipantForm,
    FileUploadForm,
    ImportForm,
    NewParticipantForm,
    add_service_errors,
)
from pzss.core.models import (
    Activity,
    ActivityFile,
    ActivityKind,
    ActivityStatus,
    Area,
    Document,
    DocumentStatus,
    Institution,
    Person,
    Registration,
)
from pzss.core.roles import StaffRequiredMixin, is_staff_member
from pzss.core.services import activities as activity_services
from pzss.core.services import participants as participant_services

IMPORT_SALT = "pzss.core.participant-import"


def _import_salt(activity) -> str:
    # A preview is confirmed only for the activity it was made for.
    return f"{IMPORT_SALT}:{activity.pk}"


class DashboardView(StaffRequiredMixin, View):
    def get(self, request):
        return render(
            request, "core/dashboard.html", {"dash": selectors.dashboard(user=request.user)}
        )


class AreaOverviewView(StaffRequiredMixin, View):
    area: int = Area.SUPPORT

    def get(self, request):
        year = timezone.localdate().year
        area = Area(self.area)
        data = selectors.area_overview(user=request.user, area=area, year=year)
        return render(request, "core/area_overview.html", {"area": area, "year": year, **data})


class ActivityListView(StaffRequiredMixin, View):
    paginate_by = 25

    def get(self, request):
        filters = selectors.ActivityFilters.from_query(request.GET)
        qs = selectors.activity_list(user=request.user, filters=filters)
        page = Paginator(qs, self.paginate_by).get_page(request.GET.get("page"))
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
    def get(self, request):
        filters = selectors.ActivityFilters.from_query(request.GET)
        content = activities_xlsx(selectors.activity_for_export(user=request.user, filters=filters))
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        stamp = timezone.localdate().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="aktivnosti-{stamp}.xlsx"'
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
            self.activity = get_object_or_404(Activity, pk=kwargs["pk"])
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


class ActivityDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        try:
            activity = selectors.activity_detail(user=request.user, pk=pk)
        except Activity.DoesNotExist as exc:
            raise Http404 from exc
        return render(request, "core/activity_detail.html", self._context(activity))

    def _context(self, activity, **extra):
        return {
            "activity": activity,
            "registrations": activity.registrations.all(),
            "existing_form": extra.get("existing_form") or ExistingParticipantForm(),
            "new_form": extra.get("new_form") or NewParticipantForm(prefix="new"),
            "upload_form": extra.get("upload_form") or FileUploadForm(),
            "history": history_for(activity)[:30],
        }


class ActivityHeldView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        if activity.status == ActivityStatus.CANCELLED:
            messages.warning(request, _("A cancelled activity cannot be logged as held."))
            return redirect("core:activity_detail", pk=pk)
        form = ActivityHeldForm(instance=activity)
        return render(request, "core/activity_held.html", {"form": form, "activity": activity})

    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
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
        activity = get_object_or_404(Activity, pk=pk)
        return render(
            request, "core/activity_cancel.html", {"form": CancelForm(), "activity": activity}
        )

    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
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


class ParticipantAddView(StaffRequiredMixin, View):
    """Add a participant: one picked from the directory, or a new person typed inline.
    Answers with the participants fragment for htmx, or redirects."""

    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        existing_form = ExistingParticipantForm()
        new_form = NewParticipantForm(prefix="new")
        try:
            if "person" in request.POST:
                existing_form = ExistingParticipantForm(request.POST)
                if existing_form.is_valid():
                    participant_services.participant_add(
                        user=request.user,
                        activity=activity,
                        person=existing_form.cleaned_data["person"],
                    )
                    messages.success(request, _("The participant is added."))
            else:
                new_form = NewParticipantForm(request.POST, prefix="new")
                if new_form.is_valid():
                    participant_services.person_create_and_add(
                        user=request.user, activity=activity, data=new_form.cleaned_data
                    )
                    messages.success(request, _("The participant is added."))
        except ValidationError as exc:
            target = existing_form if "person" in request.POST else new_form
            add_service_errors(target, exc)
        failed = bool(existing_form.errors or new_form.errors)
        if failed or request.htmx:
            activity = selectors.activity_detail(user=request.user, pk=pk)
            template = "core/_participants.html" if request.htmx else "core/activity_detail.html"
            context = ActivityDetailView()._context(
                activity, existing_form=existing_form, new_form=new_form
            )
            return render(
                request, template, context, status=400 if failed and not request.htmx else 200
            )
        return redirect(reverse("core:activity_detail", args=[pk]) + "#participants")


class ParticipantRemoveView(StaffRequiredMixin, View):
    def post(self, request, pk, registration_pk):
        registration = get_object_or_404(Registration, pk=registration_pk, activity_id=pk)
        try:
            participant_services.participant_remove(user=request.user, registration=registration)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The participant is removed."))
        return redirect(reverse("core:activity_detail", args=[pk]) + "#participants")


class ParticipantImportView(StaffRequiredMixin, View):
    """Step 1: upload a list and see what would happen to each row. Step 2: confirm the
    valid rows. Nothing is written before step 2, and step 2 writes all or nothing."""

    def get(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        return render(
            request, "core/participant_import.html", {"activity": activity, "form": ImportForm()}
        )

    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        if "confirm" in request.POST:
            return self._confirm(request, activity)
        form = ImportForm(request.POST, request.FILES)
        rows = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = participant_services.participants_preview(
                    activity=activity, name=upload.name, content=upload.read()
                )
            except participant_services.ImportFileError as exc:
                form.add_error("file", str(exc))
        if rows is None:
            return render(
                request,
                "core/participant_import.html",
                {"activity": activity, "form": form},
                status=400,
            )
        payload = signing.dumps(
            [r.as_dict() for r in rows], salt=_import_salt(activity), compress=True
        )
        counts = {
            o: sum(1 for r in rows if r.outcome == o) for o in ("added", "matched", "refused")
        }
        return render(
            request,
            "core/participant_import.html",
            {
                "activity": activity,
                "form": ImportForm(),
                "rows": rows,
                "payload": payload,
                "counts": counts,
            },
        )

    def _confirm(self, request, activity):
        try:
            rows = signing.loads(
                request.POST.get("payload", ""), salt=_import_salt(activity), max_age=3600
            )
        except signing.BadSignature:
            messages.error(
                request, _("The preview has expired or was changed. Upload the list again.")
            )
            return redirect("core:participant_import", pk=activity.pk)
        try:
            count = participant_services.participants_import(
                user=request.user, activity=activity, rows=rows
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("core:participant_import", pk=activity.pk)
        messages.success(request, _("%(count)d participants imported.") % {"count": count})
        return redirect(reverse("core:activity_detail", args=[activity.pk]) + "#participants")


class FileUploadView(StaffRequiredMixin, View):
    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
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
        context = ActivityDetailView()._context(activity, upload_form=form)
        return render(request, "core/activity_detail.html", context, status=400)


class FileDownloadView(StaffRequiredMixin, View):
    def get(self, request, pk):
        attached = get_object_or_404(ActivityFile, pk=pk)
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
            from pzss.core.translit import to_cyrillic, to_latin

            # Names are stored in the script they were typed in; search both.
            terms = {q, to_latin(q), to_cyrillic(q)}
            cond = Q()
            for t in terms:
                cond |= (
                    Q(last_name__icontains=t) | Q(first_name__icontains=t) | Q(email__icontains=t)
                )
            people = Person.objects.filter(cond).select_related("institution")[:20]
        return render(request, "core/_person_options.html", {"people": people, "q": q})


def _visible_document(request, queryset, pk) -> Document:
    """Staff see every document; others only documents of public things (a published
    programme, say). Anything else is a 404, as if it did not exist."""
    document = get_object_or_404(queryset, pk=pk)
    if not (document_is_public(document) or is_staff_member(request.user)):
        raise Http404
    return document


class DocumentStatusView(View):
    """The progress fragment a page polls while a PDF renders."""

    def get(self, request, pk):
        document = _visible_document(request, Document.objects.all(), pk)
        response = render(request, "core/_document_status.html", {"document": document})
        if document.status in {DocumentStatus.READY, DocumentStatus.FAILED}:
            response["HX-Trigger"] = "document-finished"
        return response


class DocumentDownloadView(View):
    def get(self, request, pk):
        document = _visible_document(
            request, Document.objects.filter(status=DocumentStatus.READY), pk
        )
        return FileResponse(
            document.file.open("rb"),
            as_attachment=False,
            filename=f"{document.title or 'document'}.pdf",
            content_type="application/pdf",
        )


class DocumentRetryView(View):
    def post(self, request, pk):
        document = _visible_document(
            request, Document.objects.filter(status=DocumentStatus.FAILED), pk
        )
        document = document_retry(document=document, user=request.user)
        if request.htmx:
            return render(request, "core/_document_status.html", {"document": document})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
        return redirect(next_url)
