"""The needs survey's report as a PDF, through the core's Document machinery: the
response rates, the aggregated answers with their charts, the programmes most asked for
and the recommendations to the founders. Never a free-text answer, never a name or an
e-mail: the report is made for the public library. Staff may print it before it is
published (marked as a draft); only a published survey's current report is public."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pzss.documents.registry import RenderInput
from training.models import NeedsSurvey
from training.survey_results import rates_chart, survey_results

AUTHOR = "Покрајински завод за социјалну заштиту"


def render_survey_report(survey: NeedsSurvey, language: str) -> RenderInput:
    survey = NeedsSurvey.objects.get(pk=survey.pk)
    with translation.override("sr"):
        results = survey_results(survey, public=True)
        html = render_to_string(
            "training/surveys/pdf/report.html",
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
                "draft": not survey.is_published,
                "author": AUTHOR,
            },
        )
    return RenderInput(
        html=html, title=survey.title, filename=f"upitnik-potreba-za-obukom-{survey.year}.pdf"
    )


def is_survey_public(survey: NeedsSurvey) -> bool:
    return survey.is_published


def is_survey_document_public(survey: NeedsSurvey, document) -> bool:
    return document.checksum == render_survey_report(survey, document.language).checksum
