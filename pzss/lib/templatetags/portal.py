"""Template helpers used across the portal (registered as builtins)."""

from urllib.parse import urlencode

from django import template
from django.utils.translation import get_language

from pzss.lib.translit import for_language

register = template.Library()


@register.filter
def script(value):
    """Content in the reader's script: Cyrillic text is shown in Latin when Latin is chosen."""
    if value is None:
        return ""
    return for_language(str(value), get_language())


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
    "approved": "text-bg-success",
    "adopted": "text-bg-primary",
    "published": "text-bg-success",
    "queued": "text-bg-secondary",
    "rendering": "text-bg-info",
    "ready": "text-bg-success",
    "failed": "text-bg-danger",
}


@register.inclusion_tag("includes/badge.html")
def status_badge(status, label):
    return {"css": BADGE_CLASSES.get(str(status), "text-bg-secondary"), "label": label}
