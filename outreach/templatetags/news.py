"""The body of a news item on a page."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from outreach.sanitise import sanitise
from pzss.lib.translit import for_language

register = template.Library()


@register.filter
def news_body(value: str):
    """The stored body, in the reader's script. It was sanitised when saved; it is
    sanitised again here, so a row written around the service (an import, the admin)
    still puts no raw HTML on a page. Transliteration changes letters only, never markup."""
    cleaned = sanitise(for_language(value or "", get_language())).html
    return mark_safe(cleaned)  # noqa: S308 (nh3 output: only the allowed tags and links)
