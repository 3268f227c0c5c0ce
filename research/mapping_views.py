"""Pages of the service mapping (III 4.3): the rounds, a round's summary, map and services
for staff, the XLSX template and its import with a preview; and the public pages — the
published round's map and tables, and a page per municipality."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import Municipality
from pzss.documents.models import Job
from pzss.documents.selectors import job_for_user
from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from pzss.lib.xlsx import XLSX_CONTENT_TYPE
from research import mapping_jobs, mapping_selectors, mapping_services, mapping_xlsx
from research.mapping_forms import (
    ImportForm,
    LocalServiceForm,
    ServiceFilterForm,
    ServiceMappingForm,
    figure_choices,
)
from research.models import LocalService


def _mapping(request, pk):
    return get_for_user_or_404(mapping_selectors.service_mapping_for_user, user=request.user, pk=pk)


def _service(request, pk):
    return get_for_user_or_404(mapping_selectors.local_service_for_user, user=request.user, pk=pk)


class MappingListView(StaffRequiredMixin, View):
    """The rounds of the mapping, and a new one."""

    def get(self, request):
        return self._page(request, ServiceMappingForm())

    def _page(self, request, form, status=200):
        return render(
            request,
            "research/mapping/mapping_list.html",
            {"mappings": mapping_selectors.service_mappings(user=request.user), "form": form},
            status=status,
        )

    def post(self, request):
        form = ServiceMappingForm(request.POST)
        if form.is_valid():
            try:
                mapping = mapping_services.service_mapping_create(
                    user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The mapping is created. Add its services."))
                return redirect("research:mapping_detail", pk=mapping.pk)
        return self._page(request, form, status=400)


class MappingDetailView(StaffRequiredMixin, View):
    """A round: the map by a chosen figure, the tables by district and kind, and its
    services, filtered in the URL.

    Queries: the round, the map's figures, the summary (3), the districts, the page's
    count and rows, and the filter's municipalities: constant in the number of rows."""

    def get(self, request, pk):
        mapping = _mapping(request, pk)
        filters = mapping_selectors.ServiceFilters.from_query(request.GET)
        figure = mapping_selectors.figure_key(request.GET.get("figure"))
        page = mapping_selectors.mapping_services_page(
            user=request.user, mapping=mapping, filters=filters, number=request.GET.get("page")
        )
        return render(
            request,
            "research/mapping/mapping_detail.html",
            {
                "mapping": mapping,
                "page_obj": page,
                "filter_form": ServiceFilterForm(
                    initial={"municipality": filters.municipality, "kind": filters.kind}
                ),
                "summary": mapping_selectors.mapping_summary(mapping),
                "map": mapping_selectors.mapping_map(mapping, figure=figure),
                "figure": figure,
                "figures": figure_choices(),
            },
        )


class MappingPublishView(StaffRequiredMixin, View):
    def post(self, request, pk):
        mapping = _mapping(request, pk)
        publish = request.POST.get("action") != "unpublish"
        service = (
            mapping_services.service_mapping_publish
            if publish
            else mapping_services.service_mapping_unpublish
        )
        try:
            service(user=request.user, mapping=mapping)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The mapping is published.") if publish else _("The mapping is a draft again."),
            )
        return redirect("research:mapping_detail", pk=mapping.pk)


