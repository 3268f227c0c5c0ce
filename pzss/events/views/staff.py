"""Staff pages of an event's sign-up: registrations with counts and decisions, sign-up
options, adding by hand, messages, exports, the sign-in sheet, attendance (phone-first,
htmx toggles) and certificates."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from pzss.core.models import Activity, Registration, RegistrationStatus
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.events import documents as certificate_docs
from pzss.events import selectors
from pzss.events.exports import (
    CONTENT_TYPES,
    REGISTRATIONS_EXPORT,
    registrations_csv,
    registrations_filename,
    registrations_xlsx,
)
from pzss.events.forms import (
    AddRegistrationForm,
    CertificateRevokeForm,
    MessageForm,
    MoveForm,
    QuestionFormSet,
    RejectForm,
    SignupOptionsForm,
)
from pzss.events.models import SIGNUP_OPTION_FIELDS, Certificate
from pzss.events.services import attendance, certificates, decisions, participants, signup, waitlist
from pzss.events.services import messages as event_messages
from pzss.events.views.rows import registration_rows
from pzss.lib.forms import add_service_errors
from pzss.lib.jobs import queue_job
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404

STATUS_TABS = [
    (RegistrationStatus.CONFIRMED, "confirmed"),
    (RegistrationStatus.PENDING, "pending"),
    (RegistrationStatus.WAITLISTED, "waitlisted"),
    (RegistrationStatus.ATTENDED, "attended"),
    (RegistrationStatus.ABSENT, "absent"),
    (RegistrationStatus.CANCELLED, "cancelled"),
    (RegistrationStatus.REJECTED, "rejected"),
]


def _event(request, pk) -> Activity:
    return get_for_user_or_404(selectors.event_for_user, user=request.user, pk=pk)


def _registration(request, activity, registration_pk) -> Registration:
    return get_for_user_or_404(
        selectors.registration_for_user,
        user=request.user,
        pk=registration_pk,
        activity_id=activity.pk,
    )


def _back(activity, status: str = "") -> str:
    url = reverse("events_staff:list", args=[activity.pk])
    return f"{url}?status={status}" if status else url


def _error(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class RegistrationListView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = _event(request, pk)
        status = request.GET.get("status") or ""
        if status not in RegistrationStatus.values:
            status = ""
        page = selectors.event_registrations_page(
            user=request.user, activity=activity, status=status, number=request.GET.get("page")
        )
        questions = list(activity.questions.all())
        registration_rows(page.object_list, activity, questions)
        counts = selectors.registration_counts(activity)
        signin = (
            Document.objects.filter(kind=certificate_docs.SIGNIN_SHEET, object_id=activity.pk)
            .order_by("-created_at")
            .first()
        )
        return render(
            request,
            "events/staff/list.html",
            {
                "activity": activity,
                "signup": selectors.event_signup(activity),
                "registrations": page.object_list,
                "page_obj": page,
                "counts": counts,
                "status": status,
                "tabs": [(value, RegistrationStatus(value).label) for value, _css in STATUS_TABS],
                "seats_left": selectors.seats_left(activity),
                "questions": questions,
                "signin": signin,
                "certificates_count": Certificate.objects.filter(activity=activity).count(),
                "unsent_certificates": Certificate.objects.filter(
                    activity=activity, emailed_at__isnull=True, revoked_at__isnull=True
                ).count(),
                "public_url": selectors.event_url(activity),
                "reject_form": RejectForm(),
                "move_form": MoveForm(),
            },
        )


class SignupSettingsView(StaffRequiredMixin, View):
    def _initial(self, activity):
        signup = selectors.event_signup(activity)
        if signup is None:
            return {
                "capacity": activity.capacity,
                "is_open": True,
                "admission": "groups" if activity.standing_group_id else "anyone",
                "admitted_groups": [activity.standing_group_id]
                if activity.standing_group_id
                else [],
            }, []
        initial = {name: getattr(signup, name) for name in SIGNUP_OPTION_FIELDS}
        for name in ("opens_at", "closes_at"):  # shown in the institute's time
            initial[name] = timezone.localtime(initial[name]) if initial[name] else None
        initial |= {
            "capacity": activity.capacity,
            "admitted_groups": list(signup.admitted_groups.all()),
        }
        return initial, [
            {
                "id": q.pk,
                "label": q.label,
                "kind": q.kind,
                "choices": "\n".join(q.choices),
                "required": q.required,
            }
            for q in activity.questions.all()
        ]

    def get(self, request, pk):
        activity = _event(request, pk)
        initial, questions = self._initial(activity)
        return self._render(
            request,
            activity,
            SignupOptionsForm(initial=initial),
            QuestionFormSet(initial=questions, prefix="q"),
        )

    def post(self, request, pk):
        activity = _event(request, pk)
        form = SignupOptionsForm(request.POST)
        formset = QuestionFormSet(request.POST, prefix="q")
        if form.is_valid() and formset.is_valid():
            questions = [
                {
                    "id": f.cleaned_data.get("id"),
                    "label": f.cleaned_data["label"],
                    "kind": f.cleaned_data["kind"],
                    "choices": f.cleaned_data["choice_list"],
                    "required": f.cleaned_data["required"],
                }
                for f in formset.forms
                if f.cleaned_data.get("label") and not f.cleaned_data.get("DELETE")
            ]
            try:
                signup.signup_configure(
                    user=request.user,
                    activity=activity,
                    capacity=form.cleaned_data["capacity"],
                    options=form.options(),
                    groups=form.cleaned_data["admitted_groups"],
                    questions=questions,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The sign-up options are saved."))
                return redirect(_back(activity))
        return self._render(request, activity, form, formset, status=400)

    def _render(self, request, activity, form, formset, status=200):
        return render(
            request,
            "events/staff/settings.html",
            {"activity": activity, "form": form, "formset": formset},
            status=status,
        )


class DecisionView(StaffRequiredMixin, View):
    """A staff decision on one registration of an event: the event and the registration
    loaded through the selectors that take the user, the decision's own input (its form,
    when it has one) checked first, one service called, and a refusal turned into a
    message; then back to the list, or to htmx the changed fragment."""

    service = None  # staticmethod(...): called with user=, registration= and the input
    form_class = None
    invalid_message = ""  # said when the form is not filled in
    success_message = ""  # said when the service succeeds; "" says nothing
    fragment_template = ""  # what htmx gets back; "" sends htmx the redirect too

    def post(self, request, pk, registration_pk):
        activity = _event(request, pk)
        arguments = self.arguments(request, activity)
        if arguments is None:
            messages.error(request, self.invalid_message)
            return redirect(self.back_url(request, activity, {}))
        registration = _registration(request, activity, registration_pk)
        try:
            result = self.service(user=request.user, registration=registration, **arguments)
        except ValidationError as exc:
            if request.htmx and self.fragment_template:
                return HttpResponse(" ".join(exc.messages), status=400)
            _error(request, exc)
        else:
            if self.success_message:
                messages.success(request, self.success(result))
        if request.htmx and self.fragment_template:
            return self.fragment(request, activity, registration, arguments)
        return redirect(self.back_url(request, activity, arguments))

    def arguments(self, request, activity) -> dict | None:
        """What the service takes besides the user and the registration; None when the
        form is not filled in."""
        if self.form_class is None:
            return {}
        form = self.form_class(request.POST)
        return form.cleaned_data if form.is_valid() else None

    def success(self, result) -> str:
        return str(self.success_message)

    def back_url(self, request, activity, arguments) -> str:
        return _back(activity, request.POST.get("back", ""))

    def fragment(self, request, activity, registration, arguments):
        raise NotImplementedError


class ApproveView(DecisionView):
    service = staticmethod(decisions.registration_approve)
    success_message = gettext_lazy("Approved; the person is told by e-mail.")


class RejectView(DecisionView):
    service = staticmethod(decisions.registration_reject)
    form_class = RejectForm
    invalid_message = gettext_lazy("Say why the sign-up is rejected.")
    success_message = gettext_lazy("Rejected; the person is told by e-mail.")


class CancelView(DecisionView):
    """Staff cancel on someone's behalf (they phoned)."""

    service = staticmethod(decisions.registration_cancel)
    success_message = gettext_lazy("Cancelled; a freed seat went to the waiting list.")


