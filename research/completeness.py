"""Completeness in DHIS2's terms: for a data set and a range of its periods, who was
expected to report, who did, and who did on time.

- **Expected reports** of a period: the institutions expected to report on the data set.
  Kept simple on purpose: the data set's expected institutions *now*
  (`DataSet.expected_institutions()`), for every period shown — an institution that
  joined the list this year is expected for last year's periods too, and one that was
  deactivated drops out of past periods as well. The grid is a tool for chasing reports,
  not an archive of who was on the list when.
- **Actual reports**: the expected institutions whose submission is submitted or accepted
  (DHIS2's "actual reports"); a draft or a submission returned for correction is not one.
- **Reporting rate** = actual / expected; **on-time rate** = actual reports first
  submitted by the deadline's day (local time) / expected (DHIS2's "reporting rate on
  time": the on-time reports are a part of the actual ones).
- Totals, and the rates per district, count only the periods that are **due** (their
  deadline has passed): a period still open would pull a year's rate down for reports
  nobody owes yet. A period not yet due still shows its own figures in its column.

Each cell has one state — missing (the deadline has passed and nothing was sent), not yet
due, draft, submitted, returned, accepted — and a `late` flag on top of it (first sent
after the deadline's day).

The grid is read in a constant number of queries, whatever the number of institutions
and periods: the expected institutions with their municipality and district, the
periods, and the submissions' few columns (`.values()`); everything else is counted in
Python.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.core.models import District
from pzss.lib.roles import is_staff_member
from research.models import DataSet, Period, Submission

# The staff review page of a submission (the submissions' app part names it); the grid's
# cells link to it when it exists, and stay plain text when it does not.
REVIEW_URL_NAME = "research:review:detail"
# A key no submission has, reversed once per grid and replaced by each cell's key.
_URL_SENTINEL = 987654321

# What «the last N periods» means when no year is asked for.
DEFAULT_LAST = 24


class CellState(models.TextChoices):
    MISSING = "missing", _("missing")
    NOT_DUE = "not_due", _("not yet due")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    ACCEPTED = "accepted", _("accepted")


# A mark per state, so that a cell reads without its colour (UX: never colour alone);
# signs, not letters, so that they read the same in every language and script.
STATE_MARKS = {
    CellState.MISSING: "✕",
    CellState.NOT_DUE: "·",
    CellState.DRAFT: "✎",
    CellState.SUBMITTED: "↑",
    CellState.RETURNED: "↩",
    CellState.ACCEPTED: "✓",
}
LATE_MARK = "!"
# The states that are actual reports (DHIS2).
ACTUAL_STATES = frozenset({CellState.SUBMITTED, CellState.ACCEPTED})
# The filter's extra choice beside the states: any cell sent after its deadline.
LATE_FILTER = "late"


@dataclass
class Rates:
    expected: int = 0
    actual: int = 0
    on_time: int = 0

    def add(self, other: "Rates") -> None:
        self.expected += other.expected
        self.actual += other.actual
        self.on_time += other.on_time

    @property
    def reporting_rate(self) -> float | None:
        """Percent, or None when nothing was expected."""
        return 100 * self.actual / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.on_time / self.expected if self.expected else None

    @property
    def missing(self) -> int:
        return self.expected - self.actual


# Plain strings of the states (a TextChoices member is slow to make per cell).
_ACTUAL_VALUES = frozenset(str(s) for s in ACTUAL_STATES)
_MISSING, _NOT_DUE = CellState.MISSING.value, CellState.NOT_DUE.value


@dataclass(slots=True)
class Cell:
    """One institution's report for one period. (Slotted and plain: a grid has a few
    thousand of them, made in one loop.)"""

    period: Period
    state: str
    late: bool = False
    submission_id: int | None = None
    url: str = ""

    @property
    def mark(self) -> str:
        return STATE_MARKS[self.state] + (LATE_MARK if self.late else "")

    @property
    def label(self) -> str:
        """The cell's state in words (its title and the screen reader's text)."""
        text = str(CellState(self.state).label)
        return f"{text}, {_('late')}" if self.late else text

    @property
    def is_actual(self) -> bool:
        return self.state in _ACTUAL_VALUES

    @property
    def on_time(self) -> bool:
        return self.is_actual and not self.late


@dataclass
class Row:
    institution: object  # pzss.core Institution
    cells: list[Cell]

    def has(self, state: str) -> bool:
        if state == LATE_FILTER:
            return any(cell.late for cell in self.cells)
        return any(cell.state == state for cell in self.cells)


@dataclass
class DistrictGroup:
    district: District | None
    rows: list[Row] = field(default_factory=list)
    rates: Rates = field(default_factory=Rates)

    @property
    def name(self) -> str:
        return self.district.name if self.district else str(_("No district"))


@dataclass(frozen=True)
class PeriodColumn:
    period: Period
    is_due: bool
    rates: Rates


@dataclass
class Grid:
    data_set: DataSet
    today: dt.date
    columns: list[PeriodColumn]
    groups: list[DistrictGroup]  # every district's, filtered by state for display
    totals: Rates
    institutions: int  # expected institutions counted (after the district filter)
    shown: int  # rows shown (after the state filter)
    state_counts: dict[str, int]

    @property
    def periods(self) -> list[Period]:
        return [c.period for c in self.columns]

    @property
    def shown_groups(self) -> list[DistrictGroup]:
        return [g for g in self.groups if g.rows]

    @property
    def district_table(self) -> list[DistrictGroup]:
        return [g for g in self.groups if g.rates.expected or g.rows]


def review_url_template() -> str:
    """The review page's address with a placeholder key, or "" when there is no such
    page (reversed once per grid, not once per cell)."""
    try:
        return reverse(REVIEW_URL_NAME, kwargs={"pk": _URL_SENTINEL})
    except NoReverseMatch:
        return ""


def _periods(data_set: DataSet, *, year: int | None, last: int | None, today: dt.date):
    periods = Period.objects.filter(data_set=data_set).only(
        "id", "data_set_id", "start", "end", "deadline", "closed_at"
    )
    if year is not None:
        return list(periods.filter(start__year=year).order_by("start"))
    # The last N periods that have begun (the one under way among them).
    recent = list(periods.filter(start__lte=today).order_by("-start")[: last or DEFAULT_LAST])
    return recent[::-1]


def completeness_grid(
    *,
    user,
    data_set: DataSet,
    year: int | None = None,
    last: int | None = None,
    district_id: int | None = None,
    state: str = "",
    today: dt.date | None = None,
) -> Grid | None:
    """The grid of `data_set`'s expected institutions × its periods of `year` (or the
    last `last` periods begun by today), grouped by district, with the rates per period,
    per district and in all. `district_id` narrows the institutions (and so every rate);
    `state` (a CellState, or "late") only narrows the rows shown — the rates stay those
    of every institution, so a filtered page does not change the figures. Staff only.

    Three queries: institutions, periods, submissions."""
    if not is_staff_member(user):
        return None
    today = today or timezone.localdate()
    institutions = (
        data_set.expected_institutions()
        .select_related("municipality__district")
        .only(
            "id",
            "name",
            "short_name",
            "email",
            "municipality__name",
            "municipality__district__name",
            "municipality__district__order",
        )
        .order_by("name")
    )
    if district_id:
        institutions = institutions.filter(municipality__district_id=district_id)
    institutions = list(institutions)
    periods = _periods(data_set, year=year, last=last, today=today)
    wanted = {i.pk for i in institutions}
    found: dict[tuple[int, int], dict] = {}
    if periods and institutions:
        rows = Submission.objects.filter(period_id__in=[p.pk for p in periods]).values(
            "id", "period_id", "institution_id", "status", "first_submitted_at"
        )
        for row in rows:
            if row["institution_id"] in wanted:
                found[(row["institution_id"], row["period_id"])] = row

    url_template = review_url_template()
    sentinel = str(_URL_SENTINEL)
    # Per period, once: whether it is due, and the first moment that is late (the day
    # after the deadline, local midnight), so each cell compares two datetimes.
    due = [p.deadline < today for p in periods]
    late_from = [
        timezone.make_aware(dt.datetime.combine(p.deadline + dt.timedelta(days=1), dt.time()))
        for p in periods
    ]
    counts = [[0, 0, 0] for _p in periods]  # expected, actual, on time
    groups: dict[int | None, DistrictGroup] = {}
    state_counts = dict.fromkeys(CellState.values, 0)
    late_cells = 0
    shown = 0
    actual_states = _ACTUAL_VALUES
    for institution in institutions:
        municipality = institution.municipality
        district = municipality.district if municipality else None
        key = district.pk if district else None
        group = groups.get(key)
        if group is None:
            group = groups[key] = DistrictGroup(district)
        group_counts = [0, 0, 0]
        cells = []
        for index, period in enumerate(periods):
            submission = found.get((institution.pk, period.pk))
            if submission is None:
                cell = Cell(period, _MISSING if due[index] else _NOT_DUE)
            else:
                sent = submission["first_submitted_at"]
                pk = submission["id"]
                cell = Cell(
                    period,
                    submission["status"],
                    sent is not None and sent >= late_from[index],
                    pk,
                    url_template.replace(sentinel, str(pk)) if url_template else "",
                )
            cells.append(cell)
            state_counts[cell.state] += 1
            column = counts[index]
            column[0] += 1
            if cell.state in actual_states:
                column[1] += 1
                if not cell.late:
                    column[2] += 1
            if cell.late:
                late_cells += 1
            if due[index]:
                group_counts[0] += 1
                if cell.state in actual_states:
                    group_counts[1] += 1
                    group_counts[2] += not cell.late
        group.rates.add(Rates(*group_counts))
        row = Row(institution=institution, cells=cells)
        if not state or row.has(state):
            group.rows.append(row)
            shown += 1
    state_counts[LATE_FILTER] = late_cells
    columns_rates = [Rates(*c) for c in counts]
    totals = Rates()
    for group in groups.values():
        totals.add(group.rates)

    ordered = sorted(
        groups.values(),
        key=lambda g: (g.district is None, g.district.order if g.district else 0, g.name),
    )
    return Grid(
        data_set=data_set,
        today=today,
        columns=[
            PeriodColumn(period=p, is_due=d, rates=r)
            for p, d, r in zip(periods, due, columns_rates, strict=True)
        ],
        groups=ordered,
        totals=totals,
        institutions=len(institutions),
        shown=shown,
        state_counts=state_counts,
    )


def period_years(data_set: DataSet) -> list[int]:
    """The years the data set has periods in, latest first (the filter's choices)."""
    return sorted(
        {d.year for d in Period.objects.filter(data_set=data_set).dates("start", "year")},
        reverse=True,
    )


def staff_data_set(*, user, code: str) -> DataSet | None:
    if not is_staff_member(user):
        return None
    return DataSet.objects.filter(code=code).first()


# The dashboard's horizon: periods due within this many days ahead, and reports missed
# within this many days back (older gaps are the grid's business, not the morning's).
DASHBOARD_DAYS_AHEAD = 7
DASHBOARD_DAYS_BACK = 60


@dataclass(frozen=True)
class DataSetSummary:
    data_set: DataSet
    due_soon: list[PeriodColumn]  # due within DASHBOARD_DAYS_AHEAD
    missing: int  # reports missing in open periods due within DASHBOARD_DAYS_BACK
    rates: Rates  # those recently due periods'


def dashboard_summaries(*, user, today: dt.date | None = None) -> list[DataSetSummary]:
    """The collecting data sets with a period due in the next days or reports missing
    from the recent ones (the staff dashboard's panel). One query for the data sets and
    the grid's three for each of them (a handful of data sets)."""
    if not is_staff_member(user):
        return []
    today = today or timezone.localdate()
    ahead = today + dt.timedelta(days=DASHBOARD_DAYS_AHEAD)
    back = today - dt.timedelta(days=DASHBOARD_DAYS_BACK)
    data_sets = DataSet.objects.filter(
        is_active=True,
        periods__deadline__range=(back, ahead),
        periods__closed_at__isnull=True,
    ).distinct()
    out = []
    for data_set in data_sets:
        grid = completeness_grid(user=user, data_set=data_set, today=today)
        due_soon = [c for c in grid.columns if today <= c.period.deadline <= ahead]
        recent = {
            c.period.pk
            for c in grid.columns
            if c.is_due and c.period.deadline >= back and not c.period.is_closed
        }
        rates = Rates()
        for column in grid.columns:
            if column.period.pk in recent:
                rates.add(column.rates)
        if due_soon or rates.missing:
            out.append(
                DataSetSummary(
                    data_set=data_set, due_soon=due_soon, missing=rates.missing, rates=rates
                )
            )
    return out
