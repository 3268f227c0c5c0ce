"""Addresses made from titles: one way for every app (news, publications, …).

A slug is the title in Latin script, ASCII, lower-case, words joined by hyphens: «Округли
сто у Сомбору» → `okrugli-sto-u-somboru`, «Ђурђево» → `djurdjevo` (đ has no ASCII
decomposition, so it is written `dj` before the accents go). A taken slug gets `-2`,
`-3`, … and stays within the field's length.
"""

from django.db.models import QuerySet
from django.utils.text import slugify

from pzss.lib.translit import to_latin


def slug_base(title: str, *, fallback: str, max_length: int) -> str:
    """The slug of `title`, or `fallback` when the title has no letter or digit left."""
    latin = to_latin(title).replace("đ", "dj").replace("Đ", "Dj")
    return slugify(latin)[:max_length].strip("-") or fallback


def free_slug(taken: QuerySet, base: str, *, max_length: int) -> str:
    """`base`, or `base-2`, `base-3`, … — the first that no row of `taken` has (`taken` is
    the rows the slug must differ from: the same year's news, all publications, …)."""
    # A numbered candidate cuts the base to make room for its suffix ("-2" … "-9999999"),
    # so the rows it could meet share only the base's first max_length - 8 characters.
    used = set(taken.filter(slug__startswith=base[: max_length - 8]).values_list("slug", flat=True))
    if base not in used:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        if candidate not in used:
            return candidate
        n += 1
