"""Charts drawn on the server as SVG, with matplotlib's SVG backend.

One chart serves three readers: the page shows the SVG, the PDF (WeasyPrint) prints the
same SVG, and a screen reader reads its `<title>` and `<desc>` — the numbers themselves
are in a table beside every chart (`Chart.table`), which is also what the XLSX exports.

Why matplotlib: it is the best-kept plotting library in Python (a release every few
months for twenty years), its SVG backend writes a static file — no script, no web font,
no tile or file fetched from anywhere — and with `svg.fonttype = "none"` its labels stay
text (Cyrillic in DejaVu Sans, searchable and read aloud) instead of paths. pygal writes
SVG that expects its JavaScript; Vega-Lite through vl-convert ships a whole JavaScript
engine in its wheel. matplotlib costs a few tens of milliseconds a chart, so callers keep
what it drew (`render_cached`) under a key made of the chart's data.

Each SVG's ids are prefixed with a hash of its data, so two charts on one page never
share a clip path.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import matplotlib
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from pzss.lib.vojvodina import TILES

PLANNED_COLOUR = "#b8c7dc"
REALISED_COLOUR = "#1f4e8c"
EMPTY_COLOUR = "#eef1f5"
TEXT_COLOUR = "#212529"
CACHE_SECONDS = 24 * 60 * 60

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "pzss",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#adb5bd",
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    """What a chart shows, in three forms: the SVG, a sentence, and its numbers."""

    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    svg: SafeString = field(default=SafeString(""), compare=False)


# Part of every cache key: a change to how the charts are drawn draws them again.
DRAWING_VERSION = 4


def _key(kind: str, payload) -> str:
    raw = json.dumps(
        [DRAWING_VERSION, kind, payload], ensure_ascii=False, sort_keys=True, default=str
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


_ID_RE = re.compile(r'id="([^"]+)"')
_STYLE_RE = re.compile(r'style="([^"]*)"')
_FONT_RE = re.compile(r"^(?:(bold|normal)\s+)?([\d.]+px)\s+'?([^']+)'?$")


def _attributes(match: re.Match) -> str:
    """matplotlib's `style="fill: #fff; font: 9px 'DejaVu Sans'"` as presentation
    attributes: the same drawing for a browser, and WeasyPrint's SVG in a PDF reads
    attributes without logging each CSS property of an inline style it does not know."""
    out = []
    for declaration in match.group(1).split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if not name or not value:
            continue
        if name == "font":
            font = _FONT_RE.match(value)
            if font:
                weight, size, family = font.groups()
                out.append(f'font-size="{size}" font-family="{family}"')
                if weight:
                    out.append(f'font-weight="{weight}"')
                continue
        out.append(f'{name}="{value}"')
    return " ".join(out)


def _to_svg(figure: Figure, *, prefix: str, title: str, description: str) -> SafeString:
    with matplotlib.rc_context(STYLE):
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = _STYLE_RE.sub(_attributes, svg)
    # Unique ids per chart: every id and every reference to it.
    for name in set(_ID_RE.findall(svg)):
        new = f"{prefix}-{name}"
        svg = svg.replace(f'id="{name}"', f'id="{new}"')
        svg = svg.replace(f"url(#{name})", f"url(#{new})")
        svg = svg.replace(f'xlink:href="#{name}"', f'xlink:href="#{new}"')
        svg = svg.replace(f'href="#{name}"', f'href="#{new}"')
    head = (
        f'<svg role="img" aria-labelledby="{prefix}-t {prefix}-d" class="chart-svg"'
        f' preserveAspectRatio="xMinYMin meet"'
    )
    svg = head + svg[len("<svg") :]
    # The accessible name and description come first inside the root.
    close = svg.index(">") + 1
    svg = (
        svg[:close]
        + f'<title id="{prefix}-t">{escape(title)}</title>'
        + f'<desc id="{prefix}-d">{escape(description)}</desc>'
        + svg[close:]
    )
    # The figure's fixed size in points becomes the chart's natural size; CSS scales it.
    svg = re.sub(r'(<svg[^>]*?) width="[^"]+" height="[^"]+"', r"\1", svg, count=1)
    return mark_safe(svg)  # noqa: S308 — drawn here from escaped labels


def render_cached(kind: str, payload, draw) -> SafeString:
    """`draw(prefix)` → SVG, kept in the cache under the chart's data."""
    key = _key(kind, payload)
    cache_key = f"pzss:chart:{key}"
    svg = cache.get(cache_key)
    if svg is None:
        svg = draw(f"c{key[:10]}")
        cache.set(cache_key, str(svg), CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 — drawn by this module


def _figure(width_in: float, height_in: float) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(width_in, height_in), layout="constrained")


