"""The completeness grid: each cell's state (with late on top), DHIS2's expected and
actual reports and rates per period, per district and in all; its page, export and
dashboard panel, and who may open them."""

import dataclasses
import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pzss.core.models import Institution, InstitutionAccount, InstitutionKind
from research import completeness
from research.completeness import CellState, completeness_grid
from research.form_services import data_set_create_from_spec
from research.models import Period, SubmissionStatus
from tests.research.builders import SMALL, make_data_set, make_submission

pytestmark = pytest.mark.django_db

YEAR = 2025
# SMALL is monthly, due 5 days after the month: January's by 5.2., February's by 5.3.
TODAY = dt.date(YEAR, 3, 20)
BELGRADE = ZoneInfo("Europe/Belgrade")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BELGRADE)


@pytest.fixture
def data_set():
    return make_data_set(year=YEAR)


def period(data_set, month: int) -> Period:
    return Period.objects.get(data_set=data_set, start=dt.date(YEAR, month, 1))


def centres() -> list[Institution]:
    return list(
        Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True)
        .select_related("municipality__district")
        .order_by("name")
    )


def grid_for(user, data_set, **kwargs):
    return completeness_grid(user=user, data_set=data_set, year=YEAR, today=TODAY, **kwargs)


def cell(grid, institution, month: int):
    for group in grid.groups:
        for row in group.rows:
            if row.institution.pk == institution.pk:
                return row.cells[month - 1]
    raise AssertionError(f"{institution} is not in the grid")


@pytest.fixture
def reported(data_set):
    """A: January accepted on time, February sent late; B: January returned, February a
    draft; D: March sent before its deadline; everyone else nothing."""
    a, b, _c, d = centres()[:4]
    make_submission(period=period(data_set, 1), institution=a, values={})
    make_submission(
        period=period(data_set, 2),
        institution=a,
        values={},
        status=SubmissionStatus.SUBMITTED,
        submitted_at=at(dt.date(YEAR, 3, 7), 9),
    )
    make_submission(
        period=period(data_set, 1), institution=b, values={}, status=SubmissionStatus.RETURNED
    )
    make_submission(
        period=period(data_set, 2), institution=b, values={}, status=SubmissionStatus.DRAFT
    )
    make_submission(
        period=period(data_set, 3),
        institution=d,
        values={},
        status=SubmissionStatus.SUBMITTED,
        submitted_at=at(dt.date(YEAR, 3, 18), 9),
    )
    return centres()[:4]


# --- the states ----------------------------------------------------------------------------


def test_each_cell_has_the_state_of_its_submission_or_of_its_deadline(
    staff_user, data_set, reported
):
    a, b, c, d = reported
    grid = grid_for(staff_user, data_set)
    assert (cell(grid, a, 1).state, cell(grid, a, 1).late) == (CellState.ACCEPTED, False)
    assert (cell(grid, a, 2).state, cell(grid, a, 2).late) == (CellState.SUBMITTED, True)
    assert cell(grid, b, 1).state == CellState.RETURNED
    assert cell(grid, b, 2).state == CellState.DRAFT
    # nothing sent: missing once the deadline has passed, not yet due before it
    assert cell(grid, c, 1).state == CellState.MISSING
    assert cell(grid, c, 2).state == CellState.MISSING
    assert cell(grid, c, 3).state == CellState.NOT_DUE
    assert (cell(grid, d, 3).state, cell(grid, d, 3).late) == (CellState.SUBMITTED, False)
    assert len(grid.columns) == 12


def test_the_deadline_day_counts_in_local_time(staff_user, data_set):
    a, b = centres()[:2]
    deadline = period(data_set, 1).deadline
    # 23:30 in Belgrade on the deadline is 22:30 UTC: on time; 00:30 the next day is late
    # although it is still the deadline's day in UTC.
    make_submission(
        period=period(data_set, 1), institution=a, values={}, submitted_at=at(deadline, 23, 30)
    )
    make_submission(
        period=period(data_set, 1),
        institution=b,
        values={},
        submitted_at=at(deadline + dt.timedelta(days=1), 0, 30),
    )
    grid = grid_for(staff_user, data_set)
    assert cell(grid, a, 1).late is False
    assert cell(grid, b, 1).late is True
    assert grid.columns[0].rates.on_time == 1


