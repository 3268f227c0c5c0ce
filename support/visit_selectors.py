"""Reads of working visits: the year's list against the programme's numbers, the
priority of centres (area III's annual figures, through the core's extension), the
visit page's frames, draws, reproducibility check and findings summary."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from pzss.core.extensions import institution_figures
from pzss.core.models import ActivityStatus, Institution, InstitutionKind
from pzss.lib.roles import is_staff_member
from support.models import (
    ADULT_KINDS,
    Answer,
    CaseFileReview,
    SampleDraw,
    SampleFrame,
    WorkingVisit,
    checklist_for,
)
from support.visit_sampling import draw as draw_numbers

# The work programme 2021, I: nine visits to centres for social work, six to
# institutions for adults and the elderly.
PROGRAMME_TARGETS = {"csw": 9, "adult": 6}
PRIORITY_FIGURE = "children_under_six_away"
PRIORITY_FACTOR = 2


def visits(*, user, year: int) -> QuerySet[WorkingVisit]:
    if not is_staff_member(user):
        return WorkingVisit.objects.none()
    return (
        WorkingVisit.objects.filter(activity__start_date__year=year)
        .select_related("activity", "institution__municipality", "lead")
        .annotate(frame_count=Count("sample_frames", distinct=True))
        .order_by("activity__start_date", "pk")
    )


def visit_group(institution: Institution) -> str:
    if institution.kind == InstitutionKind.CSW:
        return "csw"
    if institution.kind in ADULT_KINDS:
        return "adult"
    return "other"


def visit_counts(visit_list) -> dict[str, dict]:
    counts = {
        g: {"planned": 0, "held": 0, "target": PROGRAMME_TARGETS.get(g)}
        for g in ("csw", "adult", "other")
    }
    for v in visit_list:
        key = "held" if v.activity.status == ActivityStatus.HELD else "planned"
        if v.activity.status != ActivityStatus.CANCELLED:
            counts[visit_group(v.institution)][key] += 1
    return counts


def visit(*, user, pk: int) -> WorkingVisit:
    if not is_staff_member(user):
        raise WorkingVisit.DoesNotExist
    return (
        WorkingVisit.objects.select_related("activity", "institution__municipality", "lead")
        .prefetch_related("team")
        .get(pk=pk)
    )


@dataclass
class PriorityRow:
    institution: Institution
    figures: dict
    value: int | None
    ratio: float | None
    flagged: bool


@dataclass
class Priority:
    year: int
    average: float | None
    rows: list[PriorityRow] = field(default_factory=list)

    def row_of(self, institution_id: int) -> PriorityRow | None:
        return next((r for r in self.rows if r.institution.pk == institution_id), None)


def centres_by_priority(*, year: int) -> Priority:
    """The centres for social work ranked by children under six placed away from their
    families (the accepted annual figures of `year`), against the province's per-centre
    average; flagged at twice the average or more. Centres without figures come last."""
    figures = institution_figures(year=year)
    centres = list(
        Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True)
        .select_related("municipality")
        .order_by("name")
    )
    values = [
        figures[c.pk][PRIORITY_FIGURE] for c in centres if PRIORITY_FIGURE in figures.get(c.pk, {})
    ]
    average = sum(values) / len(values) if values else None
    rows = []
    for c in centres:
        value = figures.get(c.pk, {}).get(PRIORITY_FIGURE)
        ratio = value / average if value is not None and average else None
        rows.append(
            PriorityRow(
                institution=c,
                figures=figures.get(c.pk, {}),
                value=value,
                ratio=ratio,
                flagged=ratio is not None and ratio >= PRIORITY_FACTOR,
            )
        )
    rows.sort(key=lambda r: (r.value is None, -(r.value or 0), r.institution.name))
    return Priority(year=year, average=average, rows=rows)


def priority_of(*, institution: Institution, year: int) -> PriorityRow | None:
    if institution.kind != InstitutionKind.CSW:
        return None
    return centres_by_priority(year=year).row_of(institution.pk)


@dataclass
class DrawView:
    draw: SampleDraw
    superseded: bool
    eligible: list[str]
    redrawn: list[str]

    @property
    def reproduced(self) -> bool:
        return self.redrawn == self.draw.numbers


def redraw(draw: SampleDraw) -> list[str]:
    """The draw re-run from its frame, seed and size (the reproducibility check)."""
    eligible = draw.frame.eligible_numbers()
    if draw.size > len(eligible):
        return []
    return draw_numbers(eligible=eligible, size=draw.size, seed=draw.seed)


def frames_of(visit: WorkingVisit) -> list[SampleFrame]:
    return list(
        visit.sample_frames.select_related("created_by")
        .prefetch_related(
            Prefetch("draws", queryset=SampleDraw.objects.select_related("drawn_by", "frame"))
        )
        .order_by("-version")
    )


def draws_of(frames: list[SampleFrame]) -> list[DrawView]:
    draws = sorted(
        (d for f in frames for d in f.draws.all()), key=lambda d: d.frame.version, reverse=True
    )
    return [
        DrawView(
            draw=d,
            superseded=i > 0,
            eligible=d.frame.eligible_numbers(),
            redrawn=redraw(d),
        )
        for i, d in enumerate(draws)
    ]


def reviews_of(draw: SampleDraw | None) -> dict[str, CaseFileReview]:
    if draw is None:
        return {}
    return {r.number: r for r in CaseFileReview.objects.filter(draw=draw)}


def findings_summary(visit: WorkingVisit, reviews: dict[str, CaseFileReview]) -> list[dict]:
    """Per checklist item, how many reviewed files answered yes / partly / no / n.a."""
    rows = []
    for code, label in checklist_for(visit.institution.kind):
        counts = Counter(r.answers.get(code) for r in reviews.values())
        rows.append(
            {
                "code": code,
                "label": label,
                "counts": [counts.get(a, 0) for a in Answer.values],
                "total": sum(counts.get(a, 0) for a in Answer.values),
            }
        )
    return rows