def planned_vs_realised(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    planned: Sequence[float | None],
    realised: Sequence[float],
    planned_label: str,
    realised_label: str,
    label_header: str,
    realised_text: Sequence[str | None] | None = None,
) -> Chart:
    """Horizontal bars, one pair per label (a goal): planned (light) and realised (dark).
    A label without a planned figure (qualitative) shows only what was realised.
    `realised_text`, where it gives a text for a label, shows that text instead of its
    realised figure, in the drawing and in the table (a figure the reader may not see:
    no bar is drawn for it)."""
    labels = [str(label) for label in labels]
    planned = [None if p is None else float(p) for p in planned]
    texts = [None if t is None else str(t) for t in (realised_text or [None] * len(labels))]
    realised = [0.0 if t is not None else float(r) for r, t in zip(realised, texts, strict=True)]
    payload = [title, description, labels, planned, realised, planned_label, realised_label]
    if any(texts):
        payload.append(texts)

    def draw(prefix: str) -> SafeString:
        with matplotlib.rc_context(STYLE):
            n = max(len(labels), 1)
            figure = _figure(7.2, 0.9 + 0.42 * n)
            ax = figure.subplots()
            ys = list(range(len(labels)))
            ax.barh(
                [y + 0.2 for y in ys],
                [p or 0 for p in planned],
                height=0.38,
                color=PLANNED_COLOUR,
                label=planned_label,
            )
            ax.barh(
                [y - 0.2 for y in ys],
                realised,
                height=0.38,
                color=REALISED_COLOUR,
                label=realised_label,
            )
            for y, value, text in zip(ys, realised, texts, strict=True):
                shown = f" {value:g}" if text is None else f" {text}"
                ax.text(value, y - 0.2, shown, va="center", fontsize=8)
            for y, value in zip(ys, planned, strict=True):
                if value is not None:
                    ax.text(value, y + 0.2, f" {value:g}", va="center", fontsize=8)
            ax.set_yticks(ys, [_short(label, 48) for label in labels])
            ax.invert_yaxis()
            ax.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False, fontsize=8
            )
            ax.margins(x=0.12)
            return _to_svg(figure, prefix=prefix, title=title, description=description)

    rows = tuple(
        row if text is None else (*row[:2], text)
        for row, text in zip(_table_rows(labels, planned, realised), texts, strict=True)
    )
    return Chart(
        title=title,
        description=description,
        headers=(label_header, planned_label, realised_label),
        rows=rows,
        svg=render_cached("bars", payload, draw),
    )


def cumulative_line(
    *,
    title: str,
    description: str,
    periods: Sequence[str],
    planned: Sequence[float],
    realised: Sequence[float | None],
    planned_label: str,
    realised_label: str,
    period_header: str,
) -> Chart:
    """The year's running total against the plan's: `realised` is None for the periods
    still to come (the line stops at today)."""
    periods = [str(p) for p in periods]
    planned = [float(p) for p in planned]
    realised = [None if r is None else float(r) for r in realised]
    payload = [title, description, periods, planned, realised, planned_label, realised_label]

    def draw(prefix: str) -> SafeString:
        with matplotlib.rc_context(STYLE):
            figure = _figure(7.2, 3.0)
            ax = figure.subplots()
            xs = list(range(len(periods)))
            ax.plot(xs, planned, color=PLANNED_COLOUR, linewidth=2.5, linestyle="--")
            ax.text(xs[-1], planned[-1], f" {planned_label}", va="center", fontsize=8)
            done = [(x, r) for x, r in zip(xs, realised, strict=True) if r is not None]
            if done:
                ax.plot(
                    [x for x, _ in done],
                    [r for _, r in done],
                    color=REALISED_COLOUR,
                    linewidth=2.5,
                    marker="o",
                    markersize=4,
                )
                x, r = done[-1]
                ax.text(x, r, f" {realised_label}: {r:g}", va="bottom", fontsize=8)
            ax.set_xticks(xs, periods)
            # Counts: whole numbers on the axis, and room above the end labels.
            top = max([*planned, *(r for _, r in done), 1])
            ax.set_ylim(0, top * 1.12)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.margins(x=0.1)
            ax.grid(axis="y", color="#e9ecef")
            return _to_svg(figure, prefix=prefix, title=title, description=description)

    rows = _table_rows(periods, planned, realised)
    return Chart(
        title=title,
        description=description,
        headers=(period_header, planned_label, realised_label),
        rows=rows,
        svg=render_cached("line", payload, draw),
    )