def test_a_cell_reads_without_its_colour(staff_user, data_set, reported):
    a = reported[0]
    grid = grid_for(staff_user, data_set)
    late = cell(grid, a, 2)
    assert late.mark == completeness.STATE_MARKS[CellState.SUBMITTED] + completeness.LATE_MARK
    assert late.label == "submitted, late"
    marks = set(completeness.STATE_MARKS.values())
    assert len(marks) == len(CellState.values)  # each state its own mark


# --- the rates -----------------------------------------------------------------------------


def test_rates_per_period_count_submitted_and_accepted_as_actual_reports(
    staff_user, data_set, reported
):
    grid = grid_for(staff_user, data_set)
    expected = len(centres())
    january, february, march = (c.rates for c in grid.columns[:3])
    # January: A accepted on time; B's returned report is not an actual report.
    assert (january.expected, january.actual, january.on_time) == (expected, 1, 1)
    # February: A sent late (actual, not on time); B's draft is nothing yet.
    assert (february.expected, february.actual, february.on_time) == (expected, 1, 0)
    # March is not due, but D's early report shows in its column.
    assert (march.actual, march.on_time) == (1, 1)
    assert january.reporting_rate == pytest.approx(100 / expected)
    assert february.on_time_rate == 0


def test_totals_count_only_the_periods_that_are_due(staff_user, data_set, reported):
    grid = grid_for(staff_user, data_set)
    expected = len(centres())
    # January and February are due; March's early report and the rest of the year are not
    # in the totals.
    assert (grid.totals.expected, grid.totals.actual, grid.totals.on_time) == (
        2 * expected,
        2,
        1,
    )
    assert grid.state_counts[CellState.MISSING] == 2 * expected - 4
    assert grid.state_counts[completeness.LATE_FILTER] == 1


def test_rates_per_district_add_up_to_the_totals(staff_user, data_set, reported):
    a = reported[0]
    grid = grid_for(staff_user, data_set)
    per_district = Counter(i.municipality.district_id for i in centres())
    by_pk = {g.district.pk: g for g in grid.groups if g.district}
    assert set(by_pk) == set(per_district)
    for district_id, count in per_district.items():
        assert by_pk[district_id].rates.expected == 2 * count
        assert len(by_pk[district_id].rows) == count
    home = by_pk[a.municipality.district_id].rates
    assert home.actual >= 2  # A's two reports are its district's
    assert sum(g.rates.expected for g in grid.groups) == grid.totals.expected
    assert sum(g.rates.actual for g in grid.groups) == grid.totals.actual
    assert sum(g.rates.on_time for g in grid.groups) == grid.totals.on_time


def test_a_district_filter_narrows_the_institutions_and_every_rate(staff_user, data_set, reported):
    a = reported[0]
    district = a.municipality.district
    count = sum(1 for i in centres() if i.municipality.district_id == district.pk)
    grid = grid_for(staff_user, data_set, district_id=district.pk)
    assert grid.institutions == count
    assert [g.district for g in grid.groups] == [district]
    assert grid.totals.expected == 2 * count
    assert grid.columns[0].rates.expected == count


def test_a_state_filter_narrows_the_rows_but_not_the_figures(staff_user, data_set, reported):
    a, b, c, d = reported
    whole = grid_for(staff_user, data_set)
    missing = grid_for(staff_user, data_set, state=CellState.MISSING)
    shown = {row.institution.pk for g in missing.groups for row in g.rows}
    assert c.pk in shown and d.pk in shown
    assert a.pk not in shown and b.pk not in shown
    assert missing.totals == whole.totals
    late = grid_for(staff_user, data_set, state=completeness.LATE_FILTER)
    assert [row.institution.pk for g in late.groups for row in g.rows] == [a.pk]


