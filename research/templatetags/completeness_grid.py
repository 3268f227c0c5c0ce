"""The grid's cells, written here rather than by the template engine: a year of a
twice-monthly data set is 24 cells a row, a thousand and more a page, and the engine's
per-variable cost made the cells most of the page's time. The markup is the same the
template would write (escaped by format_html); the states and labels come from
research.completeness."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from research.completeness import LATE_MARK, STATE_MARKS, CellState, Row

register = template.Library()


@register.simple_tag
def grid_cells(row: Row) -> SafeString:
    late_word = gettext("late")
    labels = {state: str(label) for state, label in CellState.choices}

    def parts():
        for cell in row.cells:
            label = labels[cell.state] + (f", {late_word}" if cell.late else "")
            mark = STATE_MARKS[cell.state] + (LATE_MARK if cell.late else "")
            css = f"cc cc-{cell.state}" + (" cc-is-late" if cell.late else "")
            inner = format_html(
                '<span aria-hidden="true">{}</span><span class="visually-hidden">{}: {}</span>',
                mark,
                cell.period.label,
                label,
            )
            if cell.url:
                inner = format_html('<a href="{}">{}</a>', cell.url, inner)
            yield css, label, inner

    return format_html_join("", '<td class="{}" title="{}">{}</td>', parts())
