"""A report's charts (pzss.lib.charts: SVG on the page and in the PDF, a table beside
each): the 45 municipalities coloured by one number, and the districts' totals of it
this period beside the previous one. Public tables give suppressed cells, and the charts
print «< 5» for them without drawing their size."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pzss.lib.charts import Chart, municipality_map, planned_vs_realised
from pzss.lib.translit import for_language
from research.report_tables import FigureTable, map_cells, short_district


def _content(text: str) -> str:
    return for_language(text, get_language())


def figure_map(table: FigureTable, *, label: str) -> Chart:
    cells = map_cells(table)
    values = {name: cell.value for name, cell in cells.items() if cell.shown and cell.value}
    texts = {name: cell.short for name, cell in cells.items() if cell.suppressed}
    # Nought is a figure (none reported), not a missing one: the tile says 0, not «–».
    texts |= {name: "0" for name, cell in cells.items() if cell.shown and cell.value == 0}
    field = _content(table.field["label"])
    if values:
        top = max(values, key=lambda name: (values[name], name))
        description = _("%(figure)s by municipality, %(period)s. The most: %(name)s, %(n)s.") % {
            "figure": field,
            "period": label,
            "name": _content(top),
            "n": cells[top],
        }
    else:
        description = _("%(figure)s by municipality, %(period)s: no figures.") % {
            "figure": field,
            "period": label,
        }
    if any(cell.suppressed for cell in cells.values()):
        description += " " + _("Figures from 1 to 4 are shown as “< 5”.")
    return municipality_map(
        title=field,
        description=description,
        values={name: int(v) for name, v in values.items()},
        label=_content,
        name_header=_("Municipality"),
        value_header=field,
        texts=texts,
    )


def districts_chart(table: FigureTable, *, label: str, previous_label: str) -> Chart:
    heads = [head for head, _rows in table.groups]
    field = _content(table.field["label"])
    return planned_vs_realised(
        title=_("%(figure)s by district") % {"figure": field},
        description=_("%(figure)s by district, %(period)s beside %(previous)s.")
        % {"figure": field, "period": label, "previous": previous_label},
        labels=[_content(short_district(h.name)) for h in heads],
        planned=[h.previous.value if h.previous.shown else None for h in heads],
        realised=[h.current.value or 0 if h.current.shown else 0 for h in heads],
        realised_text=[h.current.short if h.current.suppressed else None for h in heads],
        planned_label=previous_label,
        realised_label=label,
        label_header=_("District"),
    )