def test_an_institution_expected_now_is_expected_in_past_periods_too(staff_user, data_set):
    newcomer = Institution.objects.create(name="Нови центар", kind=InstitutionKind.CSW)
    grid = grid_for(staff_user, data_set)
    assert cell(grid, newcomer, 1).state == CellState.MISSING
    retired = centres()[0]
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    grid = grid_for(staff_user, data_set)
    assert retired.pk not in {row.institution.pk for g in grid.groups for row in g.rows}


def test_the_last_periods_are_those_begun_by_today(staff_user, data_set):
    grid = completeness_grid(user=staff_user, data_set=data_set, last=2, today=TODAY)
    assert [c.period.start.month for c in grid.columns] == [2, 3]


def test_only_staff_get_a_grid(plain_user, data_set):
    assert completeness_grid(user=plain_user, data_set=data_set, year=YEAR) is None


def _chosen_data_set(n: int):
    """A data set expecting `n` institutions of its own (not the reference centres)."""
    spec = dataclasses.replace(SMALL, code=f"chosen-{n}", expected_kinds=())
    data_set = make_data_set(spec, year=YEAR)
    institutions = Institution.objects.bulk_create(
        Institution(name=f"Установа {n}-{i}", kind=InstitutionKind.OTHER) for i in range(n)
    )
    data_set.chosen_institutions.set(institutions)
    for i, institution in enumerate(Institution.objects.filter(name__startswith=f"Установа {n}-")):
        make_submission(period=period(data_set, 1 + i % 12), institution=institution, values={})
    return data_set


@pytest.mark.parametrize("n", [5, 50])
def test_the_grid_reads_in_three_queries_whatever_the_number_of_institutions(
    staff_user, django_assert_num_queries, n
):
    data_set = _chosen_data_set(n)
    completeness.is_staff_member(staff_user)  # the role is cached on the user
    # the expected institutions with municipality and district, the periods, the
    # submissions' columns
    with django_assert_num_queries(3):
        grid = grid_for(staff_user, data_set)
    assert grid.institutions == n


@pytest.mark.parametrize("n", [5, 50])
def test_the_page_reads_in_the_same_queries_whatever_the_number_of_institutions(
    staff_client, django_assert_num_queries, n
):
    data_set = _chosen_data_set(n)
    url = reverse("research:completeness", args=[data_set.code]) + f"?year={YEAR}"
    # session, user, its groups, the data set, its years, the institutions, the periods,
    # the submissions, the districts of the filter
    with django_assert_num_queries(9):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="cc cc-') == n * 12 + 7  # + the legend


# --- the page ------------------------------------------------------------------------------


