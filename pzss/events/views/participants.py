"""The participants panel of the activity page and what it posts to: add a person from
the directory or typed in, remove one (a cancellation), import a list after a preview
(both run as background jobs, `pzss.events.jobs`). Every write goes through the sign-up
services, so seats and the waiting list hold."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View

from pzss.core import selectors as core_selectors
from pzss.core.views import activity_page_context
from pzss.documents.models import Job
from pzss.documents.selectors import job_for_user
from pzss.events import jobs as import_jobs
from pzss.events import selectors
from pzss.events.forms import ExistingParticipantForm, ImportForm, NewParticipantForm
from pzss.events.services import participants as participant_services
from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404

PARTICIPANTS_TEMPLATE = "events/staff/_participants.html"


def participants_panel(request, activity, *, existing_form=None, new_form=None) -> dict:
    """The context of the activity page's participants panel (registered in apps.py);
    the registrations come prefetched by the activity page's selector. Its count says
    participants (`Registration.is_participating`); the waiting list, the absent, the
    cancelled and the rejected are listed apart, each with their status."""
    registrations = list(activity.registrations.all())
    return {
        "participants": [r for r in registrations if r.is_participating],
        "not_participating": [r for r in registrations if not r.is_participating],
        "existing_form": existing_form or ExistingParticipantForm(),
        "new_form": new_form or NewParticipantForm(prefix="new"),
    }


class ParticipantAddView(StaffRequiredMixin, View):
    """Add a participant: one picked from the directory, or a new person typed inline.
    Answers with the participants fragment for htmx, or redirects."""

    def post(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
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
            activity = core_selectors.activity_detail(user=request.user, pk=pk)
            forms = {"existing_form": existing_form, "new_form": new_form}
            if request.htmx:
                context = {"activity": activity, **participants_panel(request, activity, **forms)}
                return render(request, PARTICIPANTS_TEMPLATE, context)
            context = activity_page_context(request, activity, panels={"participants": forms})
            return render(request, "core/activity_detail.html", context, status=400)
        return redirect(reverse("core:activity_detail", args=[pk]) + "#participants")


class ParticipantRemoveView(StaffRequiredMixin, View):
    def post(self, request, pk, registration_pk):
        registration = get_for_user_or_404(
            selectors.registration_for_user, user=request.user, pk=registration_pk, activity_id=pk
        )
        try:
            participant_services.participant_remove(user=request.user, registration=registration)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The participant is removed."))
        return redirect(reverse("core:activity_detail", args=[pk]) + "#participants")


class ParticipantImportView(StaffRequiredMixin, View):
    """Step 1: upload a list; a background job shows what would happen to each row.
    Step 2: confirm the valid rows; a second job writes them, all or nothing. The request
    only stores the file and queues: a long list never holds a web worker."""

    def get(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
        return self._page(request, activity, ImportForm())

    def _page(self, request, activity, form, status=200):
        caps = {
            "max_rows": number_format(participant_services.IMPORT_MAX_ROWS, force_grouping=True),
            "max_cells": number_format(participant_services.IMPORT_MAX_CELLS, force_grouping=True),
            "max_unpacked": filesizeformat(participant_services.IMPORT_MAX_UNPACKED_BYTES),
        }
        return render(
            request,
            "events/staff/participant_import.html",
            {"activity": activity, "form": form, **caps},
            status=status,
        )

    def post(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
        if "confirm" in request.POST:
            return self._confirm(request, activity)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, activity, form, status=400)
        job = import_jobs.participants_import_preview_request(
            user=request.user,
            activity=activity,
            upload=form.cleaned_data["file"],
            back_url=reverse("events_staff:participant_import", args=[activity.pk]),
        )
        return redirect(job.get_absolute_url())

    def _confirm(self, request, activity):
        try:
            preview = job_for_user(user=request.user, pk=int(request.POST.get("job", "")))
        except (ValueError, Job.DoesNotExist):
            preview = None
        try:
            job = import_jobs.participants_import_request(
                user=request.user, activity=activity, preview=preview
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("events_staff:participant_import", pk=activity.pk)
        return redirect(job.get_absolute_url())
