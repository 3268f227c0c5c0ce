"""The needs survey's answers as a spreadsheet, for staff: one row per institution that
submitted — its kind and district, then each answer — without the institution's name,
its contact person or e-mail, and without the free-text answers (they may name people)."""

import tempfile
from typing import IO

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pzss.core.models import InstitutionKind
from pzss.lib.jobs import JobFailed, JobRun
from pzss.lib.roles import is_staff_member
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter
from training.models import NeedsSurvey, QuestionKind, SurveyAnswer, SurveyInvitation
from training.survey_services import programme_choices


def write_survey_xlsx(out: IO[bytes], survey: NeedsSurvey) -> int:
    questions = [q for q in survey.questions.order_by("order", "pk") if not q.is_free_text]
    titles = dict(programme_choices())
    kinds = dict(InstitutionKind.choices)
    invitations = list(
        SurveyInvitation.objects.filter(survey=survey, submitted_at__isnull=False)
        .order_by("institution__municipality__district__order", "institution__kind", "pk")
        .values_list("pk", "institution__kind", "institution__municipality__district__name")
    )
    answers: dict[tuple[int, int], object] = {
        (i, q): v
        for i, q, v in SurveyAnswer.objects.filter(
            invitation__survey=survey,
            invitation__submitted_at__isnull=False,
            question__in=questions,
        ).values_list("invitation_id", "question_id", "value")
    }
    writer = SheetWriter(
        title=_("Answers"),
        headers=[_("Kind of institution"), _("District"), *[q.text for q in questions]],
        widths=[30, 20, *[24 for _q in questions]],
    )

    def cell(question, value):
        if value is None:
            return ""
        if question.kind == QuestionKind.PROGRAMMES:
            return "; ".join(titles.get(pk, str(pk)) for pk in value)
        if isinstance(value, list):
            return "; ".join(value)
        return value

    for pk, kind, district in invitations:
        writer.append(
            [
                str(kinds.get(kind, kind)),
                district or "",
                *[cell(q, answers.get((pk, q.pk))) for q in questions],
            ]
        )
    writer.save(out)
    return len(invitations)


def run_survey_xlsx(job: JobRun) -> None:
    """The staff job (registered in apps.py)."""
    if not is_staff_member(job.user):
        raise PermissionDenied
    survey = NeedsSurvey.objects.filter(pk=job.params.get("survey")).first()
    if survey is None:
        raise JobFailed(_("The survey no longer exists."))
    with tempfile.TemporaryFile() as out:
        written = write_survey_xlsx(out, survey)
        job.progress(written, written)
        job.save_file(f"upitnik-odgovori-{survey.year}.xlsx", XLSX_CONTENT_TYPE, out)