def test_staff_see_the_grid_with_states_rates_and_districts(
    english, staff_user, data_set, reported
):
    english.force_login(staff_user)
    response = english.get(reverse("research:completeness", args=[data_set.code]), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="completeness-grid"' in html and 'id="completeness-districts"' in html
    assert "submitted, late" in html
    assert "returned for correction" in html
    assert reported[0].municipality.district.name in html


def test_cells_link_to_the_review_page_when_it_exists(staff_user, data_set, reported, monkeypatch):
    a = reported[0]
    linked = cell(grid_for(staff_user, data_set), a, 1)
    assert linked.url == reverse("research:review:detail", kwargs={"pk": linked.submission_id})
    monkeypatch.setattr(completeness, "REVIEW_URL_NAME", "research:no-such-page")
    assert cell(grid_for(staff_user, data_set), a, 1).url == ""  # a missing page: no link
    assert cell(grid_for(staff_user, data_set), reported[2], 1).url == ""  # nothing sent


def test_a_user_without_a_role_gets_403_and_anonymous_users_log_in(client, plain_user, data_set):
    for name in ("research:completeness", "research:completeness_export"):
        url = reverse(name, args=[data_set.code])
        assert client.get(url).status_code == 302
        assert client.get(url).url.startswith("/accounts/login/?next=")
        client.force_login(plain_user)
        assert client.get(url).status_code == 403
        client.logout()


def test_an_institution_login_never_sees_the_grid(client, django_user_model, data_set):
    user = django_user_model.objects.create_user(username="centar", password="x")
    user.groups.add(Group.objects.get_or_create(name="institution")[0])
    InstitutionAccount.objects.create(user=user, institution=centres()[0])
    client.force_login(user)
    assert client.get(reverse("research:completeness", args=[data_set.code])).status_code == 403
    url = reverse("research:completeness_export", args=[data_set.code])
    assert client.get(url).status_code == 403


def test_an_unknown_data_set_is_a_404_to_staff(staff_client):
    assert staff_client.get(reverse("research:completeness", args=["nope"])).status_code == 404


def test_the_export_holds_the_grid_and_the_rates_per_district(
    english, staff_client, data_set, reported
):
    response = staff_client.get(
        reverse("research:completeness_export", args=[data_set.code]), {"year": YEAR}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    grid, districts = book.worksheets
    rows = list(grid.iter_rows(values_only=True))
    assert rows[0][3] == "01/2025" and len(rows[0]) == 3 + 12
    a = reported[0]
    row_a = next(r for r in rows if r[2] == a.name)
    assert (row_a[3], row_a[4], row_a[5]) == ("accepted", "submitted, late", "missing")
    totals = list(districts.iter_rows(values_only=True))[-1]
    # the page asks for today's grid: every period of 2025 is due by now
    assert totals[1:4] == (12 * len(centres()), 3, 2)


def test_the_export_follows_the_filters(staff_client, data_set, reported):
    district = reported[0].municipality.district
    response = staff_client.get(
        reverse("research:completeness_export", args=[data_set.code]),
        {"year": YEAR, "district": district.pk},
    )
    rows = list(
        load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
    )
    named = [r for r in rows[1:] if r[2]]
    institutions = [r for r in named if r[0] == district.name]
    assert len(institutions) == sum(
        1 for i in centres() if i.municipality.district_id == district.pk
    )


# --- the dashboard -------------------------------------------------------------------------


def test_the_dashboard_names_a_data_set_with_a_period_due_this_week(english, staff_user):
    today = timezone.localdate()
    data_set = data_set_create_from_spec(user=None, spec=SMALL)
    Period.objects.create(
        data_set=data_set,
        start=today - dt.timedelta(days=40),
        end=today - dt.timedelta(days=10),
        deadline=today + dt.timedelta(days=3),
    )
    english.force_login(staff_user)
    html = english.get(reverse("core:dashboard")).content.decode()
    assert 'id="research-completeness"' in html
    assert reverse("research:completeness", args=[data_set.code]) in html
    assert f"0 of {len(centres())} sent" in html


def test_the_dashboard_says_nothing_without_reports_due_or_missing(english, staff_user):
    english.force_login(staff_user)
    html = english.get(reverse("core:dashboard")).content.decode()
    assert 'id="research-completeness"' not in html


def test_dashboard_summaries_count_recently_missing_reports(staff_user, data_set, reported):
    summaries = completeness.dashboard_summaries(user=staff_user, today=TODAY)
    [summary] = summaries
    # January (due 5.2.) and February (5.3.) are within the 60 days back
    assert summary.missing == 2 * len(centres()) - 2
    assert completeness.dashboard_summaries(user=staff_user, today=dt.date(YEAR + 2, 1, 1)) == []


def test_dashboard_summaries_are_for_staff_only(plain_user, data_set, reported):
    assert completeness.dashboard_summaries(user=plain_user, today=TODAY) == []


def test_the_page_links_a_sent_cell_and_escapes_what_it_writes(
    staff_client, data_set, reported, monkeypatch
):
    monkeypatch.setattr(completeness, "REVIEW_URL_NAME", "core:activity_detail")
    a = reported[0]
    a.short_name = "ЦСР <b>Ада</b>"
    a.save(update_fields=["short_name"])
    html = staff_client.get(
        reverse("research:completeness", args=[data_set.code]), {"year": YEAR}
    ).content.decode()
    submission = a.submissions.get(period=period(data_set, 1))
    assert f'href="{reverse("core:activity_detail", kwargs={"pk": submission.pk})}"' in html
    assert "<b>Ада</b>" not in html and "&lt;b&gt;Ада&lt;/b&gt;" in html
