"""A published study output's summary PDF, for the public library: the institute's
letterhead, what the output is, the study it came from (question, method, team,
partners, dates), its abstract, and the address of the study's public page where its
own file is served.

The library keeps rendered documents, not uploaded files, so the library's entry is this
summary; the uploaded report itself stays with the study and is served, once published,
from the study's public page (its file is not rewritten into a rendered PDF)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from pzss.documents.registry import RenderInput
from pzss.lib.discovery import absolute_url
from pzss.lib.translit import for_language
from research.models import StudyOutput


def render_study_output(output: StudyOutput, language: str) -> RenderInput:
    """Deterministic: the same output and study give the same HTML (and checksum), so an
    unchanged summary is never rendered twice."""
    output = (
        StudyOutput.objects.select_related("study", "study__lead")
        .prefetch_related("study__team", "study__partners")
        .get(pk=output.pk)
    )
    study = output.study
    with translation.override(language):
        html = render_to_string(
            "research/studies/pdf/output.html",
            {
                "output": output,
                "study": study,
                "team": _team_names(study),
                "partners": sorted(p.name for p in study.partners.all()),
                "institute": settings.INSTITUTE,
                "public_url": absolute_url(study.get_public_url()),
            },
        )
    return RenderInput(
        html=html,
        title=for_language(output.title, language),
        filename=f"{study.slug[:80]}-{output.pk}.pdf",
    )


def _team_names(study) -> list[str]:
    """The lead first, then the team by name: the only people a public study names."""
    people = [study.lead, *sorted(study.team.all(), key=lambda u: (u.last_name, u.first_name))]
    names = []
    for user in people:
        name = user.get_full_name() or user.username
        if name not in names:
            names.append(name)
    return names


def is_output_public(output: StudyOutput) -> bool:
    return output.is_published and output.study.is_public


def is_output_document_public(output: StudyOutput, document) -> bool:
    """Only the summary handed to the library at publication is public; any other render
    of the output (of a draft, say) stays with staff."""
    return output.published_document_id is not None and document.pk == output.published_document_id
