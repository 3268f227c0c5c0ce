"""Everything a report prints, built once for its four readers — the staff page, the
public page, the PDF and the spreadsheet — from its figures (frozen once published):
for the public with small cells suppressed, for staff in full."""

from dataclasses import dataclass

from pzss.lib.charts import Chart
from research.models import StatisticalReport
from research.report_charts import districts_chart, figure_map
from research.report_services import report_figures_of
from research.report_tables import (
    FigureTable,
    counted,
    district_matrix,
    figure_tables,
    number_fields,
    summary,
)


@dataclass
class ReportContent:
    report: StatisticalReport
    figures: dict
    public: bool
    tables: list[FigureTable]
    summary: list
    matrix_headers: list[str]
    matrix: list
    counted: list[dict]
    figure: FigureTable | None  # the number the map and the districts' chart show
    map: Chart | None
    districts_chart: Chart | None

    @property
    def label(self) -> str:
        return self.figures.get("label", "")

    @property
    def previous_label(self) -> str:
        return self.figures.get("previous_label", "")

    @property
    def submissions(self) -> int:
        return self.figures["current"]["submissions"]

    @property
    def number_fields(self) -> list[dict]:
        return number_fields(self.figures)


def report_content(
    report: StatisticalReport, *, public: bool, figure: str | None = None, figures=None
) -> ReportContent:
    """`figure` (a number's code) colours the map; by default the report's own choice,
    else its first number."""
    figures = figures if figures is not None else report_figures_of(report)
    tables = figure_tables(figures, public=public)
    by_code = {t.code: t for t in tables}
    chosen = by_code.get(figure or "") or by_code.get(report.map_field) or (tables or [None])[0]
    headers, matrix = district_matrix(tables)
    return ReportContent(
        report=report,
        figures=figures,
        public=public,
        tables=tables,
        summary=summary(tables),
        matrix_headers=headers,
        matrix=matrix,
        counted=counted(figures),
        figure=chosen,
        map=figure_map(chosen, label=figures["label"]) if chosen else None,
        districts_chart=districts_chart(
            chosen, label=figures["label"], previous_label=figures["previous_label"]
        )
        if chosen
        else None,
    )
