"""What anything public may print of the institutions' figures (small-cell suppression).

The figures of area III count people — victims of violence, children placed away from
their family — by municipality, where a small number can point at one family. So the
public pages, the published PDF and the public spreadsheet never print a figure from 1 to
4: they read «мање од 5» instead. Nought is printed: it tells of no one. Staff pages show
every figure.

This is the same rule as the programme's public figures (`programme/disclosure.py`,
`SMALLEST_PUBLIC_COUNT = 5`); it is written again here because an area app never imports
the programme, and this one adds what a table needs beyond a single figure:

- **Primary suppression**: a municipality's, a district's or the province's figure from
  1 to 4 is suppressed.
- **Secondary suppression**: a suppressed figure must not be recoverable by subtracting
  the figures shown from their total. Where exactly one municipality of a district is
  suppressed (and the district's total is shown), the next smallest figure of that
  district is suppressed too. Where exactly one district's total is suppressed (and the
  province's is shown), the smallest other district total that itself hides a suppressed
  municipality is suppressed too (a district whose municipalities are all shown would
  give its total away); if there is none, the province's total is suppressed.
- **Across figures**: the form's sums («жртве, укупно» = «женског пола» + «мушког пола»)
  give a figure away from the others of its municipality just as a total does, so the
  same step is taken within each such group of figures (`suppress_figures`), and all
  the steps are repeated until nothing more is hidden.

This is a simple heuristic, not an optimal one: a cell-suppression solver (τ-ARGUS)
hides fewer cells and also proves interval protection. «Од тога» (a part at most its
total) gives a bound, never a figure, and is not a sum to protect.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

SMALLEST_PUBLIC_COUNT = 5
SUPPRESSED = gettext_lazy("fewer than 5")
SUPPRESSED_SHORT = "< 5"


def is_small(value) -> bool:
    """The primary rule: a figure from 1 to 4 (0 and no figure are not small)."""
    return value is not None and 0 < value < SMALLEST_PUBLIC_COUNT


@dataclass(frozen=True)
class Suppression:
    """Which figures of a table (municipality → district → province) are suppressed."""

    municipalities: frozenset[str] = field(default_factory=frozenset)
    districts: frozenset[str] = field(default_factory=frozenset)
    total: bool = False


@dataclass(frozen=True)
class TableFigures:
    """One figure's table: by municipality, by district, for the province (None: no
    figure)."""

    municipalities: Mapping[str, float | None]
    district_totals: Mapping[str, float | None]
    total: float | None


def suppress_table(
    *,
    municipalities: Mapping[str, float | None],
    districts: list[dict],
    district_totals: Mapping[str, float | None],
    total: float | None,
) -> Suppression:
    """The cells to suppress in one figure's table. `districts` is [{name,
    municipalities: [names]}]; a missing figure is None (no figure, shown as a dash)."""
    table = TableFigures(municipalities, district_totals, total)
    return suppress_figures(tables={"": table}, districts=districts)[""]


def _smallest(candidates) -> str | None:
    shown = sorted((value, key) for value, key in candidates if (value or 0) > 0)
    return shown[0][1] if shown else None


def suppress_figures(
    *,
    tables: Mapping[str, TableFigures],
    districts: list[dict],
    groups: list[list[str]] = (),
) -> dict[str, Suppression]:
    """The cells to suppress in several figures' tables printed together. Each table's
    own sums are protected (see the module's docstring); so are the form's sums across
    figures — `groups`, each [total, part, part…] of a rule «the parts add up to the
    total» — in each municipality, district and the province: where one cell of a group
    is suppressed, the next smallest of the group goes with it (else victims less men
    would give women away). Applied until nothing changes (each step only hides more)."""
    codes = list(tables)
    m = {c: {n for n, v in tables[c].municipalities.items() if is_small(v)} for c in codes}
    d = {c: {n for n, v in tables[c].district_totals.items() if is_small(v)} for c in codes}
    t = {c: is_small(tables[c].total) for c in codes}
    groups = [[c for c in g if c in tables] for g in groups]
    changed = True
    while changed:
        changed = False
        for c in codes:
            table = tables[c]
            for district in districts:
                names = district["municipalities"]
                own = [n for n in names if n in m[c]]
                if len(own) != 1 or district["name"] in d[c]:
                    continue
                pick = _smallest((table.municipalities.get(n), n) for n in names if n not in m[c])
                if pick:
                    m[c].add(pick)
                else:
                    d[c].add(district["name"])
                changed = True
            if len(d[c]) == 1 and not t[c]:
                with_hidden = {
                    x["name"] for x in districts if any(n in m[c] for n in x["municipalities"])
                }
                pick = _smallest(
                    (v, name)
                    for name, v in table.district_totals.items()
                    if name not in d[c] and name in with_hidden
                )
                if pick:
                    d[c].add(pick)
                else:
                    t[c] = True
                changed = True
        for group in groups:
            if len(group) < 2:
                continue
            for name in {n for c in group for n in tables[c].municipalities}:
                hidden = [c for c in group if name in m[c]]
                if len(hidden) == 1:
                    pick = _smallest(
                        (tables[c].municipalities.get(name), c) for c in group if c not in hidden
                    )
                    if pick:
                        m[pick].add(name)
                        changed = True
            for name in {n for c in group for n in tables[c].district_totals}:
                hidden = [c for c in group if name in d[c]]
                if len(hidden) == 1:
                    pick = _smallest(
                        (tables[c].district_totals.get(name), c) for c in group if c not in hidden
                    )
                    if pick:
                        d[pick].add(name)
                        changed = True
            hidden = [c for c in group if t[c]]
            if len(hidden) == 1:
                pick = _smallest((tables[c].total, c) for c in group if c not in hidden)
                if pick:
                    t[pick] = True
                    changed = True
    return {c: Suppression(frozenset(m[c]), frozenset(d[c]), t[c]) for c in codes}


@dataclass(frozen=True)
class Cell:
    """A figure as a reader may see it: its value, or none when it is suppressed (the
    true figure is not kept, so no template can print it)."""

    value: int | float | None
    suppressed: bool = False

    @classmethod
    def of(cls, value, *, suppressed: bool = False) -> "Cell":
        return cls(None, True) if suppressed else cls(value)

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None

    def __str__(self) -> str:
        if self.suppressed:
            return str(SUPPRESSED)
        if self.value is None:
            return "–"
        # Thousands grouped, a decimal's own places (sums are rounded to two).
        return number_format(self.value, force_grouping=True)

    @property
    def short(self) -> str:
        """The tile map's and the chart's text: «< 5» where suppressed."""
        return SUPPRESSED_SHORT if self.suppressed else str(self)
