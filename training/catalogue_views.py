"""The training catalogue's pages: the public catalogue and a published programme's page
(with its upcoming sessions and their sign-up); the staff list, form and page of a
programme, its publishing and the scheduling of a session; the dashboard's panel of the
programmes whose accreditation ends soon."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.events.selectors import SEATS_TOPIC
from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from training import catalogue_selectors as selectors
from training import catalogue_services as services
from training.catalogue_forms import ProgrammeForm, SessionForm
from training.models import AccreditationStatus, TrainingProgramme

# --- public -------------------------------------------------------------------------------


def _seats(request, *args, **kwargs):
    # The catalogue shows the seats left of its sessions: a sign-up refreshes it.
    return (SEATS_TOPIC,)


@public_cache(topics=_seats)
def public_catalogue(request):
    filters = selectors.CatalogueFilters.from_query(request.GET)
    return render(
        request,
        "training/catalogue/public_list.html",
        {
            "programmes": selectors.public_catalogue(filters=filters),
            "sessions": selectors.public_upcoming_sessions(),
            "filters": filters,
            "statuses": AccreditationStatus.choices,
            "canonical_parameters": ("status", "target"),
        },
    )


@public_cache(topics=_seats)
def public_programme(request, slug: str):
    programme = get_for_user_or_404(selectors.public_programme, slug=slug)
    return render(
        request,
        "training/catalogue/public_detail.html",
        {
            "programme": programme,
            "sessions": selectors.programme_upcoming_sessions(programme=programme),
        },
    )


# --- staff --------------------------------------------------------------------------------


def _programme(request, pk: int) -> TrainingProgramme:
    return get_for_user_or_404(selectors.programme_for_staff, user=request.user, pk=pk)


class ProgrammeListView(StaffRequiredMixin, View):
    def get(self, request):
        filters = selectors.CatalogueFilters.from_query(request.GET)
        page = selectors.programmes_page(
            user=request.user, filters=filters, number=request.GET.get("page")
        )
        today = timezone.localdate()
        return render(
            request,
            "training/catalogue/programme_list.html",
            {
                "page_obj": page,
                "filters": filters,
                "statuses": AccreditationStatus.choices,
                "horizon": services.expiry_horizon(today),
                "today": today,
            },
        )


class ProgrammeCreateView(StaffRequiredMixin, View):
    def get(self, request):
        form = ProgrammeForm(initial={"owner": request.user})
        return render(request, "training/catalogue/programme_form.html", {"form": form})

    def post(self, request):
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                programme = services.programme_create(user=request.user, data=form.service_data())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The programme is in the catalogue; publish it when it is ready.")
                )
                return redirect("training:programme_detail", pk=programme.pk)
        return render(request, "training/catalogue/programme_form.html", {"form": form}, status=400)


class ProgrammeEditView(StaffRequiredMixin, View):
    def get(self, request, pk):
        programme = _programme(request, pk)
        return render(
            request,
            "training/catalogue/programme_form.html",
            {"form": ProgrammeForm(instance=programme), "programme": programme},
        )

    def post(self, request, pk):
        programme = _programme(request, pk)
        form = ProgrammeForm(request.POST, instance=TrainingProgramme.objects.get(pk=programme.pk))
        if form.is_valid():
            try:
                services.programme_update(
                    user=request.user, programme=programme, data=form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect("training:programme_detail", pk=programme.pk)
        return render(
            request,
            "training/catalogue/programme_form.html",
            {"form": form, "programme": programme},
            status=400,
        )


class ProgrammeDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        programme = _programme(request, pk)
        today = timezone.localdate()
        return render(
            request,
            "training/catalogue/programme_detail.html",
            {
                "programme": programme,
                "sessions": selectors.programme_sessions(user=request.user, programme=programme),
                "expires_soon": services.expires_soon(programme, today),
                "session_kind": services.session_kind_for(programme),
            },
        )


class ProgrammePublishView(StaffRequiredMixin, View):
    def post(self, request, pk):
        programme = _programme(request, pk)
        published = request.POST.get("published") == "1"
        try:
            services.programme_publish(user=request.user, programme=programme, published=published)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The programme is in the public catalogue.")
                if published
                else _("The programme is taken out of the public catalogue."),
            )
        return redirect("training:programme_detail", pk=programme.pk)


class SessionScheduleView(StaffRequiredMixin, View):
    def _page(self, request, programme, form, status=200):
        return render(
            request,
            "training/catalogue/session_form.html",
            {"programme": programme, "form": form},
            status=status,
        )

    def get(self, request, pk):
        programme = _programme(request, pk)
        return self._page(request, programme, SessionForm(programme=programme))

    def post(self, request, pk):
        programme = _programme(request, pk)
        form = SessionForm(request.POST, programme=programme)
        if form.is_valid():
            try:
                session = services.session_schedule(
                    user=request.user,
                    programme=programme,
                    data=form.service_data(),
                    capacity=form.cleaned_data["capacity"],
                    closes_at=form.cleaned_data["closes_at"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The session is scheduled and open for sign-up on its event page.")
                )
                return redirect("core:activity_detail", pk=session.activity_id)
        return self._page(request, programme, form, status=400)


def expiring_dashboard_panel(request) -> dict | None:
    """The dashboard's word to a programme's owner: its accreditation ends within six
    months (None when nothing of the reader's does)."""
    programmes = selectors.expiring_programmes(user=request.user)
    if not programmes:
        return None
    return {"programmes": programmes}
