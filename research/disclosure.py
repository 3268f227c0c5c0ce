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

This protects the sums of one table; it does not solve suppression across several
related tables (a total and its «од тога» parts printed in separate tables), which needs
a cell-suppression solver (τ-ARGUS); the monthly report's figures are printed a table
each, by municipality.
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


def suppress_table(
    *,
    municipalities: Mapping[str, float | None],
    districts: list[dict],
    district_totals: Mapping[str, float | None],
    total: float | None,
) -> Suppression:
    """The cells to suppress in one figure's table. `districts` is [{name,
    municipalities: [names]}]; a missing figure is None (no figure, shown as a dash)."""
    hidden = {name for name, v in municipalities.items() if is_small(v)}
    hidden_districts = {name for name, v in district_totals.items() if is_small(v)}
    hidden_total = is_small(total)
    # Secondary, within a district: one suppressed municipality is the district's total
    # less the others; suppress the next smallest figure with it.
    for district in districts:
        names = district["municipalities"]
        own = [n for n in names if n in hidden]
        if len(own) != 1 or district["name"] in hidden_districts:
            continue
        candidates = sorted(
            (municipalities[n], n)
            for n in names
            if n not in hidden and (municipalities.get(n) or 0) > 0
        )
        if candidates:
            hidden.add(candidates[0][1])
        else:
            hidden_districts.add(district["name"])
    # Secondary, across districts: the same for the province's total.
    if len(hidden_districts) == 1 and not hidden_total:
        with_hidden = {
            d["name"] for d in districts if any(n in hidden for n in d["municipalities"])
        }
        candidates = sorted(
            (v, name)
            for name, v in district_totals.items()
            if name not in hidden_districts and name in with_hidden and (v or 0) > 0
        )
        if candidates:
            hidden_districts.add(candidates[0][1])
        else:
            hidden_total = True
    return Suppression(frozenset(hidden), frozenset(hidden_districts), hidden_total)


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
