"""The participants panel of the activity page and what it posts to: add a person from
the directory or typed in, remove one (a cancellation), import a list after a preview.
Every write goes through the sign-up services, so seats and the waiting list hold."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pzss.core import selectors as core_selectors
from pzss.core.views import activity_page_context
from pzss.events import selectors
from pzss.events.forms import ExistingParticipantForm, ImportForm, NewParticipantForm
from pzss.events.services import participants as participant_services
from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404

# The salt's text predates the move to this app: previews made before it still confirm.
IMPORT_SALT = "pzss.core.participant-import"
PARTICIPANTS_TEMPLATE = "events/staff/_participants.html"


def _import_salt(activity) -> str:
    # A preview is confirmed only for the activity it was made for.
    return f"{IMPORT_SALT}:{activity.pk}"


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
    """Step 1: upload a list and see what would happen to each row. Step 2: confirm the
    valid rows. Nothing is written before step 2, and step 2 writes all or nothing."""

    def get(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
        return render(
            request,
            "events/staff/participant_import.html",
            {"activity": activity, "form": ImportForm()},
        )

    def post(self, request, pk):
        activity = get_for_user_or_404(core_selectors.activity_for_user, user=request.user, pk=pk)
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
                "events/staff/participant_import.html",
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
            "events/staff/participant_import.html",
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
            return redirect("events_staff:participant_import", pk=activity.pk)
        try:
            count = participant_services.participants_import(
                user=request.user, activity=activity, rows=rows
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("events_staff:participant_import", pk=activity.pk)
        messages.success(request, _("%(count)d participants imported.") % {"count": count})
        return redirect(reverse("core:activity_detail", args=[activity.pk]) + "#participants")
