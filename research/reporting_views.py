"""An institution's own pages (`/reporting/`): its data sets and periods, the period's
form, the XLSX template and its upload, the versions sent and the institute's comments.
Only an institution's login opens them (`institution_required`), and every object is read
through a selector filtered by its institution: another centre's period is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pzss.lib.roles import institution_required, is_institution_user
from pzss.lib.xlsx import XLSX_CONTENT_TYPE
from research.form_services import version_in_use
from research.models import SubmissionStatus
from research.submission_forms import (
    FiguresForm,
    UploadForm,
    compare,
    initial_of,
    mark_invalid,
)
from research.submission_selectors import (
    latest_return,
    own_period,
    reporting_home,
    versions_of,
)
from research.submission_services import (
    submission_correct,
    submission_save_and_submit,
    submission_save_draft,
    submission_upload_xlsx,
)
from research.submission_xlsx import template_xlsx
from research.validation import Form


def landing(request):
    """Where a login lands: an institution's login on its reporting pages (the staff
    dashboard is not theirs), everyone else on the dashboard as before."""
    if is_institution_user(request.user):
        return redirect("reporting:home")
    return redirect("core:dashboard")


@institution_required
def home(request):
    institution, data_sets = reporting_home(request.user)
    return render(
        request,
        "research/reporting/home.html",
        {"institution": institution, "data_sets": data_sets},
    )


def period_context(*, period, institution, submission, form=None, upload_form=None) -> dict:
    """What the period's page shows; also the staff's «enter figures for a centre» page."""
    form_version = version_in_use(period.data_set)
    figures_form = Form.of(form_version)
    current = submission.current_version if submission else None
    editable = not period.is_closed and (
        submission is None
        or submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
    )
    if form is None:
        form = FiguresForm(
            figures_form=figures_form,
            initial=initial_of(figures_form, current.values if current else {}),
        )
    versions = versions_of(submission)
    return {
        "period": period,
        "institution": institution,
        "submission": submission,
        "form": form,
        "upload_form": upload_form or UploadForm(),
        "editable": editable,
        "correctable": bool(
            submission and submission.status == SubmissionStatus.ACCEPTED and not period.is_closed
        ),
        "versions": versions,
        "returned": latest_return(versions),
        "compare": compare(figures_form.fields, versions) if len(versions) > 1 else [],
        "form_version": form_version,
    }


@institution_required
def period_detail(request, pk: int):
    period, institution, submission = own_period(request.user, pk)
    form = None
    if request.method == "POST":
        form = FiguresForm(request.POST, figures_form=Form.of(version_in_use(period.data_set)))
        if form.is_valid():
            submit = "submit" in request.POST
            service = submission_save_and_submit if submit else submission_save_draft
            try:
                service(user=request.user, period=period, institution=institution, raw=form.raw())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("The figures are submitted to the institute.")
                    if submit
                    else _("The draft is saved. Submit it when it is complete."),
                )
                return redirect("reporting:period", pk=period.pk)
    context = period_context(
        period=period, institution=institution, submission=submission, form=form
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "research/reporting/period.html", context, status=status)


@institution_required
def template_download(request, pk: int):
    period, institution, submission = own_period(request.user, pk)
    content = template_xlsx(
        form_version=version_in_use(period.data_set),
        period=period,
        institution=institution,
        current=submission.current_version if submission else None,
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"{period.data_set.code}-{period.start:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@institution_required
@require_POST
def upload(request, pk: int):
    period, institution, submission = own_period(request.user, pk)
    upload_form = UploadForm(request.POST, request.FILES)
    if upload_form.is_valid():
        try:
            submission_upload_xlsx(
                user=request.user,
                period=period,
                institution=institution,
                upload=upload_form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                upload_form.add_error("file", message)
            mark_invalid(upload_form)
        else:
            messages.success(
                request, _("The figures from the file are saved as a draft: check them and submit.")
            )
            return redirect("reporting:period", pk=period.pk)
    context = period_context(
        period=period, institution=institution, submission=submission, upload_form=upload_form
    )
    return render(request, "research/reporting/period.html", context, status=400)


@institution_required
@require_POST
def correct(request, pk: int):
    period, _institution, submission = own_period(request.user, pk)
    if submission is None:
        raise Http404  # nothing sent for the period: nothing to correct
    try:
        submission_correct(user=request.user, submission=submission)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(
            request,
            _(
                "A correction is open as a new version; the accepted figures count until "
                "it is accepted."
            ),
        )
    return redirect(reverse("reporting:period", kwargs={"pk": period.pk}))
