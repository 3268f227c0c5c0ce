"""What the needs survey's answers add up to, read in a handful of queries: the response
rate per institution kind and per district, and each question's answers aggregated
(choices and programmes counted, the scale's distribution, numbers summed and averaged),
with a chart for each. Free-text answers are listed only when `public` is False: the
public page, the PDF and the library never carry them."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pzss.core.models import InstitutionKind
from training.models import (
    SCALE_VALUES,
    NeedsSurvey,
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    TrainingProgramme,
)
from training.survey_charts import bars


@dataclass(frozen=True)
class Rate:
    label: str
    invited: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    total: int | None = None
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: object = None


@dataclass
class SurveyResults:
    survey: NeedsSurvey
    invited: int
    submitted: int
    drafts: int
    by_kind: list[Rate]
    by_district: list[Rate]
    questions: list[QuestionResult]
    top_programmes: list[tuple[str, int]]

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


NO_DISTRICT = "—"


def _rates(rows: list[tuple[str, bool]]) -> list[Rate]:
    invited: Counter = Counter()
    submitted: Counter = Counter()
    for label, done in rows:
        invited[label] += 1
        submitted[label] += int(done)
    return [Rate(label, invited[label], submitted[label]) for label in invited]


def survey_results(survey: NeedsSurvey, *, public: bool) -> SurveyResults:
    """Queries: the questions, the invitations (with kind and district), the submitted
    answers, and the programmes named in them."""
    questions = list(survey.questions.order_by("order", "pk"))
    invitations = list(
        SurveyInvitation.objects.filter(survey=survey)
        .order_by("institution__municipality__district__order", "institution__name")
        .values_list(
            "institution__kind",
            "institution__municipality__district__name",
            "submitted_at",
            "saved_at",
        )
    )
    kind_labels = dict(InstitutionKind.choices)
    by_kind = sorted(
        _rates([(str(kind_labels.get(k, k)), s is not None) for k, _d, s, _v in invitations]),
        key=lambda r: -r.invited,
    )
    by_district = _rates([(d or NO_DISTRICT, s is not None) for _k, d, s, _v in invitations])
    submitted = sum(1 for *_x, s, _v in invitations if s is not None)
    drafts = sum(1 for *_x, s, v in invitations if s is None and v is not None)

    wanted = [q.pk for q in questions if public is False or not q.is_free_text]
    answers: dict[int, list] = {pk: [] for pk in wanted}
    for question_id, value in SurveyAnswer.objects.filter(
        invitation__survey=survey,
        invitation__submitted_at__isnull=False,
        question_id__in=wanted,
    ).values_list("question_id", "value"):
        answers[question_id].append(value)
    programme_ids = {
        pk
        for q in questions
        if q.kind == QuestionKind.PROGRAMMES
        for value in answers.get(q.pk, [])
        for pk in value
    }
    titles = (
        dict(TrainingProgramme.objects.filter(pk__in=programme_ids).values_list("pk", "title"))
        if programme_ids
        else {}
    )
    results = []
    top: Counter = Counter()
    for question in questions:
        if question.is_free_text and public:
            continue
        values = answers.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(values))
        kind = question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counted = Counter(
                v for value in values for v in ([value] if kind == "single" else value)
            )
            result.counts = [(choice, counted[choice]) for choice in question.choices]
        elif kind == QuestionKind.PROGRAMMES:
            counted = Counter(pk for value in values for pk in value if pk in titles)
            result.counts = sorted(
                ((titles[pk], n) for pk, n in counted.items()), key=lambda c: (-c[1], c[0])
            )
            top.update(dict(result.counts))
        elif kind == QuestionKind.SCALE:
            counted = Counter(values)
            result.counts = [(str(mark), counted[mark]) for mark in SCALE_VALUES]
            result.average = round(sum(values) / len(values), 2) if values else None
        elif kind == QuestionKind.NUMBER:
            result.total = sum(values)
            result.average = round(result.total / len(values), 1) if values else None
        else:
            result.texts = [v for v in values if v]
        if result.counts:
            result.chart = bars(
                title=question.text,
                description=_("Answers of %(n)s institutions to “%(question)s”.")
                % {"n": result.answered, "question": question.text},
                labels=[label for label, _n in result.counts],
                values=[n for _label, n in result.counts],
                label_header=_("Answer"),
                value_header=_("Institutions"),
            )
        results.append(result)
    return SurveyResults(
        survey=survey,
        invited=len(invitations),
        submitted=submitted,
        drafts=drafts,
        by_kind=by_kind,
        by_district=by_district,
        questions=results,
        top_programmes=sorted(top.items(), key=lambda c: (-c[1], c[0]))[:10],
    )


def rates_chart(rates: list[Rate], *, title: str, label_header: str):
    return bars(
        title=title,
        description=_("Share of the invited institutions that submitted their answers, in %."),
        labels=[r.label for r in rates],
        values=[r.percent for r in rates],
        label_header=label_header,
        value_header=_("Response rate (%)"),
    )
