"""The accepted figures added up: per field, by municipality, by district and for the
province, over any set of periods of a data set (the two «Аурора» periods of a month, the
periods of a year). Selectors only: nothing here writes.

- Only what counts: a submission's accepted version (`Submission.objects.accepted()`).
- Each submission is read with its own form version's fields: a field its form did not
  have is "no figure" (not 0), and a field whose type changed between versions counts
  only where it had the type the newest form gives it.
- Numbers (whole and decimal) are summed; a yes/no field counts its «да»; a choice field
  counts each choice. Text is never aggregated: it is not even read into the result, so
  no page, PDF or spreadsheet built from it can show it.
- A constant number of queries whatever the number of institutions and periods: the
  submissions' figures in one, the fields of the forms they used in one, the
  municipalities and districts in one.

The result is plain JSON-safe data (ints, floats, strings), so a published report can
freeze it as it is (`StatisticalReport.figures`).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from pzss.core.models import Municipality
from research.form_services import version_in_use
from research.models import DataField, DataRule, DataSet, FieldType, Period, RuleKind, Submission

SUMMED = (FieldType.INTEGER, FieldType.DECIMAL)
COUNTED = (FieldType.BOOLEAN, FieldType.CHOICE)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else round(float(value), 2)


def _empty() -> dict:
    # "n": how many submissions are in it; "given": how many gave each figure.
    return {"n": 0, "values": {}, "given": {}, "yes": {}, "choices": {}}


def month_periods(data_set: DataSet, year: int, month: int) -> list[Period]:
    """The periods of a data set that begin in a month (its two halves, twice a month)."""
    return list(data_set.periods.filter(start__year=year, start__month=month))


def year_periods(data_set: DataSet, year: int) -> list[Period]:
    return list(data_set.periods.filter(start__year=year))


def previous_month(year: int, month: int) -> tuple[int, int]:
    first = dt.date(year, month, 1) - dt.timedelta(days=1)
    return first.year, first.month


def _fields_of_forms(form_ids: Iterable[int]) -> tuple[dict, list[dict]]:
    """{form id: {code: type}} for the forms read, and the union of their non-text
    fields in the newest form's order (a code the newest lacks keeps an older one's)."""
    rows = list(
        DataField.objects.filter(version_id__in=set(form_ids))
        .exclude(type=FieldType.TEXT)
        .order_by("-version__number", "order", "pk")
        .values(
            "version_id",
            "version__number",
            "code",
            "label",
            "type",
            "unit",
            "section",
            "choices",
            "order",
        )
    )
    types: dict[int, dict[str, str]] = defaultdict(dict)
    union: dict[str, dict] = {}
    for row in rows:
        types[row["version_id"]][row["code"]] = row["type"]
        if row["code"] not in union:
            union[row["code"]] = {
                "code": row["code"],
                "label": row["label"],
                "type": row["type"],
                "unit": row["unit"],
                "section": row["section"],
                "choices": list(row["choices"] or []),
                "rank": (-row["version__number"], row["order"]),
            }
    fields = sorted(union.values(), key=lambda f: f["rank"])
    for f in fields:
        del f["rank"]
    return types, fields


def _add(bucket: dict, field: dict, value) -> None:
    code, kind = field["code"], field["type"]
    if kind in SUMMED:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return
        bucket["values"][code] = bucket["values"].get(code, Decimal(0)) + number
    elif kind == FieldType.BOOLEAN:
        if not isinstance(value, bool):
            return
        bucket["yes"][code] = bucket["yes"].get(code, 0) + int(value)
    elif kind == FieldType.CHOICE:
        counts = bucket["choices"].setdefault(code, {})
        counts[str(value)] = counts.get(str(value), 0) + 1
    else:  # pragma: no cover — text is excluded before this is called
        return
    bucket["given"][code] = bucket["given"].get(code, 0) + 1


def _finish(bucket: dict) -> dict:
    bucket["values"] = {code: _number(v) for code, v in bucket["values"].items()}
    return bucket


def municipalities_by_district() -> list[dict]:
    """Every municipality, by district in the districts' order: one query."""
    out: dict[str, list[str]] = {}
    rows = Municipality.objects.order_by("district__order", "district__name", "name").values_list(
        "district__name", "name"
    )
    for district, name in rows:
        out.setdefault(district, []).append(name)
    return [{"name": district, "municipalities": names} for district, names in out.items()]


