"""schema.org JSON-LD of the programme's public progress page (written by base.html's
`json_ld` tag): a WebPage about the published programme, by the institute."""

from django.urls import reverse
from django.utils.translation import gettext

from programme.models import Revision
from pzss.lib.discovery import HTML_LANG, absolute_url
from pzss.lib.structured_data import CONTEXT, compact, iso_date, organization_ref
from pzss.lib.translit import for_language


def progress_description(year: int) -> str:
    return gettext(
        "How the work programme of the Provincial Institute for Social Protection for "
        "%(year)s is being carried out: per area and goal, what was planned and what has "
        "been done so far."
    ) % {"year": year}


def progress_structured_data(revision: Revision, *, language: str) -> dict:
    year = revision.programme.year
    return compact(
        {
            "@context": CONTEXT,
            "@type": "WebPage",
            "name": gettext("Work programme %(year)s: progress") % {"year": year},
            "description": progress_description(year),
            "url": absolute_url(reverse("programme:progress", kwargs={"year": year})),
            "inLanguage": HTML_LANG.get(language, language),
            "dateModified": iso_date(revision.updated_at),
            "publisher": organization_ref(language=language),
            "about": compact(
                {
                    "@type": "CreativeWork",
                    "name": for_language(revision.title, language),
                    "url": absolute_url(reverse("programme:detail", kwargs={"year": year})),
                }
            ),
        }
    )
