"""The student practice's staff pages: the year's agreements (a mentor's own students
on top), an agreement with its students and their progress to the hours, a student's
hours log with the mentor's confirmations and the certificate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pzss.lib.forms import add_service_errors
from pzss.lib.roles import StaffRequiredMixin
from pzss.lib.shortcuts import get_for_user_or_404
from training import practice_selectors as selectors
from training import practice_services as services
from training.models import PracticeAgreement, PracticeStatus
from training.practice_forms import AgreementForm, HoursForm, StudentForm, WithdrawForm


def _agreement(request, pk: int) -> PracticeAgreement:
    return get_for_user_or_404(selectors.agreement_for_staff, user=request.user, pk=pk)


def _student(request, pk: int):
    return get_for_user_or_404(selectors.student_for_staff, user=request.user, pk=pk)


def _year(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


class AgreementListView(StaffRequiredMixin, View):
    def get(self, request):
        years = selectors.agreement_years(user=request.user)
        year = _year(request.GET.get("year"))
        if year is None and "year" not in request.GET:
            today = timezone.localdate().year
            year = today if today in years else (years[0] if years else None)
        return render(
            request,
            "training/practice/agreement_list.html",
            {
                "agreements": selectors.agreements_of_year(user=request.user, year=year),
                "year": year,
                "years": years,
                "mine": selectors.my_students(user=request.user),
            },
        )


class AgreementCreateView(StaffRequiredMixin, View):
    template = "training/practice/agreement_form.html"

    def get(self, request):
        form = AgreementForm(
            initial={"coordinator": request.user, "year": timezone.localdate().year}
        )
        return render(request, self.template, {"form": form})

    def post(self, request):
        form = AgreementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                agreement = services.agreement_create(
                    user=request.user,
                    data=form.service_data(),
                    upload=form.cleaned_data.get("upload"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The agreement is saved."))
                return redirect(agreement.get_absolute_url())
        return render(request, self.template, {"form": form}, status=400)


class AgreementEditView(StaffRequiredMixin, View):
    template = "training/practice/agreement_form.html"

    def get(self, request, pk):
        agreement = _agreement(request, pk)
        form = AgreementForm(instance=agreement)
        return render(request, self.template, {"form": form, "agreement": agreement})

    def post(self, request, pk):
        agreement = _agreement(request, pk)
        form = AgreementForm(
            request.POST, request.FILES, instance=PracticeAgreement.objects.get(pk=agreement.pk)
        )
        if form.is_valid():
            try:
                services.agreement_update(
                    user=request.user,
                    agreement=agreement,
                    data=form.service_data(),
                    upload=form.cleaned_data.get("upload"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The agreement is saved."))
                return redirect(agreement.get_absolute_url())
        return render(request, self.template, {"form": form, "agreement": agreement}, status=400)


class AgreementFileView(StaffRequiredMixin, View):
    def get(self, request, pk):
        agreement = _agreement(request, pk)
        if not agreement.file:
            raise Http404
        return FileResponse(
            agreement.file.open("rb"),
            as_attachment=agreement.file_content_type != "application/pdf",
            filename=agreement.file_name or f"agreement-{agreement.pk}",
            content_type=agreement.file_content_type or "application/octet-stream",
        )


def _agreement_page(request, agreement, *, student_form=None, status=200):
    rows = selectors.agreement_students(user=request.user, agreement=agreement)
    taken = sum(1 for r in rows if r.student.status != PracticeStatus.WITHDRAWN)
    return render(
        request,
        "training/practice/agreement_detail.html",
        {
            "agreement": agreement,
            "rows": rows,
            "taken": taken,
            "places_left": max(agreement.max_students - taken, 0),
            "student_form": student_form
            or StudentForm(initial={"mentor": request.user, "start_date": timezone.localdate()}),
        },
        status=status,
    )


class AgreementDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        return _agreement_page(request, _agreement(request, pk))


class StudentAddView(StaffRequiredMixin, View):
    def post(self, request, pk):
        agreement = _agreement(request, pk)
        form = StudentForm(request.POST)
        if form.is_valid():
            try:
                student = services.practice_student_add(
                    user=request.user, agreement=agreement, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(name)s is in practice.") % {"name": student.person.full_name}
                )
                return redirect(agreement.get_absolute_url())
        return _agreement_page(request, agreement, student_form=form, status=400)


def _student_page(request, student, *, hours_form=None, status=200):
    row = selectors.StudentRow(student, student.agreement.hours_per_student)
    return render(
        request,
        "training/practice/student_detail.html",
        {
            "student": student,
            "agreement": student.agreement,
            "row": row,
            "entries": selectors.student_hours(user=request.user, student=student),
            "hours_form": hours_form or HoursForm(initial={"date": timezone.localdate()}),
            "withdraw_form": WithdrawForm(),
            "can_confirm": services.can_confirm(request.user, student),
            "document": selectors.certificate_document(user=request.user, student=student),
        },
        status=status,
    )


class StudentDetailView(StaffRequiredMixin, View):
    def get(self, request, pk):
        return _student_page(request, _student(request, pk))


class HoursAddView(StaffRequiredMixin, View):
    def post(self, request, pk):
        student = _student(request, pk)
        form = HoursForm(request.POST)
        if form.is_valid():
            try:
                services.hours_add(user=request.user, student=student, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The hours are logged."))
                return redirect(student.get_absolute_url())
        return _student_page(request, student, hours_form=form, status=400)


def _entry(request, pk):
    return get_for_user_or_404(selectors.entry_for_staff, user=request.user, pk=pk)


class HoursConfirmView(StaffRequiredMixin, View):
    def post(self, request, pk):
        entry = _entry(request, pk)
        try:
            services.hours_confirm(user=request.user, entry=entry)
        except PermissionDenied:
            messages.error(request, _("Only the student's mentor confirms the hours."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The entry is confirmed."))
        return redirect(entry.student.get_absolute_url())


class HoursDeleteView(StaffRequiredMixin, View):
    def post(self, request, pk):
        entry = _entry(request, pk)
        try:
            services.hours_delete(user=request.user, entry=entry)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The entry is removed."))
        return redirect(entry.student.get_absolute_url())


class StudentWithdrawView(StaffRequiredMixin, View):
    def post(self, request, pk):
        student = _student(request, pk)
        form = WithdrawForm(request.POST)
        form.is_valid()
        try:
            services.practice_student_withdraw(
                user=request.user, student=student, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The student left the practice; the place is free."))
        return redirect(student.get_absolute_url())


class CertificateView(StaffRequiredMixin, View):
    def post(self, request, pk):
        student = _student(request, pk)
        try:
            services.practice_certificate_issue(user=request.user, student=student)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The certificate is issued."))
        return redirect(student.get_absolute_url())


def practice_dashboard_panel(request) -> dict | None:
    """The staff dashboard's word to a mentor: their students in practice, their hours,
    and how many wait for the mentor's confirmation."""
    mine = selectors.my_students(user=request.user)
    if not mine:
        return None
    return {"mine": mine, "waiting": sum(1 for r in mine if r.unconfirmed)}
