"""Showing the programme's texts: paragraphs and list items, in the reader's script."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from programme import wording
from pzss.lib.translit import for_language

register = template.Library()


@register.filter
def paragraphs(value) -> str:
    """Text with blank lines between paragraphs, as <p>; paragraphs that start with
    "- " become a list. Escaped, and in Latin script for a Latin reader."""
    if not value:
        return ""
    text = for_language(str(value), get_language())
    html: list[str] = []
    items: list[str] = []
    for para in [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]:
        if para.startswith("- "):
            items.append(f"<li>{escape(para[2:].strip())}</li>")
            continue
        if items:
            html.append(f"<ul>{''.join(items)}</ul>")
            items = []
        html.append(f"<p>{escape(para)}</p>")
    if items:
        html.append(f"<ul>{''.join(items)}</ul>")
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above


@register.filter
def planned(target) -> str:
    """ "9 посета", "најмање 1 група", or "квалитативни" for a target with nothing to
    count."""
    return (
        wording.quantity_text(target.quantity, target.unit, target.bound)
        or wording.LABELS["qualitative"]
    )


@register.filter
def time_frame(target) -> str:
    return wording.time_frame_text(target.start_month, target.end_month)


# --- the realisation report -----------------------------------------------------------


@register.simple_tag
def target_ref(target) -> str:
    """Where a target stands in the programme, and its start (wording.target_reference),
    in the document's script."""
    return for_language(wording.target_reference(target), get_language())


@register.simple_tag
def quarter_word(quarter: int) -> str:
    """I, II, III, IV."""
    return wording.QUARTERS[quarter - 1]


@register.simple_tag
def state_word(state: str) -> str:
    """A target's state in the document's words and script."""
    return for_language(wording.STATE_WORDS.get(state, ""), get_language())
