"""The programme's PDF: rendered by the core's Document machinery from the same body
template as the web page (templates/programme/_programme_body.html)."""

from django.template.loader import render_to_string
from django.utils import translation

from programme import selectors, wording
from programme.models import Revision, RevisionStatus
from pzss.documents.registry import RenderInput
from pzss.lib.translit import for_language

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
