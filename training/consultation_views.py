"""The consultations log's staff pages: the list with its filters and counts per
subject and month, and the form to enter or edit one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from training import consultation_selectors as selectors
from training import consultation_services as services
from training.consultation_forms import ConsultationForm
from training.models import Consultation, ConsultationSubject


class ConsultationListView(StaffRequiredMixin, View):
    def get(self, request):
        filters = selectors.ConsultationFilters.from_query(request.GET)
        year = filters.year or timezone.localdate().year
        return render(
            request,
            "training/consultations/list.html",
            {
                "page_obj": selectors.consultations_page(
                    user=request.user, filters=filters, number=request.GET.get("page")
                ),
                "filters": filters,
                "counts": selectors.consultation_counts(
                    user=request.user, filters=filters, year=year
                ),
                "counts_year": year,
                "years": selectors.consultation_years(user=request.user),
                "subjects": ConsultationSubject.choices,
                "advisers": selectors.advisers(user=request.user),
            },
        )


class ConsultationCreateView(StaffRequiredMixin, View):
    template = "training/consultations/form.html"

    def get(self, request):
        form = ConsultationForm(initial={"adviser": request.user, "date": timezone.localdate()})
        return render(request, self.template, {"form": form})

    def post(self, request):
        form = ConsultationForm(request.POST)
        if form.is_valid():
            try:
                services.consultation_create(
                    user=request.user, data=form.service_data(), email=form.email_value()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The consultation is in the log."))
                return redirect(reverse("training:consultations"))
        return render(request, self.template, {"form": form}, status=400)


class ConsultationEditView(StaffRequiredMixin, View):
    template = "training/consultations/form.html"

    def _consultation(self, request, pk) -> Consultation:
        return get_for_user_or_404(selectors.consultation_for_staff, user=request.user, pk=pk)

    def get(self, request, pk):
        consultation = self._consultation(request, pk)
        form = ConsultationForm(
            instance=consultation,
            initial={"email": consultation.person.email if consultation.person else ""},
        )
        return render(request, self.template, {"form": form, "consultation": consultation})

    def post(self, request, pk):
        consultation = self._consultation(request, pk)
        form = ConsultationForm(request.POST, instance=Consultation.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.consultation_update(
                    user=request.user,
                    consultation=consultation,
                    data=form.service_data(),
                    email=form.email_value(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The consultation is saved."))
                return redirect(reverse("training:consultations"))
        return render(
            request, self.template, {"form": form, "consultation": consultation}, status=400
        )
