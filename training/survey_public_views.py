"""Pages without an account: the respondent's questionnaire behind its signed link, and
the public results of a published survey (aggregated, with charts, never a free-text
answer) with its report. A tampered or unknown link, and a survey not published, are a
404 here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pzss.documents.models import DocumentStatus
from pzss.lib.forms import add_service_errors
from pzss.lib.public_cache import public_cache
from training import survey_services as services
from training.models import NeedsSurvey, SurveyAnswer, SurveyStatus
from training.survey_forms import ResponseForm, initial_answers
from training.survey_results import rates_chart, survey_results


def _published(year: int) -> NeedsSurvey:
    survey = NeedsSurvey.objects.filter(year=year, status=SurveyStatus.PUBLISHED).first()
    if survey is None:
        raise Http404
    return survey


@never_cache
def answer(request, signed: str):
    invitation = services.invitation_by_link(signed)
    if invitation is None:
        raise Http404
    survey = invitation.survey
    if survey.is_draft:
        raise Http404
    questions = list(survey.questions.order_by("order", "pk"))
    programmes = services.programme_choices()
    saved = dict(
        SurveyAnswer.objects.filter(invitation=invitation).values_list("question_id", "value")
    )
    services.invitation_mark_opened(invitation=invitation)
    read_only = invitation.is_submitted or not survey.is_open
    if request.method == "POST" and read_only:
        if invitation.is_submitted:
            messages.error(
                request, _("These answers were submitted already and can no longer be changed.")
            )
        else:
            messages.error(request, _("The survey is closed: it takes no more answers."))
        return redirect(request.path)
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        initial=initial_answers(questions, saved),
        questions=questions,
        programmes=programmes,
        disabled=read_only,
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.answers_save(invitation=invitation, values=form.values(), submit=submit)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if submit:
                messages.success(request, _("Thank you: your answers are submitted."))
            else:
                messages.success(
                    request,
                    _("Your answers are saved. Come back through the same link to finish."),
                )
            return redirect(request.path)
    return render(
        request,
        "training/surveys/answer.html",
        {
            "survey": survey,
            "invitation": invitation,
            "form": form,
            "read_only": read_only,
            "answered": [
                (q, _answer_text(q, saved.get(q.pk), dict(programmes))) for q in questions
            ],
        },
    )


def _answer_text(question, value, titles: dict) -> str:
    if value is None:
        return "—"
    if question.kind == "programmes":
        return "; ".join(titles.get(pk, "") for pk in value)
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


@public_cache
def survey_list(request):
    surveys = NeedsSurvey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("-year")
    return render(request, "training/surveys/public_list.html", {"surveys": surveys})


@public_cache
def results(request, year: int):
    survey = _published(year)
    r = survey_results(survey, public=True)
    return render(
        request,
        "training/surveys/public_results.html",
        {
            "survey": survey,
            "r": r,
            "kind_chart": rates_chart(
                r.by_kind,
                title=_("Response rate by kind of institution"),
                label_header=_("Kind of institution"),
            ),
            "district_chart": rates_chart(
                r.by_district, title=_("Response rate by district"), label_header=_("District")
            ),
        },
    )


def pdf_response(request, survey: NeedsSurvey, *, back_url: str):
    """200 with the PDF when it is ready; otherwise queue it (once for the same content)
    and answer 202 with a page that polls its progress."""
    document = services.survey_document_request(survey=survey, user=request.user)
    if document.status == DocumentStatus.READY:
        return FileResponse(
            document.file.open("rb"),
            filename=document.title[:80] + ".pdf",
            content_type="application/pdf",
        )
    return render(
        request,
        "training/surveys/pdf_status.html",
        {"survey": survey, "document": document, "back_url": back_url},
        status=202,
    )


def report_pdf(request, year: int):
    survey = _published(year)
    return pdf_response(request, survey, back_url=survey.get_public_url())