class MoveView(DecisionView):
    service = staticmethod(waitlist.waitlist_move)
    form_class = MoveForm
    invalid_message = gettext_lazy("Give the new place and the reason for the move.")
    success_message = gettext_lazy("Moved to place %(n)d.")

    def success(self, result) -> str:
        return str(self.success_message) % {"n": result}

    def back_url(self, request, activity, arguments) -> str:
        return _back(activity, RegistrationStatus.WAITLISTED)


class FillSeatsView(StaffRequiredMixin, View):
    def post(self, request, pk):
        activity = _event(request, pk)
        promoted = waitlist.seats_fill(user=request.user, activity=activity)
        messages.success(
            request,
            _("%(n)d people got a seat from the waiting list.") % {"n": len(promoted)},
        )
        return redirect(_back(activity))


class AddRegistrationView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = _event(request, pk)
        return render(
            request,
            "events/staff/add.html",
            {"activity": activity, "form": AddRegistrationForm()},
        )

    def post(self, request, pk):
        activity = _event(request, pk)
        form = AddRegistrationForm(request.POST)
        if form.is_valid():
            try:
                registration = participants.registration_add_by_staff(
                    user=request.user, activity=activity, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is added: %(status)s.")
                    % {
                        "name": registration.person.full_name,
                        "status": registration.get_status_display(),
                    },
                )
                return redirect(_back(activity))
        return render(
            request,
            "events/staff/add.html",
            {"activity": activity, "form": form},
            status=400,
        )


