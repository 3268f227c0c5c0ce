"""A report's figures (`research.statistics.report_figures`, live or frozen) as the tables
the report page, the public page, the PDF and the spreadsheet print — for staff every
figure, for the public with small cells suppressed (`research.disclosure`).

- A table per number: the municipalities grouped by district, each district's total and
  the province's, this period beside the previous one and the change.
- A summary: each number's province total, the previous period and the change.
- The districts side by side, a column each, a row per number.
- Yes/no and choice fields count institutions (how many answered «да», how many chose
  each): not people, so they are printed as they are, for the province.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from research.disclosure import Cell, Suppression, TableFigures, suppress_figures
from research.models import FieldType
from research.statistics import SUMMED, change

NUMBER_TYPES = tuple(str(t) for t in SUMMED)


@dataclass(frozen=True)
class Row:
    name: str
    level: str  # "municipality", "district" or "total"
    current: Cell
    previous: Cell
    diff: Cell
    percent: Cell

    @property
    def diff_text(self) -> str:
        if not self.diff.shown:
            return "–"
        sign = "+" if self.diff.value > 0 else ""
        return f"{sign}{self.diff}"

    @property
    def percent_text(self) -> str:
        if not self.percent.shown:
            return "–"
        sign = "+" if self.percent.value > 0 else ""
        return f"{sign}{self.percent}\u00a0%"


@dataclass(frozen=True)
class FigureTable:
    field: dict
    groups: list[tuple[Row, list[Row]]]  # (district's row, its municipalities' rows)
    total: Row

    @property
    def code(self) -> str:
        return self.field["code"]


def number_fields(figures: dict) -> list[dict]:
    return [f for f in figures.get("fields", []) if f["type"] in NUMBER_TYPES]


def _value(bucket: dict | None, code: str):
    if not bucket:
        return None
    return bucket["values"].get(code)


def suppressions(figures: dict, side: str, *, public: bool) -> dict[str, Suppression]:
    """What the public may not read of one side ("current", "previous") of the figures,
    for every number at once (the form's sums tie them together); nothing for staff."""
    if not public:
        return {}
    data = figures[side]
    tables = {
        f["code"]: TableFigures(
            municipalities={n: _value(b, f["code"]) for n, b in data["municipalities"].items()},
            district_totals={n: _value(b, f["code"]) for n, b in data["district_totals"].items()},
            total=_value(data["total"], f["code"]),
        )
        for f in number_fields(figures)
    }
    return suppress_figures(
        tables=tables, districts=figures["districts"], groups=figures.get("groups", [])
    )


def _row(name, level, current, previous, hide_now, hide_before) -> Row:
    now = Cell.of(current, suppressed=hide_now)
    before = Cell.of(previous, suppressed=hide_before)
    diff, percent = change(now.value if now.shown else None, before.value if before.shown else None)
    return Row(name, level, now, before, Cell(diff), Cell(percent))


def figure_table(
    figures: dict, code: str, *, public: bool, hidden: tuple[dict, dict] | None = None
) -> FigureTable | None:
    """One number's table; `hidden` is the two sides' `suppressions` when the caller
    has them already."""
    field = next((f for f in number_fields(figures) if f["code"] == code), None)
    if field is None:
        return None
    districts = figures["districts"]
    now, before = figures["current"], figures["previous"]
    if hidden is None:
        hidden = (
            suppressions(figures, "current", public=public),
            suppressions(figures, "previous", public=public),
        )
    s_now = hidden[0].get(code, Suppression())
    s_before = hidden[1].get(code, Suppression())
    groups = []
    for district in districts:
        name = district["name"]
        head = _row(
            name,
            "district",
            _value(now["district_totals"].get(name), code),
            _value(before["district_totals"].get(name), code),
            name in s_now.districts,
            name in s_before.districts,
        )
        rows = [
            _row(
                m,
                "municipality",
                _value(now["municipalities"].get(m), code),
                _value(before["municipalities"].get(m), code),
                m in s_now.municipalities,
                m in s_before.municipalities,
            )
            for m in district["municipalities"]
        ]
        groups.append((head, rows))
    total = _row(
        _("AP Vojvodina"),
        "total",
        _value(now["total"], code),
        _value(before["total"], code),
        s_now.total,
        s_before.total,
    )
    return FigureTable(field=field, groups=groups, total=total)


def figure_tables(figures: dict, *, public: bool) -> list[FigureTable]:
    hidden = (
        suppressions(figures, "current", public=public),
        suppressions(figures, "previous", public=public),
    )
    return [
        figure_table(figures, f["code"], public=public, hidden=hidden)
        for f in number_fields(figures)
    ]


def summary(tables: list[FigureTable]) -> list[tuple[dict, Row]]:
    """Each number's province row (already suppressed where the table is public)."""
    return [(t.field, t.total) for t in tables]


def short_district(name: str) -> str:
    return name.removesuffix(" управни округ")


def district_matrix(tables: list[FigureTable]) -> tuple[list[str], list[tuple[dict, list[Cell]]]]:
    """The districts as columns (and the province last), a row per number."""
    if not tables:
        return [], []
    # «Јужнобачки»: the district's own word is enough over a narrow column.
    headers = [short_district(head.name) for head, _rows in tables[0].groups]
    headers.append(tables[0].total.name)
    rows = [
        (t.field, [head.current for head, _rows in t.groups] + [t.total.current]) for t in tables
    ]
    return headers, rows


def counted(figures: dict) -> list[dict]:
    """The yes/no and choice fields, for the province: {"field", "answers": [(label, n)],
    "given"}."""
    total = figures["current"]["total"]
    out = []
    for f in figures.get("fields", []):
        code = f["code"]
        given = total["given"].get(code, 0)
        if f["type"] == FieldType.BOOLEAN:
            yes = total["yes"].get(code, 0)
            answers = [(_("yes"), yes), (_("no"), given - yes)]
        elif f["type"] == FieldType.CHOICE:
            counts = total["choices"].get(code, {})
            answers = [(c, counts.get(c, 0)) for c in f["choices"]]
            answers += [(c, n) for c, n in counts.items() if c not in f["choices"]]
        else:
            continue
        out.append({"field": f, "answers": answers, "given": given})
    return out


def map_cells(table: FigureTable) -> dict[str, Cell]:
    """The municipalities' cells of one number's table, for the map."""
    return {row.name: row.current for _head, rows in table.groups for row in rows}
