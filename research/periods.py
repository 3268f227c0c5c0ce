"""The periods of a frequency in a year, and their deadlines: twice a month is the 1st to
the 15th and the 16th to the month's end (the «Аурора» rhythm); a month, a quarter and a
year are the calendar's. A period's report is due `deadline_days` after its last day."""

import calendar
import datetime as dt

from research.models import Frequency


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(frequency: str, year: int) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of each period of `frequency` in `year`, in order."""
    if frequency == Frequency.TWICE_A_MONTH:
        out = []
        for month in range(1, 13):
            out.append((dt.date(year, month, 1), dt.date(year, month, 15)))
            out.append((dt.date(year, month, 16), _month_end(year, month)))
        return out
    if frequency == Frequency.MONTHLY:
        return [(dt.date(year, m, 1), _month_end(year, m)) for m in range(1, 13)]
    if frequency == Frequency.QUARTERLY:
        return [(dt.date(year, m, 1), _month_end(year, m + 2)) for m in (1, 4, 7, 10)]
    if frequency == Frequency.YEARLY:
        return [(dt.date(year, 1, 1), dt.date(year, 12, 31))]
    raise ValueError(f"unknown frequency {frequency!r}")


def deadline_of(end: dt.date, deadline_days: int) -> dt.date:
    return end + dt.timedelta(days=deadline_days)