def municipality_map(
    *,
    title: str,
    description: str,
    values: dict[str, int],
    label: Callable[[str], str] = str,
    name_header: str,
    value_header: str,
    texts: dict[str, str] | None = None,
) -> Chart:
    """A tile map of Vojvodina's 45 municipalities (pzss/lib/vojvodina.py): a tile per
    municipality where it lies, darker the more it was reached, grey where not at all.
    `label(name)` shows a name in the reader's script. `texts`, where it gives a text for
    a name, shows that text instead of its figure, on the lightest shade (a figure the
    reader may not see: its colour must not tell it either)."""

    texts = {name: str(text) for name, text in (texts or {}).items() if name in TILES}
    shown = {name: 0 if name in texts else int(values.get(name, 0)) for name in TILES}
    payload = [title, description, sorted(shown.items()), [label(n) for n in TILES]]
    if texts:
        payload.append(sorted(texts.items()))
    top = max(shown.values(), default=0) or 1

    def draw(prefix: str) -> SafeString:
        with matplotlib.rc_context(STYLE):
            cols = max(c for c, _r in TILES.values()) + 1
            rows_ = max(r for _c, r in TILES.values()) + 1
            figure = _figure(7.2, 7.2 * rows_ / cols)
            ax = figure.subplots()
            ax.set_xlim(0, cols)
            ax.set_ylim(rows_, 0)
            ax.set_axis_off()
            for name, (col, row) in TILES.items():
                value = shown[name]
                colour = EMPTY_COLOUR if value == 0 else _shade(value / top)
                if name in texts:
                    colour = _shade(0)
                ax.add_patch(
                    Rectangle((col + 0.04, row + 0.04), 0.92, 0.92, color=colour, linewidth=0)
                )
                ink = "#ffffff" if value and value / top > 0.45 else TEXT_COLOUR
                ax.text(
                    col + 0.5,
                    row + 0.42,
                    _wrap(label(name)),
                    ha="center",
                    va="center",
                    fontsize=6.2,
                    color=ink,
                )
                ax.text(
                    col + 0.5,
                    row + 0.8,
                    texts.get(name) or (str(value) if value else "–"),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=ink,
                    fontweight="bold",
                )
            return _to_svg(figure, prefix=prefix, title=title, description=description)

    rows = tuple(
        (label(name), texts.get(name, shown[name]))
        for name in sorted(TILES, key=lambda n: (-shown[n], label(n)))
    )
    return Chart(
        title=title,
        description=description,
        headers=(name_header, value_header),
        rows=rows,
        svg=render_cached("map", payload, draw),
    )


def _shade(share: float) -> str:
    """From a light to the portal's dark blue, by the share of the largest value."""
    light, dark = (0xC9, 0xD8, 0xEC), (0x13, 0x3A, 0x6E)
    share = max(0.0, min(1.0, share))
    return "#" + "".join(
        f"{round(a + (b - a) * share):02x}" for a, b in zip(light, dark, strict=True)
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(name: str) -> str:
    """A two-word name on two lines, so that it fits its tile."""
    words = name.split()
    if len(words) < 2 or len(name) <= 9:
        return name
    return " ".join(words[:-1]) + "\n" + words[-1]


def _table_rows(names, planned, realised) -> tuple[tuple, ...]:
    """The table beside a planned-against-realised chart: a row per name, an empty cell
    where a figure is None (a qualitative goal's plan, a quarter still to come)."""
    return tuple(
        (name, _cell(p), _cell(r)) for name, p, r in zip(names, planned, realised, strict=True)
    )


def _cell(value: float | None) -> int | float | str:
    return "" if value is None else _number(value)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 1)