def aggregate(
    periods: Iterable[Period], *, districts: list[dict] | None = None, also_forms: Iterable = ()
) -> dict:
    """The accepted figures of `periods` added up by municipality, district and in total.

    {"fields": [{code, label, type, unit, section, choices}], "districts": [{name,
    municipalities}], "municipalities": {name: bucket}, "district_totals": {name: bucket},
    "total": bucket, "submissions": n}; a bucket is {"n", "values" (sums), "given" (how
    many gave the figure), "yes", "choices"}. The fields of the forms in `also_forms` (ids)
    are listed even where no submission used them (the form in use, before anyone sent)."""
    period_ids = [p.pk for p in periods]
    rows = list(
        Submission.objects.accepted()
        .filter(period_id__in=period_ids)
        .values(
            "institution__municipality__name",
            "institution__municipality__district__name",
            "accepted_version__form_id",
            "accepted_version__values",
        )
    )
    types, fields = _fields_of_forms([*(r["accepted_version__form_id"] for r in rows), *also_forms])
    if districts is None:
        districts = municipalities_by_district()
    by_code = {f["code"]: f for f in fields}
    municipalities: dict[str, dict] = defaultdict(_empty)
    district_totals: dict[str, dict] = defaultdict(_empty)
    total = _empty()
    for row in rows:
        own = types.get(row["accepted_version__form_id"], {})
        municipality = row["institution__municipality__name"]
        district = row["institution__municipality__district__name"]
        buckets = [total]
        if municipality:
            buckets += [municipalities[municipality], district_totals[district]]
        for bucket in buckets:
            bucket["n"] += 1
        values = row["accepted_version__values"] or {}
        for code, value in values.items():
            field = by_code.get(code)
            # Not in its own form (or not with this type), or not given: no figure.
            if field is None or own.get(code) != field["type"] or value in (None, ""):
                continue
            for bucket in buckets:
                _add(bucket, field, value)
    return {
        "fields": fields,
        "districts": districts,
        "municipalities": {name: _finish(b) for name, b in municipalities.items()},
        "district_totals": {name: _finish(b) for name, b in district_totals.items()},
        "total": _finish(total),
        "submissions": len(rows),
    }


def report_periods(data_set: DataSet, year: int, month: int | None) -> tuple[list, list]:
    """The periods of a report and of the period before it (the month or year before)."""
    if month:
        before = previous_month(year, month)
        return month_periods(data_set, year, month), month_periods(data_set, *before)
    return year_periods(data_set, year), year_periods(data_set, year - 1)


def report_figures(*, data_set: DataSet, year: int, month: int | None) -> dict:
    """A report's figures: this period's and the previous one's, with their labels. The
    fields are the current period's (or the previous one's when nothing is in yet)."""
    current_periods, previous_periods = report_periods(data_set, year, month)
    districts = municipalities_by_district()
    in_use = version_in_use(data_set)
    forms = [in_use.pk] if in_use else []
    current = aggregate(current_periods, districts=districts, also_forms=forms)
    previous = aggregate(previous_periods, districts=districts)
    if month:
        py, pm = previous_month(year, month)
        labels = (f"{month:02d}/{year}", f"{pm:02d}/{py}")
    else:
        labels = (str(year), str(year - 1))
    known = {f["code"] for f in current["fields"]}
    groups = sum_groups(in_use.pk) if in_use else []
    fields = current["fields"] + [f for f in previous["fields"] if f["code"] not in known]
    return {
        "fields": fields,
        "districts": districts,
        "current": current,
        "previous": previous,
        "label": labels[0],
        "previous_label": labels[1],
        # The form's sums ([total, part, …]): what public suppression protects across figures.
        "groups": groups,
    }


def sum_groups(form_id: int) -> list[list[str]]:
    """[total, part, part…] of each «the parts add up to the total» rule of a form: one
    query."""
    groups: dict[int, list[str]] = {}
    rows = (
        DataRule.objects.filter(version_id=form_id, kind=RuleKind.SUM_EQUALS)
        .order_by("pk", "parts__order")
        .values_list("pk", "total__code", "parts__code")
    )
    for pk, total, part in rows:
        groups.setdefault(pk, [total]).append(part)
    return list(groups.values())


def change(current: int | float | None, previous: int | float | None) -> tuple:
    """(absolute, percent) from `previous` to `current`; None where it cannot be said
    (a figure missing; a percentage of nothing)."""
    if current is None or previous is None:
        return None, None
    diff = current - previous
    diff = int(diff) if float(diff).is_integer() else round(diff, 2)
    percent = round(100 * diff / previous, 1) if previous else None
    if percent is not None and float(percent).is_integer():
        percent = int(percent)
    return diff, percent
