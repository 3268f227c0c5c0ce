"""The staff's pages of licence points per person, under /staff/training/people/: the
directory searched by name, e-mail or licence number; a person's record by year with
the totals; a training held elsewhere added, corrected or removed with its evidence;
the evidence itself; the person's transcript as a PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import Person
from pzss.documents.models import DocumentStatus
from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from training import points_selectors as selectors
from training import points_services as services
from training.models import ExternalTraining
from training.points_forms import ExternalTrainingForm


def _person(request, pk: int) -> Person:
    return get_for_user_or_404(selectors.person_for_staff, user=request.user, pk=pk)


def _training(request, person: Person, training_pk: int) -> ExternalTraining:
    return get_for_user_or_404(
        selectors.external_training_for_staff, user=request.user, person=person, pk=training_pk
    )


def _record_url(person: Person) -> str:
    return reverse("training:person", kwargs={"pk": person.pk})


class PeopleListView(StaffRequiredMixin, View):
    def get(self, request):
        q = request.GET.get("q", "").strip()[:100]
        page = selectors.people_page(user=request.user, q=q, number=request.GET.get("page"))
        return render(request, "training/points/people_list.html", {"page_obj": page, "q": q})


class PersonRecordView(StaffRequiredMixin, View):
    def get(self, request, pk):
        person = _person(request, pk)
        return render(
            request,
            "training/points/person_record.html",
            {"person": person, "record": selectors.person_record(person)},
        )


class ExternalTrainingCreateView(StaffRequiredMixin, View):
    template = "training/points/external_form.html"

    def get(self, request, pk):
        person = _person(request, pk)
        return render(request, self.template, {"person": person, "form": ExternalTrainingForm()})

    def post(self, request, pk):
        person = _person(request, pk)
        form = ExternalTrainingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.external_training_add(
                    user=request.user,
                    person=person,
                    data=form.service_data(),
                    upload=form.cleaned_data["evidence"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The training is on the person's record."))
                return redirect(_record_url(person))
        return render(request, self.template, {"person": person, "form": form}, status=400)


class ExternalTrainingEditView(StaffRequiredMixin, View):
    template = "training/points/external_form.html"

    def get(self, request, pk, training_pk):
        person = _person(request, pk)
        training = _training(request, person, training_pk)
        form = ExternalTrainingForm(instance=training, editing=True)
        return render(
            request, self.template, {"person": person, "training": training, "form": form}
        )

    def post(self, request, pk, training_pk):
        person = _person(request, pk)
        training = _training(request, person, training_pk)
        form = ExternalTrainingForm(
            request.POST,
            request.FILES,
            instance=ExternalTraining.objects.get(pk=training.pk),
            editing=True,
        )
        if form.is_valid():
            try:
                services.external_training_update(
                    user=request.user,
                    training=training,
                    data=form.service_data(),
                    upload=form.cleaned_data["evidence"] or None,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The training is saved."))
                return redirect(_record_url(person))
        return render(
            request,
            self.template,
            {"person": person, "training": training, "form": form},
            status=400,
        )


class ExternalTrainingDeleteView(StaffRequiredMixin, View):
    def post(self, request, pk, training_pk):
        person = _person(request, pk)
        training = _training(request, person, training_pk)
        services.external_training_delete(user=request.user, training=training)
        messages.success(request, _("The training and its evidence are removed."))
        return redirect(_record_url(person))


class ExternalTrainingEvidenceView(StaffRequiredMixin, View):
    def get(self, request, pk, training_pk):
        training = _training(request, _person(request, pk), training_pk)
        return FileResponse(
            training.evidence.open("rb"),
            as_attachment=training.evidence_content_type != "application/pdf",
            filename=training.evidence_name or f"evidence-{training.pk}",
            content_type=training.evidence_content_type,
        )


class PersonTranscriptView(StaffRequiredMixin, View):
    """200 with the PDF when it is ready; otherwise it is queued (once for the same
    record) and a page polls its progress (202)."""

    def get(self, request, pk):
        person = _person(request, pk)
        document = services.transcript_document_request(person=person, user=request.user)
        if document.status == DocumentStatus.READY:
            return FileResponse(
                document.file.open("rb"),
                filename=f"{document.title[:80]}.pdf",
                content_type="application/pdf",
            )
        return render(
            request,
            "training/points/staff_transcript_status.html",
            {"person": person, "document": document},
            status=202,
        )
