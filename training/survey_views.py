"""Staff pages of the needs survey, under /staff/training/surveys/: the list, a survey's
page (its texts, questions designed in the browser while it is a draft, the invited
institutions, opening, closing and publishing), its results and its report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pzss.lib.forms import add_service_errors
from pzss.lib.roles import staff_required
from training import survey_services as services
from training.models import NeedsSurvey, SurveyInvitation, SurveyQuestion
from training.survey_forms import InviteForm, QuestionForm, SurveyForm
from training.survey_public_views import pdf_response
from training.survey_results import rates_chart, survey_results


def _crumbs(survey: NeedsSurvey | None = None, *last: str):
    crumbs = [(reverse("training:surveys"), _("Needs surveys"))]
    if survey is not None:
        crumbs.append((survey.get_absolute_url(), survey.title))
    crumbs += [(None, text) for text in last]
    if len(crumbs) == 1 or (survey is not None and not last):
        crumbs[-1] = (None, crumbs[-1][1])
    return crumbs


def _refused(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@staff_required
def survey_list(request):
    surveys = NeedsSurvey.objects.annotate(
        invited=Count("invitations"),
        submitted=Count("invitations", filter=Q(invitations__submitted_at__isnull=False)),
    ).order_by("-year")
    return render(
        request,
        "training/surveys/list.html",
        {"surveys": surveys, "crumbs": [(None, _("Needs surveys"))]},
    )


@staff_required
def survey_create(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey is started as a draft: add its questions."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "training/surveys/form.html",
        {"form": form, "crumbs": _crumbs(None, _("New survey"))},
    )


@staff_required
def survey_edit(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    if survey.is_published:
        messages.error(request, _("A published survey is not changed."))
        return redirect(survey.get_absolute_url())
    form = SurveyForm(request.POST or None, instance=NeedsSurvey.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(user=request.user, survey=survey, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey is saved."))
            return redirect(survey.get_absolute_url())
    return render(
        request,
        "training/surveys/form.html",
        {"form": form, "survey": survey, "crumbs": _crumbs(survey, _("Edit"))},
    )


@staff_required
def survey_detail(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    questions = list(survey.questions.order_by("order", "pk"))
    counts = survey.invitations.aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        opened=Count("pk", filter=Q(first_opened_at__isnull=False)),
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
    )
    return render(
        request,
        "training/surveys/detail.html",
        {
            "survey": survey,
            "questions": questions,
            "counts": counts,
            "question_form": QuestionForm() if survey.is_draft else None,
            "crumbs": _crumbs(survey),
        },
    )


@staff_required
def question_add(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(user=request.user, survey=survey, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect(survey.get_absolute_url() + "#questions")
    return render(
        request,
        "training/surveys/question_form.html",
        {"form": form, "survey": survey, "crumbs": _crumbs(survey, _("New question"))},
    )


@staff_required
def question_edit(request, pk: int):
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk)
    survey = question.survey
    form = QuestionForm(request.POST or None, instance=SurveyQuestion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(user=request.user, question=question, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is saved."))
            return redirect(survey.get_absolute_url() + "#questions")
    return render(
        request,
        "training/surveys/question_form.html",
        {
            "form": form,
            "survey": survey,
            "question": question,
            "crumbs": _crumbs(survey, _("Edit the question")),
        },
    )


@staff_required
@require_POST
def question_delete(request, pk: int):
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk)
    try:
        services.question_delete(user=request.user, question=question)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The question is deleted."))
    return redirect(question.survey.get_absolute_url() + "#questions")


@staff_required
@require_POST
def question_move(request, pk: int):
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk)
    try:
        services.question_move(
            user=request.user, question=question, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(question.survey.get_absolute_url() + "#questions")


@staff_required
def invitations(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invitations_add(
                user=request.user,
                survey=survey,
                institutions=form.chosen(),
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Institutions invited: %(n)s.") % {"n": len(created)})
            return redirect(reverse("training:survey_invitations", kwargs={"pk": survey.pk}))
    rows = (
        SurveyInvitation.objects.filter(survey=survey)
        .select_related("institution__municipality__district")
        .order_by("institution__name")
    )
    return render(
        request,
        "training/surveys/invitations.html",
        {
            "survey": survey,
            "form": form,
            "invitations": rows,
            "crumbs": _crumbs(survey, _("Invited institutions")),
        },
    )


@staff_required
@require_POST
def invitation_resend(request, pk: int):
    invitation = get_object_or_404(SurveyInvitation.objects.select_related("survey"), pk=pk)
    try:
        services.invitation_resend(user=request.user, invitation=invitation)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The invitation is sent again."))
    return redirect(reverse("training:survey_invitations", kwargs={"pk": invitation.survey_id}))


@staff_required
@require_POST
def invitation_remove(request, pk: int):
    invitation = get_object_or_404(
        SurveyInvitation.objects.select_related("survey", "institution"), pk=pk
    )
    try:
        services.invitation_remove(user=request.user, invitation=invitation)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The invitation is removed."))
    return redirect(reverse("training:survey_invitations", kwargs={"pk": invitation.survey_id}))


TRANSITIONS = {
    "open": (
        services.survey_open,
        gettext_lazy("The survey is open: the invitations are being sent."),
    ),
    "close": (
        services.survey_close,
        gettext_lazy("The survey is closed: it takes no more answers."),
    ),
    "publish": (
        services.survey_publish,
        gettext_lazy("The survey is published: its report is in the public library."),
    ),
}


@staff_required
@require_POST
def survey_transition(request, pk: int, action: str):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    if action not in TRANSITIONS:
        messages.error(request, _("Unknown step."))
        return redirect(survey.get_absolute_url())
    service, done = TRANSITIONS[action]
    try:
        service(user=request.user, survey=survey)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, done)
    return redirect(survey.get_absolute_url())


@staff_required
def survey_results_page(request, pk: int):
    """Everything staff may see: the rates, every question aggregated, and the
    free-text answers (which no public page or document carries)."""
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    results = survey_results(survey, public=False)
    return render(
        request,
        "training/surveys/results.html",
        {
            "survey": survey,
            "r": results,
            "kind_chart": rates_chart(
                results.by_kind,
                title=_("Response rate by kind of institution"),
                label_header=_("Kind of institution"),
            ),
            "district_chart": rates_chart(
                results.by_district,
                title=_("Response rate by district"),
                label_header=_("District"),
            ),
            "staff": True,
            "crumbs": _crumbs(survey, _("Results")),
        },
    )


@staff_required
def survey_pdf(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    return pdf_response(request, survey, back_url=survey.get_absolute_url())


@staff_required
@require_POST
def survey_xlsx(request, pk: int):
    survey = get_object_or_404(NeedsSurvey, pk=pk)
    job = services.survey_xlsx_request(user=request.user, survey=survey, language=get_language())
    return redirect(job.get_absolute_url())
