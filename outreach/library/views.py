"""The library: the public list and a publication's page and files; the staff pages that
make, edit and publish publications."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from outreach.library import selectors, services
from outreach.library.forms import PublicationFileForm, PublicationForm
from outreach.library.structured_data import publication_structured_data
from outreach.models import Publication
from pzss.documents.models import DocumentStatus
from pzss.lib.discovery import absolute_url
from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404

CITY = "Нови Сад"


def citation_line(publication: Publication, url: str) -> str:
    """How to cite the publication: authors (year). Title. The institute, Novi Sad. URL.
    When no authors are named the institute is the author."""
    institute = settings.INSTITUTE["name"]
    title = publication.title.rstrip(".")
    authors, year = publication.authors.strip(), publication.year
    if authors:
        return f"{authors} ({year}). {title}. {institute}, {CITY}. {url}"
    return f"{institute} ({year}). {title}. {CITY}. {url}"


@public_cache
def library(request):
    filters = selectors.LibraryFilters.from_query(request.GET)
    result = selectors.library_page(filters=filters, number=request.GET.get("page"))
    return render(
        request,
        "outreach/library/library.html",
        {
            "library": result,
            "page_obj": result.page,
            "filters": filters,
            "facet_titles": {"year": _("Year"), "kind": _("Kind"), "area": _("Area")},
        },
    )


@public_cache
def publication_detail(request, slug: str):
    publication = get_for_user_or_404(selectors.publication_for_user, user=request.user, slug=slug)
    url = absolute_url(publication.get_absolute_url())
    files = list(publication.files.all())
    return render(
        request,
        "outreach/library/publication.html",
        {
            "publication": publication,
            "files": files,
            "citation": citation_line(publication, url),
            "structured_data": publication_structured_data(
                publication,
                files,
                url=absolute_url(publication.get_absolute_url()),
                language=get_language(),
            ),
        },
    )


def publication_file(request, slug: str, pk: int):
    """The PDF of a published publication (staff: of a draft too). A rendered document
    still on its way answers 202 with a page that shows its progress."""
    attached = get_for_user_or_404(
        selectors.publication_file_for_user, user=request.user, slug=slug, pk=pk
    )
    filename = f"{attached.publication.slug}.pdf"
    if attached.document_id is None:
        if not attached.file:
            raise Http404
        return FileResponse(
            attached.file.open("rb"), filename=filename, content_type="application/pdf"
        )
    document = attached.document
    if document.status == DocumentStatus.READY:
        return FileResponse(
            document.file.open("rb"), filename=filename, content_type="application/pdf"
        )
    return render(
        request,
        "outreach/library/file_preparing.html",
        {"publication": attached.publication, "document": document},
        status=202,
    )


# --- staff ---------------------------------------------------------------------------------


class StaffPublicationListView(StaffRequiredMixin, View):
    def get(self, request):
        page = selectors.staff_publication_page(user=request.user, number=request.GET.get("page"))
        return render(request, "outreach/library/staff_list.html", {"page_obj": page})


class PublicationCreateView(StaffRequiredMixin, View):
    def get(self, request):
        return render(request, "outreach/library/staff_form.html", {"form": PublicationForm()})

    def post(self, request):
        form = PublicationForm(request.POST)
        if form.is_valid():
            try:
                publication = services.publication_create(user=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The publication is saved as a draft. Add its PDF."))
                return redirect("outreach_staff:publication", pk=publication.pk)
        return render(request, "outreach/library/staff_form.html", {"form": form}, status=400)


def _staff_publication(request, pk: int) -> Publication:
    return get_for_user_or_404(selectors.publication_for_staff, user=request.user, pk=pk)


class PublicationEditView(StaffRequiredMixin, View):
    """The publication's form, its files and the step to publish, on one page."""

    def _page(self, request, publication, *, form=None, file_form=None, status=200):
        return render(
            request,
            "outreach/library/staff_form.html",
            {
                "publication": publication,
                "form": form or PublicationForm(instance=publication),
                "file_form": file_form or PublicationFileForm(),
                "files": publication.files.all(),
                "max_bytes": settings.LIBRARY_MAX_BYTES,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(request, _staff_publication(request, pk))

    def post(self, request, pk):
        publication = _staff_publication(request, pk)
        form = PublicationForm(request.POST, instance=Publication.objects.get(pk=publication.pk))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
            try:
                services.publication_update(user=request.user, publication=publication, data=data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The publication is saved."))
                return redirect("outreach_staff:publication", pk=publication.pk)
        return self._page(request, publication, form=form, status=400)


class PublicationFileAddView(StaffRequiredMixin, View):
    def post(self, request, pk):
        publication = _staff_publication(request, pk)
        form = PublicationFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.publication_file_add(
                    user=request.user,
                    publication=publication,
                    upload=form.cleaned_data["file"],
                    label=form.cleaned_data["label"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("The PDF is added; its text is read for search."))
                return redirect("outreach_staff:publication", pk=publication.pk)
        return PublicationEditView()._page(request, publication, file_form=form, status=400)


class PublicationFileDeleteView(StaffRequiredMixin, View):
    def post(self, request, pk, file_pk):
        publication = _staff_publication(request, pk)
        attached = next((f for f in publication.files.all() if f.pk == file_pk), None)
        if attached is None:
            raise Http404
        try:
            services.publication_file_delete(user=request.user, attached=attached)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The file is removed."))
        return redirect("outreach_staff:publication", pk=publication.pk)


class PublicationStatusView(StaffRequiredMixin, View):
    """Publish a draft, or withdraw a published publication."""

    action: str = "publish"

    def post(self, request, pk):
        publication = _staff_publication(request, pk)
        service = (
            services.publication_publish
            if self.action == "publish"
            else services.publication_withdraw
        )
        try:
            service(user=request.user, publication=publication)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The publication is in the public library.")
                if self.action == "publish"
                else _("The publication is withdrawn from the public library."),
            )
        return redirect("outreach_staff:publication", pk=publication.pk)
