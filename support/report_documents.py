"""A working visit's report as a PDF, rendered by the core's Document machinery
(WeasyPrint) in a worker: the institute's heading, the institution, the dates and the
team, the purpose and the questions, what was looked at, the findings overview, the
conclusions and the recommendations (no., text, responsible, deadline). Never personal
data; never public (no `is_public`): staff fetch it through the documents' pages."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pzss.documents.registry import RenderInput
from support.models import VisitReport


def sample_size(visit) -> int | None:
    """The size of the visit's latest case-file sample, where the visit has one (the
    sampling is another part's: read defensively, shown only when there)."""
    draws = getattr(visit, "sample_draws", None)
    if draws is None or not hasattr(draws, "order_by"):
        return None
    latest = draws.order_by("-pk").first()
    size = getattr(latest, "size", None)
    return size if isinstance(size, int) else None


def render_visit_report(report: VisitReport, language: str) -> RenderInput:
    report = VisitReport.objects.select_related(
        "visit__activity", "visit__institution", "visit__lead", "issued_by"
    ).get(pk=report.pk)
    visit = report.visit
    with translation.override(language):
        html = render_to_string(
            "support/visits/pdf/report.html",
            {
                "report": report,
                "visit": visit,
                "team": list(visit.team.order_by("last_name", "first_name")),
                "questions": [q.strip() for q in visit.questions.splitlines() if q.strip()],
                "recommendations": list(report.recommendations.order_by("order")),
                "sample_size": sample_size(visit),
                "institute": settings.INSTITUTE,
                "draft": not report.is_issued,
                "LANGUAGE_CODE": language,
            },
        )
    date = timezone.localdate(report.issued_at) if report.issued_at else visit.activity.start_date
    number = (report.number or "nacrt").replace("ИП", "IP")
    return RenderInput(
        html=html,
        title=f"{report.number or 'Нацрт'} — {visit.institution.name}",
        filename=f"izvestaj-o-poseti-{number}-{date:%Y%m%d}.pdf",
    )
