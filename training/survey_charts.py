"""The needs survey's one chart: horizontal bars, one per answer (a choice, a programme,
a mark of the scale), drawn as SVG by the house's charts (`pzss.lib.charts`: the same SVG
on the page and in the PDF, its numbers in a table beside it)."""

from collections.abc import Sequence

import matplotlib
from django.utils.safestring import SafeString

from pzss.lib import charts
from pzss.lib.charts import REALISED_COLOUR, STYLE, Chart, render_cached


def bars(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[int | float],
    label_header: str,
    value_header: str,
) -> Chart:
    labels = [str(label) for label in labels]
    values = [float(v) for v in values]

    def draw(prefix: str) -> SafeString:
        with matplotlib.rc_context(STYLE):
            figure = charts._figure(7.2, 0.6 + 0.34 * max(len(labels), 1))
            ax = figure.subplots()
            ys = list(range(len(labels)))
            ax.barh(ys, values, height=0.6, color=REALISED_COLOUR)
            for y, value in zip(ys, values, strict=True):
                ax.text(value, y, f" {value:g}", va="center", fontsize=8)
            ax.set_yticks(ys, [charts._short(label, 56) for label in labels])
            ax.invert_yaxis()
            ax.margins(x=0.12)
            return charts._to_svg(figure, prefix=prefix, title=title, description=description)

    return Chart(
        title=title,
        description=description,
        headers=(label_header, value_header),
        rows=tuple((label, f"{value:g}") for label, value in zip(labels, values, strict=True)),
        svg=render_cached("survey-bars", [title, description, labels, values], draw),
    )
