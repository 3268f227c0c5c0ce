"""schema.org JSON-LD of a publication's page: a `Report` for the institute's reports,
analyses and research results, a `CreativeWork` for the rest (written by base.html's
`json_ld` tag)."""

from django.utils import timezone

from outreach.models import Publication, PublicationFile, PublicationKind
from pzss.lib.discovery import absolute_url
from pzss.lib.structured_data import CONTEXT, compact, iso_date, organization_ref
from pzss.lib.translit import for_language

REPORT_KINDS = {
    PublicationKind.REPORT,
    PublicationKind.ANALYSIS,
    PublicationKind.RESEARCH_RESULTS,
    PublicationKind.REALISATION_REPORT,
}


def _authors(publication: Publication, *, language: str) -> list[dict] | dict:
    """The people named (comma separated), or the institute when no one is."""
    names = [name.strip() for name in publication.authors.split(",") if name.strip()]
    if not names:
        return organization_ref(language=language)
    return [{"@type": "Person", "name": for_language(name, language)} for name in names]


def _file(attached: PublicationFile, *, title: str, language: str) -> dict:
    return compact(
        {
            "@type": "MediaObject",
            "name": for_language(attached.label, language) or title,
            "contentUrl": absolute_url(attached.get_absolute_url()),
            "encodingFormat": "application/pdf",
            "contentSize": attached.shown_size,
        }
    )


def publication_structured_data(
    publication: Publication, files: list[PublicationFile], *, url: str, language: str
) -> dict:
    """`files` as the page lists them (prefetched with their documents: no query here)."""
    title = for_language(publication.title, language)
    published = publication.published_at
    return compact(
        {
            "@context": CONTEXT,
            "@type": "Report" if publication.kind in REPORT_KINDS else "CreativeWork",
            "name": title,
            "url": url,
            "genre": publication.get_kind_display(),
            "author": _authors(publication, language=language),
            "publisher": organization_ref(language=language),
            "datePublished": iso_date(timezone.localdate(published))
            if published
            else str(publication.year),
            "copyrightYear": publication.year,
            "inLanguage": publication.language,
            "abstract": for_language(publication.abstract, language),
            "encoding": [_file(f, title=title, language=language) for f in files],
            "isAccessibleForFree": True,
        }
    )
