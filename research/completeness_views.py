"""The completeness grid of a data set (staff): who reported for which period, the rates
per period and per district, and the same grid as XLSX; and the staff dashboard's panel.

The XLSX is written in the request, not by a background job: the grid is one row per
expected institution (45 centres; the house answers exports of up to
EXPORT_INLINE_MAX_ROWS rows at once) and is read in three queries, so it takes
milliseconds, not the seconds a job is for."""

import io

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pzss.core.models import District
from pzss.lib.roles import staff_required
from pzss.lib.xlsx import XLSX_CONTENT_TYPE, SheetWriter
from research import completeness
from research.completeness import LATE_FILTER, CellState, Grid

LAST = "last"


class CompletenessFilters(forms.Form):
    """The grid's filters, kept in its URL (a filtered grid can be bookmarked and
    exported). Invalid values fall back to the defaults rather than fail the page."""

    year = forms.CharField(label=gettext_lazy("Periods"), required=False)
    district = forms.ModelChoiceField(
        label=gettext_lazy("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=gettext_lazy("The whole province"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Institutions with a cell"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.years = years
        self.fields["state"].choices = [
            ("", gettext_lazy("Any")),
            *CellState.choices,
            (LATE_FILTER, gettext_lazy("sent late")),
        ]

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        year = (data.get("year") or "").strip()
        if year == LAST:
            chosen = None
        elif year.isdigit() and int(year) in self.years:
            chosen = int(year)
        else:
            this_year = timezone.localdate().year
            chosen = this_year if this_year in self.years or not self.years else self.years[0]
        district = data.get("district")
        return {
            "year": chosen,
            "last": completeness.DEFAULT_LAST if chosen is None else None,
            "district_id": district.pk if district else None,
            "state": data.get("state") or "",
        }


def _grid(request, code: str) -> tuple[Grid, CompletenessFilters, dict]:
    data_set = completeness.staff_data_set(user=request.user, code=code)
    if data_set is None:
        raise Http404
    form = CompletenessFilters(request.GET, years=completeness.period_years(data_set))
    values = form.values()
    grid = completeness.completeness_grid(user=request.user, data_set=data_set, **values)
    return grid, form, values


@staff_required
def completeness_grid(request, code: str):
    grid, form, values = _grid(request, code)
    query = request.GET.urlencode()
    return render(
        request,
        "research/completeness/grid.html",
        {
            "grid": grid,
            "data_set": grid.data_set,
            "form": form,
            "year_choices": [(str(y), str(y)) for y in form.years]
            + [(LAST, _("The last %(n)d periods") % {"n": completeness.DEFAULT_LAST})],
            "year_value": LAST if values["year"] is None else str(values["year"]),
            "filtered": bool(values["district_id"] or values["state"]),
            "query": query,
            "legend": [
                (state, completeness.STATE_MARKS[state], label)
                for state, label in CellState.choices
            ],
            "late_mark": completeness.LATE_MARK,
        },
    )


def _percent(value: float | None):
    return None if value is None else round(value, 1)


def grid_xlsx(grid: Grid) -> bytes:
    """Two sheets: the grid (a row per institution, a column per period, each cell its
    state in words) with the rates under it, and the rates per district."""
    periods = grid.periods
    sheet = SheetWriter(
        title=_("Completeness"),
        headers=[_("District"), _("Municipality"), _("Institution")] + [p.label for p in periods],
        widths=[22, 20, 45] + [14] * len(periods),
    )
    for group in grid.shown_groups:
        for row in group.rows:
            municipality = row.institution.municipality
            sheet.append(
                [group.name, municipality.name if municipality else "", row.institution.name]
                + [cell.label for cell in row.cells]
            )
    sheet.append([])
    for label, value in (
        (_("Expected reports"), lambda r: r.expected),
        (_("Actual reports"), lambda r: r.actual),
        (_("Reports on time"), lambda r: r.on_time),
        (_("Reporting rate (%)"), lambda r: _percent(r.reporting_rate)),
        (_("On-time rate (%)"), lambda r: _percent(r.on_time_rate)),
    ):
        sheet.append(["", "", label] + [value(c.rates) for c in grid.columns])
    districts = sheet.add_sheet(
        title=_("By district"),
        headers=[
            _("District"),
            _("Expected reports"),
            _("Actual reports"),
            _("Reports on time"),
            _("Reporting rate (%)"),
            _("On-time rate (%)"),
        ],
        widths=[26, 12, 12, 12, 12, 12],
    )
    for group in [*grid.district_table, None]:
        name, rates = (group.name, group.rates) if group else (_("Total"), grid.totals)
        districts.append(
            [
                name,
                rates.expected,
                rates.actual,
                rates.on_time,
                _percent(rates.reporting_rate),
                _percent(rates.on_time_rate),
            ]
        )
    out = io.BytesIO()
    sheet.save(out)
    return out.getvalue()


@staff_required
def completeness_export(request, code: str):
    grid, _form, values = _grid(request, code)
    response = HttpResponse(grid_xlsx(grid), content_type=XLSX_CONTENT_TYPE)
    span = values["year"] or "last"
    filename = f"kompletnost-{grid.data_set.code}-{span}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def completeness_dashboard_panel(request) -> dict | None:
    """The staff dashboard's word on reporting (registered in apps.py): the data sets
    with a period due in the coming week or reports missing, with their rates."""
    summaries = completeness.dashboard_summaries(user=request.user)
    if not summaries:
        return None
    return {"summaries": summaries, "days_ahead": completeness.DASHBOARD_DAYS_AHEAD}