class LocalServiceCreateView(StaffRequiredMixin, View):
    template = "research/mapping/service_form.html"

    def get(self, request, pk):
        mapping = _mapping(request, pk)
        form = LocalServiceForm(instance=LocalService(mapping=mapping))
        return render(request, self.template, {"mapping": mapping, "form": form})

    def post(self, request, pk):
        mapping = _mapping(request, pk)
        form = LocalServiceForm(request.POST, instance=LocalService(mapping=mapping))
        if form.is_valid():
            try:
                mapping_services.local_service_create(
                    user=request.user, mapping=mapping, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The service is saved."))
                return redirect("research:mapping_detail", pk=mapping.pk)
        return render(request, self.template, {"mapping": mapping, "form": form}, status=400)


class LocalServiceUpdateView(StaffRequiredMixin, View):
    template = "research/mapping/service_form.html"

    def get(self, request, pk):
        service = _service(request, pk)
        form = LocalServiceForm(instance=service)
        return render(
            request, self.template, {"mapping": service.mapping, "service": service, "form": form}
        )

    def post(self, request, pk):
        service = _service(request, pk)
        # The form validates a copy: the service writes the one it was given.
        form = LocalServiceForm(request.POST, instance=_service(request, pk))
        if form.is_valid():
            try:
                mapping_services.local_service_update(
                    user=request.user, service=service, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The service is saved."))
                return redirect("research:mapping_detail", pk=service.mapping_id)
        return render(
            request,
            self.template,
            {"mapping": service.mapping, "service": service, "form": form},
            status=400,
        )


class LocalServiceDeleteView(StaffRequiredMixin, View):
    def get(self, request, pk):
        service = _service(request, pk)
        return render(request, "research/mapping/service_delete.html", {"service": service})

    def post(self, request, pk):
        service = _service(request, pk)
        mapping_pk = service.mapping_id
        mapping_services.local_service_delete(user=request.user, service=service)
        messages.success(request, _("The service is deleted."))
        return redirect("research:mapping_detail", pk=mapping_pk)


class MappingTemplateView(StaffRequiredMixin, View):
    """The empty XLSX template, in the reader's language."""

    def get(self, request, pk):
        mapping = _mapping(request, pk)
        out = io.BytesIO()
        mapping_xlsx.write_template(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="mapiranje-usluga-{mapping.year}.xlsx"'
        )
        return response


class MappingImportView(StaffRequiredMixin, View):
    """Step 1: upload the filled-in template; a background job shows what each row would
    do. Step 2: confirm; a second job writes the valid rows, all or nothing."""

    def get(self, request, pk):
        return self._page(request, _mapping(request, pk), ImportForm())

    def _page(self, request, mapping, form, status=200):
        return render(
            request,
            "research/mapping/import.html",
            {"mapping": mapping, "form": form, "max_rows": mapping_xlsx.MAX_ROWS},
            status=status,
        )

    def post(self, request, pk):
        mapping = _mapping(request, pk)
        if "confirm" in request.POST:
            return self._confirm(request, mapping)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, mapping, form, status=400)
        job = mapping_jobs.mapping_import_preview_request(
            user=request.user,
            mapping=mapping,
            upload=form.cleaned_data["file"],
            back_url=reverse("research:mapping_import", args=[mapping.pk]),
        )
        return redirect(job.get_absolute_url())

    def _confirm(self, request, mapping):
        try:
            preview = job_for_user(user=request.user, pk=int(request.POST.get("job", "")))
        except (ValueError, Job.DoesNotExist):
            preview = None
        try:
            job = mapping_jobs.mapping_import_request(
                user=request.user, mapping=mapping, preview=preview
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("research:mapping_import", pk=mapping.pk)
        return redirect(job.get_absolute_url())


# --- public -------------------------------------------------------------------------------


def _public_mapping(request):
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError as exc:
        raise Http404 from exc
    mapping = mapping_selectors.public_mapping(year=year)
    if mapping is None and year is not None:
        raise Http404
    return mapping


@public_cache
def public_services(request):
    """The published mapping: the map by a chosen figure, the tables, the links to each
    municipality's page. Queries: the round, the other published years, the map's figures,
    the summary (3), the districts and the municipalities (whatever the data)."""
    mapping = _public_mapping(request)
    context = {"mapping": mapping, "years": list(mapping_selectors.published_mappings())}
    if mapping is not None:
        figure = mapping_selectors.figure_key(request.GET.get("figure"))
        context |= {
            "summary": mapping_selectors.mapping_summary(mapping),
            "map": mapping_selectors.mapping_map(mapping, figure=figure),
            "figure": figure,
            "figures": figure_choices(),
            "municipalities": mapping_selectors.public_municipalities(mapping),
        }
    return render(request, "research/mapping/public_services.html", context)


@public_cache
def public_municipality(request, slug: str):
    """One municipality's services in the published mapping (the round, the municipality,
    its services: 3 queries, whatever the number of services)."""
    mapping = _public_mapping(request)
    try:
        municipality = mapping_selectors.municipality_by_slug(slug)
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc
    found = mapping_selectors.public_municipality_services(
        mapping=mapping, municipality=municipality
    )
    return render(
        request,
        "research/mapping/public_municipality.html",
        {"mapping": mapping, "municipality": municipality, "found": found},
    )
