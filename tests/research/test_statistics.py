"""The accepted figures added up by municipality, district and province, and what the
public may read of them (small-cell suppression, primary and secondary)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pzss.core.models import Institution, InstitutionKind
from research.disclosure import TableFigures, suppress_figures, suppress_table
from research.form_services import FieldSpec, form_fill, version_in_use
from research.models import DataSetVersion, FieldType, SubmissionStatus, VersionStatus
from research.reference import DOMESTIC_VIOLENCE
from research.report_tables import figure_table
from research.statistics import aggregate, month_periods, report_figures
from tests.research.builders import make_data_set, make_submission

pytestmark = pytest.mark.django_db

YEAR = 2025
NS, TEMERIN, TITEL = "Нови Сад", "Темерин", "Тител"
SOMBOR = "Сомбор"
SOUTH_BACKA = "Јужнобачки управни округ"
WEST_BACKA = "Западнобачки управни округ"


def centre(municipality: str) -> Institution:
    return Institution.objects.get(kind=InstitutionKind.CSW, municipality__name=municipality)


def figures(total, *, children=0, licensed=None, challenge=None, note="", share=None):
    values = {"total": total, "women": total, "men": 0, "children": children}
    if licensed is not None:
        values["licensed"] = licensed
    if challenge is not None:
        values["challenge"] = challenge
    if share is not None:
        values["share"] = share
    if note:
        values["note"] = note
    return values


@pytest.fixture
def data_set():
    return make_data_set(year=YEAR)


def period(data_set, month):
    return month_periods(data_set, YEAR, month)[0]


def test_numbers_are_summed_by_municipality_district_and_province(data_set):
    march = period(data_set, 3)
    make_submission(period=march, institution=centre(NS), values=figures(10, children=2))
    make_submission(period=march, institution=centre(TEMERIN), values=figures(7))
    make_submission(period=march, institution=centre(SOMBOR), values=figures(5, share="12.5"))
    result = aggregate([march])
    assert result["municipalities"][NS]["values"]["total"] == 10
    assert result["municipalities"][TEMERIN]["values"]["total"] == 7
    assert result["district_totals"][SOUTH_BACKA]["values"]["total"] == 17
    assert result["district_totals"][WEST_BACKA]["values"]["total"] == 5
    assert result["total"]["values"]["total"] == 22
    assert result["total"]["values"]["children"] == 2
    assert result["total"]["values"]["share"] == 12.5
    assert result["submissions"] == 3


def test_only_accepted_figures_count(data_set):
    march = period(data_set, 3)
    make_submission(period=march, institution=centre(NS), values=figures(10))
    for status, place in ((SubmissionStatus.SUBMITTED, TEMERIN), (SubmissionStatus.DRAFT, TITEL)):
        make_submission(period=march, institution=centre(place), values=figures(50), status=status)
    assert aggregate([march])["total"]["values"]["total"] == 10


def test_yes_no_is_counted_and_choices_counted_per_choice(data_set):
    march = period(data_set, 3)
    make_submission(
        period=march, institution=centre(NS), values=figures(1, licensed=True, challenge="Кадар")
    )
    make_submission(
        period=march,
        institution=centre(TEMERIN),
        values=figures(1, licensed=False, challenge="Кадар"),
    )
    make_submission(period=march, institution=centre(TITEL), values=figures(1, licensed=True))
    total = aggregate([march])["total"]
    assert total["yes"]["licensed"] == 2
    assert total["given"]["licensed"] == 3
    assert total["choices"]["challenge"] == {"Кадар": 2}


def test_text_is_never_aggregated_nor_carried(data_set):
    march = period(data_set, 3)
    make_submission(
        period=march, institution=centre(NS), values=figures(9, note="Породица Петровић")
    )
    result = report_figures(data_set=data_set, year=YEAR, month=3)
    assert "note" not in {f["code"] for f in result["fields"]}
    assert "Петровић" not in str(result)


def test_a_field_missing_from_an_older_form_is_no_figure_not_nought(data_set):
    march = period(data_set, 3)
    make_submission(period=march, institution=centre(NS), values=figures(10, children=3))
    old = version_in_use(data_set)
    # A second version of the form without «children»: a submission made with it has no
    # figure for it.
    old.status = VersionStatus.RETIRED
    old.save()
    new = DataSetVersion.objects.create(data_set=data_set, number=2)
    form_fill(
        version=new,
        fields=[FieldSpec("total", "Укупно", FieldType.INTEGER, min_value=0)],
        rules=[],
    )
    new.status = VersionStatus.PUBLISHED
    new.save()
    make_submission(period=march, institution=centre(TEMERIN), values={"total": 4})
    result = aggregate([march])
    assert result["total"]["values"]["total"] == 14
    assert result["total"]["values"]["children"] == 3
    assert result["total"]["given"]["children"] == 1
    assert "children" not in result["municipalities"][TEMERIN]["values"]


def test_the_previous_month_gives_the_change(data_set):
    make_submission(period=period(data_set, 2), institution=centre(NS), values=figures(8))
    make_submission(period=period(data_set, 3), institution=centre(NS), values=figures(10))
    result = report_figures(data_set=data_set, year=YEAR, month=3)
    table = figure_table(result, "total", public=False)
    assert (table.total.current.value, table.total.previous.value) == (10, 8)
    assert table.total.diff.value == 2
    assert table.total.percent.value == 25.0
    assert table.total.diff_text == "+2"


def test_a_month_sums_its_two_halves_of_twice_monthly_figures():
    aurora = make_data_set(DOMESTIC_VIOLENCE, year=YEAR)
    halves = month_periods(aurora, YEAR, 3)
    assert len(halves) == 2
    base = {"reports": 0, "reports_partner": 0, "victims": 0, "victims_women": 0}
    for half, n in zip(halves, (3, 4), strict=True):
        make_submission(period=half, institution=centre(NS), values={**base, "reports": n})
    result = report_figures(data_set=aurora, year=YEAR, month=3)
    assert result["current"]["municipalities"][NS]["values"]["reports"] == 7


def test_the_queries_do_not_grow_with_institutions_and_periods(data_set):
    def count(n_centres, months):

        centres = list(Institution.objects.filter(kind=InstitutionKind.CSW)[:n_centres])
        periods = [period(data_set, m) for m in months]
        for p in periods:
            for c in centres:
                make_submission(period=p, institution=c, values=figures(5))
        with CaptureQueriesContext(connection) as ctx:
            aggregate(periods)
        return len(ctx.captured_queries)

    small = count(3, [1])
    large = count(40, [4, 5, 6])
    assert small == large == 3


# --- suppression ----------------------------------------------------------------------

DISTRICTS = [
    {"name": "A", "municipalities": ["a1", "a2", "a3"]},
    {"name": "B", "municipalities": ["b1", "b2"]},
]


def test_primary_suppression_hides_one_to_four_and_shows_nought():
    s = suppress_table(
        municipalities={"a1": 3, "a2": 0, "a3": 20, "b1": 4, "b2": 9},
        districts=DISTRICTS,
        district_totals={"A": 23, "B": 13},
        total=36,
    )
    assert "a1" in s.municipalities and "b1" in s.municipalities
    assert "a2" not in s.municipalities
    assert not s.total


def test_one_suppressed_municipality_of_a_district_takes_the_next_smallest_with_it():
    s = suppress_table(
        municipalities={"a1": 3, "a2": 30, "a3": 20, "b1": 10, "b2": 9},
        districts=DISTRICTS,
        district_totals={"A": 53, "B": 19},
        total=72,
    )
    # a1 alone would be A's total less a2 and a3: a3 (the next smallest) goes with it.
    assert s.municipalities == {"a1", "a3"}


def test_a_single_small_district_total_takes_another_with_it():
    s = suppress_table(
        municipalities={"a1": 2, "a2": 0, "a3": 0, "b1": 3, "b2": 40},
        districts=DISTRICTS,
        district_totals={"A": 2, "B": 43},
        total=45,
    )
    assert "A" in s.districts
    # B hides b1 (and b2 with it), so its total cannot give A's away: it is hidden too.
    assert "B" in s.districts
    assert {"a1", "b1", "b2"} <= s.municipalities


def test_a_form_sum_does_not_give_a_suppressed_figure_away_from_the_others():
    # victims = women + men: women 3 would be victims 30 less men 27; men go with it.
    def table(values):
        return TableFigures(
            municipalities=values,
            district_totals={"A": sum(values.get(n, 0) for n in ("a1", "a2", "a3")), "B": 40},
            total=sum(values.get(n, 0) for n in ("a1", "a2", "a3")) + 40,
        )

    hidden = suppress_figures(
        tables={
            "victims": table({"a1": 30, "a2": 50, "a3": 60}),
            "women": table({"a1": 3, "a2": 25, "a3": 30}),
            "men": table({"a1": 27, "a2": 25, "a3": 30}),
        },
        districts=DISTRICTS,
        groups=[["victims", "women", "men"]],
    )
    assert "a1" in hidden["women"].municipalities  # primary
    assert "a1" in hidden["men"].municipalities  # the form's sum
    # …and each table's own sums then take a second municipality with them.
    assert len(hidden["men"].municipalities) >= 2
    assert len(hidden["women"].municipalities) >= 2
    assert hidden["victims"].municipalities == frozenset()
