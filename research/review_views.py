"""The institute's review of submissions (`staff/research/data/review/`): what waits for
review, a submission's figures with every version side by side, accept or return with a
comment (plain POST, then a redirect); and figures entered by staff for a centre (a
report phoned in), recorded as theirs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pzss.lib.roles import staff_required
from research.form_services import version_in_use
from research.reporting_views import period_context
from research.submission_forms import FiguresForm, ReturnForm, compare
from research.submission_selectors import (
    staff_period,
    submission_for_review,
    submissions_to_review,
    versions_of,
)
from research.submission_services import (
    submission_accept,
    submission_return,
    submission_save_and_submit,
    submission_save_draft,
)
from research.validation import Form


@staff_required
def review_list(request):
    return render(request, "research/review/list.html", {"submissions": submissions_to_review()})


def _detail_context(submission, return_form=None) -> dict:
    versions = versions_of(submission)
    form_version = submission.current_version.form if submission.current_version else None
    fields = Form.of(form_version).fields if form_version else ()
    return {
        "submission": submission,
        "versions": versions,
        "compare": compare(fields, versions),
        "return_form": return_form or ReturnForm(),
    }


@staff_required
def review_detail(request, pk: int):
    submission = submission_for_review(pk)
    return render(request, "research/review/detail.html", _detail_context(submission))


@staff_required
@require_POST
def review_accept(request, pk: int):
    submission = submission_for_review(pk)
    try:
        submission_accept(user=request.user, submission=submission)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Accepted; the centre is informed by e-mail."))
    return redirect("research:review:detail", pk=submission.pk)


@staff_required
@require_POST
def review_return(request, pk: int):
    submission = submission_for_review(pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            submission_return(
                user=request.user, submission=submission, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Returned for correction; the centre is informed by e-mail.")
            )
            return redirect("research:review:detail", pk=submission.pk)
    return render(
        request, "research/review/detail.html", _detail_context(submission, form), status=400
    )


@staff_required
def enter_for_centre(request, period_pk: int, institution_pk: int):
    """Staff fill in a centre's figures (the centre phoned or mailed them)."""
    period, institution, submission = staff_period(period_pk, institution_pk)
    form = None
    if request.method == "POST":
        form = FiguresForm(request.POST, figures_form=Form.of(version_in_use(period.data_set)))
        if form.is_valid():
            submit = "submit" in request.POST
            service = submission_save_and_submit if submit else submission_save_draft
            try:
                submission = service(
                    user=request.user, period=period, institution=institution, raw=form.raw()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Submitted for the centre.") if submit else _("Draft saved for the centre."),
                )
                if submit:
                    return redirect("research:review:detail", pk=submission.pk)
                return redirect(
                    "research:review:enter", period_pk=period.pk, institution_pk=institution.pk
                )
    context = period_context(
        period=period, institution=institution, submission=submission, form=form
    )
    context["staff_entry"] = True
    status = 400 if form is not None and form.errors else 200
    return render(request, "research/reporting/period.html", context, status=status)
