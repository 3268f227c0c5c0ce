"""The head of a public page for search engines and link previews: its canonical address
and language alternates (pzss.lib.discovery), its schema.org JSON-LD
(pzss.lib.structured_data). Used by base.html; pages fill its OpenGraph blocks."""

from django import template
from django.utils.translation import get_language

from pzss.lib.discovery import CANONICAL_PARAMETERS, Discovery, discovery_for
from pzss.lib.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def discovery(context) -> Discovery | None:
    """`{% discovery as page %}`: the page's canonical address, alternates and locales, or
    None where a page is not public — under /staff/ and the other private prefixes, the
    staff's own view of a public page, an error page (Django's error views put the
    `exception` in the context)."""
    request = context.get("request")
    if request is None or context.get("staff_view") or "exception" in context:
        return None
    return discovery_for(
        request.path,
        request.GET,
        language=get_language(),
        parameters=context.get("canonical_parameters", CANONICAL_PARAMETERS),
    )


@register.simple_tag
def json_ld(data):
    """`{% json_ld structured_data %}`: a <script type="application/ld+json"> for the
    dict (or each dict of the list) the view put in the context."""
    return json_ld_script(data)
