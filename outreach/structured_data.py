"""schema.org JSON-LD of the public site's pages: the institute on the home page and a
news item as a `NewsArticle` (written by base.html's `json_ld` tag). The library's
publications have theirs in outreach/library/structured_data.py."""

from django.urls import reverse
from django.utils.translation import get_language

from outreach.models import NewsItem
from pzss.lib.discovery import absolute_url
from pzss.lib.structured_data import CONTEXT, compact, iso_date, organization, organization_ref
from pzss.lib.translit import for_language


def home_structured_data() -> dict:
    return organization(language=get_language())


def news_picture_url(item: NewsItem) -> str:
    """The absolute address of a published item's picture ("" without one)."""
    if not item.picture:
        return ""
    return absolute_url(
        reverse("outreach:news_picture", kwargs={"year": item.year, "slug": item.slug})
    )


def news_structured_data(item: NewsItem, *, language: str) -> dict:
    url = absolute_url(
        reverse("outreach:news_detail", kwargs={"year": item.year, "slug": item.slug})
    )
    picture = news_picture_url(item)
    return compact(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": for_language(item.title, language),
            "description": for_language(item.lead, language),
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": iso_date(item.published_at),
            "dateModified": iso_date(item.updated_at),
            "image": [picture] if picture else [],
            "author": organization_ref(language=language),
            "publisher": organization_ref(language=language),
        }
    )