class MessageView(StaffRequiredMixin, View):
    def get(self, request, pk):
        activity = _event(request, pk)
        initial = {"recipients": request.GET.get("to") or RegistrationStatus.CONFIRMED}
        return render(
            request,
            "events/staff/message.html",
            {
                "activity": activity,
                "form": MessageForm(initial=initial),
                "counts": selectors.registration_counts(activity),
            },
        )

    def post(self, request, pk):
        activity = _event(request, pk)
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                sent = event_messages.registrations_message(
                    user=request.user,
                    activity=activity,
                    statuses=[form.cleaned_data["recipients"]],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("%(n)d e-mails are on their way.") % {"n": sent})
                return redirect(_back(activity))
        return render(
            request,
            "events/staff/message.html",
            {
                "activity": activity,
                "form": form,
                "counts": selectors.registration_counts(activity),
            },
            status=400,
        )


class ExportView(StaffRequiredMixin, View):
    """The registrations (of one status tab, or all) as XLSX or CSV: written here when
    they are few, otherwise queued as a background job whose page shows the progress and
    then the download."""

    fmt = "xlsx"

    def get(self, request, pk):
        activity = _event(request, pk)
        status = request.GET.get("status") or None
        status = status if status in RegistrationStatus.values else None
        registrations = selectors.event_registrations(
            user=request.user, activity=activity, status=status
        )
        filename = registrations_filename(activity, self.fmt)
        if registrations.count() > settings.EXPORT_INLINE_MAX_ROWS:
            job = queue_job(
                kind=REGISTRATIONS_EXPORT,
                user=request.user,
                params={
                    "activity": activity.pk,
                    "status": status or "",
                    "format": self.fmt,
                    "filename": filename,
                },
                title=activity.title,
                back_url=_back(activity, status or ""),
            )
            return redirect(job.get_absolute_url())
        questions = list(activity.questions.all())
        make = registrations_csv if self.fmt == "csv" else registrations_xlsx
        body = make(activity, list(registrations), questions, get_language())
        response = HttpResponse(body, content_type=CONTENT_TYPES[self.fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SigninSheetView(StaffRequiredMixin, View):
    """Queue the printable sign-in sheet; the page shows its progress, then the download."""

    def post(self, request, pk):
        activity = _event(request, pk)
        document_request(
            kind=certificate_docs.SIGNIN_SHEET,
            obj=activity,
            language=get_language() or "sr",
            user=request.user,
        )
        messages.info(request, _("The sign-in sheet is being prepared."))
        return redirect(_back(activity) + "#documents")


class CertificatesIssueView(StaffRequiredMixin, View):
    def post(self, request, pk):
        activity = _event(request, pk)
        issued = certificates.certificates_issue(user=request.user, activity=activity)
        messages.success(
            request,
            _("%(n)d certificates issued; the PDFs are rendered in the background.")
            % {"n": len(issued)},
        )
        return redirect(_back(activity, RegistrationStatus.ATTENDED))


class CertificatesEmailView(StaffRequiredMixin, View):
    def post(self, request, pk):
        activity = _event(request, pk)
        sent = certificates.certificates_email(user=request.user, activity=activity)
        messages.success(request, _("%(n)d certificates are on their way by e-mail.") % {"n": sent})
        return redirect(_back(activity, RegistrationStatus.ATTENDED))


class CertificateDocumentView(StaffRequiredMixin, View):
    """A certificate's PDF: the progress while it renders, then the download."""

    def get(self, request, pk, certificate_pk):
        activity = _event(request, pk)
        certificate = get_object_or_404(Certificate, pk=certificate_pk, activity=activity)
        document = certificate_docs.certificate_document_request(certificate.pk, request.user)
        return render(
            request,
            "events/staff/document.html",
            {"activity": activity, "document": document, "certificate": certificate},
        )


class CertificateRevokeView(StaffRequiredMixin, View):
    def post(self, request, pk, certificate_pk):
        activity = _event(request, pk)
        certificate = get_object_or_404(Certificate, pk=certificate_pk, activity=activity)
        form = CertificateRevokeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the certificate is revoked."))
            return redirect(_back(activity, RegistrationStatus.ATTENDED))
        try:
            certificates.certificate_revoke(
                user=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                _("Certificate %(number)s is revoked; the public check says so.")
                % {"number": certificate.number},
            )
        except ValidationError as exc:
            _error(request, exc)
        return redirect(_back(activity, RegistrationStatus.ATTENDED))


# --- attendance ------------------------------------------------------------------------------


def _day(activity, raw: str | None) -> dt.date:
    days = attendance.event_days(activity)
    try:
        wanted = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        wanted = None
    if wanted in days:
        return wanted
    today = timezone.localdate()
    return today if today in days else days[0]


def _mark(registration, day):
    for a in registration.attendance.all():
        if a.day == day:
            return a.present
    return None


class AttendanceView(StaffRequiredMixin, View):
    """Mark who is present, one day at a time, from a phone."""

    def get(self, request, pk):
        activity = _event(request, pk)
        day = _day(activity, request.GET.get("day"))
        rows = list(selectors.attendance_rows(user=request.user, activity=activity))
        for r in rows:
            r.mark = _mark(r, day)
        return render(
            request,
            "events/staff/attendance.html",
            {
                "activity": activity,
                "day": day,
                "days": attendance.event_days(activity),
                "rows": rows,
                "present_count": sum(1 for r in rows if r.mark is True),
            },
        )


class AttendanceMarkView(DecisionView):
    """Present or absent on one day: htmx gets the row back, a plain form the day's page."""

    service = staticmethod(attendance.attendance_mark)
    fragment_template = "events/staff/_attendance_row.html"

    def arguments(self, request, activity) -> dict:
        return {
            "day": _day(activity, request.POST.get("day")),
            "present": request.POST.get("present") == "1",
        }

    def fragment(self, request, activity, registration, arguments):
        registration = (
            Registration.objects.select_related("person", "institution")
            .prefetch_related("attendance")
            .get(pk=registration.pk)
        )
        registration.mark = _mark(registration, arguments["day"])
        return render(
            request,
            self.fragment_template,
            {"activity": activity, "r": registration, "day": arguments["day"]},
        )

    def back_url(self, request, activity, arguments) -> str:
        day = arguments["day"]
        return reverse("events_staff:attendance", args=[activity.pk]) + f"?day={day.isoformat()}"
