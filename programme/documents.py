"""The programme's PDF: rendered by the core's Document machinery from the same body
template as the web page (templates/programme/_programme_body.html); and the annual
realisation report's (templates/programme/_report_body.html), with the programme's
letterhead and print rules."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from programme import charts, selectors, wording
from programme.models import RealisationReport, ReportStatus, Revision, RevisionStatus
from pzss.documents.registry import RenderInput
from pzss.lib.translit import for_language, is_latin_language

AUTHOR = "Покрајински завод за социјалну заштиту"


def render_programme(revision: Revision, language: str) -> RenderInput:
    """The HTML to print. Deterministic: the same content gives the same HTML (and so
    the same checksum), so an unchanged programme is never rendered twice."""
    revision = selectors.revision_with_tree(pk=revision.pk, staff=False)
    # The document's language, not whatever the calling request or worker has active:
    # the script of the content follows it.
    with translation.override(language):
        html = _render_html(revision)
    return RenderInput(
        html=html,
        title=for_language(revision.title, language),
        filename=f"program-rada-{revision.programme.year}-{revision.number}.pdf",
    )


def _render_html(revision: Revision) -> str:
    return render_to_string(
        "programme/programme_pdf.html",
        {
            "revision": revision,
            "sections": revision.sections.all(),
            "closing_targets": selectors.closing_targets(revision),
            "L": wording.LABELS,
            "portal_additions": selectors.portal_additions(revision),
            "author": AUTHOR,
            "for_pdf": True,
        },
    )


def is_public(revision: Revision) -> bool:
    return revision.status == RevisionStatus.PUBLISHED


def is_programme_document_public(revision: Revision, document) -> bool:
    """Only the PDF of the programme as published is public: one rendered while it was a
    draft, of content changed before approval, stays with staff (its address is a
    sequential key). The same content gives the same input, so this is the checksum of
    what the published revision renders now (its HTML, without WeasyPrint: ~65 ms)."""
    return document.checksum == render_programme(revision, document.language).checksum


# --- the annual realisation report ------------------------------------------------------


def report_language(language: str | None) -> str:
    """The report is Serbian; only its script follows the reader."""
    return "sr-latn" if is_latin_language(language) else "sr"


def report_body(
    report: RealisationReport, language: str, data: selectors.ReportData | None = None
) -> str:
    """The report's body (letterhead to annex) from the live figures (`data`, read now
    if not given), in `language`'s script: what a draft shows, and what submitting it
    freezes. Deterministic: the same figures and texts give the same HTML."""
    data = data or selectors.realisation_report_data(report=report)
    result = data.result
    with translation.override(language):
        for area in result.areas:
            area.chart = charts.goals_chart(area)
        context = {
            "report": report,
            "revision": result.revision,
            "result": result,
            "areas": result.areas,
            "totals": result.totals,
            "target_count": sum(a.target_count for a in result.areas),
            "reached_count": sum(a.reached_count for a in result.areas),
            "comparable_count": sum(a.comparable_count for a in result.areas),
            "map": charts.municipalities_chart(result) if result.revision else None,
            "reached_municipalities": sorted(
                ((name, n) for name, n in result.municipalities.items() if n),
                key=lambda item: (-item[1], item[0]),
            ),
            "annex": data.annex,
            "L": {
                k: v.format(year=report.programme.year) for k, v in wording.REPORT_LABELS.items()
            },
            "states": wording.STATE_WORDS,
            "quarters": wording.QUARTERS,
        }
        return render_to_string("programme/_report_body.html", context)


def render_realisation_report(report: RealisationReport, language: str) -> RenderInput:
    """The report's HTML to print: the body frozen when it was submitted (a submitted,
    approved or published report prints exactly what was submitted), or, for a draft,
    the live figures, marked as a draft."""
    report = RealisationReport.objects.select_related("programme").get(pk=report.pk)
    language = report_language(language)
    body = report.frozen_body.get(language) if report.is_frozen else None
    if body is None:
        body = report_body(report, language)
    with translation.override(language):
        html = render_to_string(
            "programme/report_pdf.html",
            {
                "report": report,
                "body": mark_safe(body),  # noqa: S308 — rendered (escaped) by report_body
                "draft": report.status == ReportStatus.DRAFT,
                "L": wording.REPORT_LABELS,
                "author": AUTHOR,
            },
        )
    return RenderInput(
        html=html,
        title=for_language(report.title, language),
        filename=f"izvestaj-o-realizaciji-{report.programme.year}.pdf",
    )


def is_report_public(report: RealisationReport) -> bool:
    return report.status == ReportStatus.PUBLISHED


def is_report_document_public(report: RealisationReport, document) -> bool:
    """Only the PDF of the report as published is public: a draft's (its live figures,
    texts the director never approved) stays with staff once the report is published.
    Cheap: a published report's body is frozen, so its input is read without a query
    for the figures."""
    return document.checksum == render_realisation_report(report, document.language).checksum
