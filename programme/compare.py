"""Side-by-side comparison of two revisions, changed words highlighted (difflib)."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from programme.models import Revision
from programme.selectors import closing_targets
from programme.wording import quantity_text, time_frame_text
from pzss.lib.translit import for_language

_TOKEN = re.compile(r"\s+|[^\s]+")


def side_by_side(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML: words only in the old one in <del>, only in the new in <ins>."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


@dataclass
class Row:
    label: str
    old: SafeString
    new: SafeString
    changed: bool
    level: int = 0


def _target_text(t) -> str:
    planned = quantity_text(t.quantity, t.unit, t.bound) or "—"
    when = time_frame_text(t.start_month, t.end_month)
    return f"{t.description} · {planned} · {when} · {t.indicator}".strip(" ·")


def _flatten(revision: Revision, language: str) -> list[tuple[str, str, int]]:
    """(key, text, level) for each piece of content, keyed so that the same piece in
    two revisions lines up: header fields, areas, goals by number, targets by order —
    an area's own targets by their order in its introduction, the closing text's by
    their order after it (with the area whose activities count towards them)."""
    items = [
        ("Број", revision.doc_number, 0),
        ("Датум", revision.doc_date.strftime("%d.%m.%Y.") if revision.doc_date else "", 0),
        ("Наслов", revision.title, 0),
        ("Увод", revision.introduction, 0),
        ("Завршни текст", revision.closing, 0),
    ]
    for n, target in enumerate(closing_targets(revision), start=1):
        text = f"{target.section.roman} · {_target_text(target)}"
        items.append((f"Завршни текст · {n}", text, 1))
    items.append(("Потписник", f"{revision.signatory_title}: {revision.signatory}", 0))
    for section in revision.sections.all():
        items.append((f"{section.roman}", f"{section.title}\n\n{section.text}".strip(), 0))
        for n, target in enumerate(section.intro_targets, start=1):
            items.append((f"{section.roman} увод · {n}", _target_text(target), 1))
        for goal in section.goals.all():
            key = f"{section.roman} {goal.number.rstrip('.')}"
            items.append((key, f"{goal.number} {goal.title}\n\n{goal.text}".strip(), 1))
            for n, target in enumerate(goal.targets.all(), start=1):
                items.append((f"{key} · {n}", _target_text(target), 2))
    return [(k, for_language(v, language), lvl) for k, v, lvl in items]


def compare_revisions(a: Revision, b: Revision, *, language: str) -> list[Row]:
    """Rows of the two revisions side by side, in the order of the newer one, with the
    pieces only the older one has where they used to be. Both must come with their tree
    prefetched (selectors.revision_with_tree)."""
    old = _flatten(a, language)
    new = _flatten(b, language)
    old_map = {k: (v, lvl) for k, v, lvl in old}
    new_keys = {k for k, _v, _l in new}
    rows: list[Row] = []
    # Walk the union in order: new revision's order, old-only keys placed after their
    # predecessor in the old revision.
    order: list[str] = [k for k, _v, _l in new]
    for i, (k, _v, _l) in enumerate(old):
        if k not in new_keys:
            prev = old[i - 1][0] if i else None
            pos = order.index(prev) + 1 if prev in order else len(order)
            order.insert(pos, k)
    new_map = {k: (v, lvl) for k, v, lvl in new}
    for key in order:
        old_text, old_lvl = old_map.get(key, ("", None))
        new_text, new_lvl = new_map.get(key, ("", None))
        left, right = side_by_side(old_text, new_text)
        rows.append(
            Row(
                label=key,
                old=left,
                new=right,
                changed=old_text != new_text,
                level=new_lvl if new_lvl is not None else old_lvl,
            )
        )
    return rows
