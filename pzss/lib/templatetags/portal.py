"""Template helpers used across the portal (registered as builtins)."""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from pzss.lib.translit import content_lang as lang_of_content
from pzss.lib.translit import for_language, is_serbian_language

register = template.Library()


@register.filter
def script(value):
    """Content in the reader's script: Cyrillic text is shown in Latin to Latin and
    English readers. Plain text, for attributes, <title> and <option>; in a page's body
    use `content`, which also says the text's language."""
    if value is None:
        return ""
    return for_language(str(value), get_language())


@register.filter
def content(value):
    """Content people typed (titles, places, names), in the reader's script and, where
    the page is in another language, wrapped in a span whose `lang` tells a screen
    reader to pronounce it as Serbian. Escaped like any variable."""
    text = script(value)
    lang = lang_of_content(text, get_language())
    if not lang:
        return text
    return format_html('<span lang="{}">{}</span>', lang, text)


@register.simple_tag
def content_lang():
    """` lang="sr-Latn"` on an element that holds Serbian content (a description, a
    table cell of names) when the page is not Serbian; nothing otherwise."""
    if is_serbian_language(get_language()):
        return ""
    return format_html(' lang="{}"', "sr-Latn")


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.lists()), doseq=True) if params else "?"


@register.simple_tag(takes_context=True)
def query_with_key(context, key: str, value):
    """query_with for a parameter named at run time (a list's own page parameter when a
    page has two paged lists)."""
    return query_with(context, **{key: value})


BADGE_CLASSES = {
    "planned": "text-bg-secondary",
    "scheduled": "text-bg-info",
    "held": "text-bg-success",
    "cancelled": "text-bg-danger",
    "confirmed": "text-bg-success",
    "pending": "text-bg-warning",
    "waitlisted": "text-bg-warning",
    "rejected": "text-bg-danger",
    "attended": "text-bg-primary",
    "absent": "text-bg-secondary",
    "draft": "text-bg-secondary",
    "submitted": "text-bg-info",
    "returned": "text-bg-warning",
    "accepted": "text-bg-success",
    "missing": "text-bg-light border",
    "approved": "text-bg-success",
    "adopted": "text-bg-primary",
    "published": "text-bg-success",
    "queued": "text-bg-secondary",
    "rendering": "text-bg-info",
    "working": "text-bg-info",
    "ready": "text-bg-success",
    "done": "text-bg-success",
    "failed": "text-bg-danger",
    # a study's workflow (research register)
    "in_progress": "text-bg-info",
    "completed": "text-bg-primary",
    # a training programme's accreditation (the catalogue)
    "in_preparation": "text-bg-secondary",
    "accredited": "text-bg-success",
    "expired": "text-bg-warning",
    "not_accredited": "text-bg-danger",
}


@register.inclusion_tag("includes/badge.html")
def status_badge(status, label):
    return {"css": BADGE_CLASSES.get(str(status), "text-bg-secondary"), "label": label}
