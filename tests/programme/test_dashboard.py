"""The realisation dashboard narrowed by its filters (area, goal, quarter, kind,
district), kept in its URL; the year month by month against the plan; and every table of
it as a spreadsheet, built in the background."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from openpyxl import load_workbook

from programme import charts, selectors, services
from programme import realisation as counting
from programme.models import RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, ActivityStatus, District, Institution
from pzss.documents.models import Job
from pzss.lib import charts as drawing
from pzss.lib.translit import to_latin
from tests.core.soup import messages_on, soup
from tests.programme.builders import first_target, make_revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

YEAR = 2031
URL = f"/programme/{YEAR}/realisation/"


def _held(title, *, month, kind=ActivityKind.WORKING_VISIT, area=1, institution=None):
    activity = Activity.objects.create(
        area=area,
        kind=kind,
        title=title,
        start_date=dt.date(YEAR, month, 10),
        status=ActivityStatus.HELD,
    )
    if institution:
        activity.institutions.add(Institution.objects.get(name=institution))
    return activity


@pytest.fixture
def revision():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, intro_targets=1)


@pytest.fixture
def target(revision):
    """Area I's first goal's first target: 2 working visits."""
    target = first_target(revision)
    target.activities.add(
        _held("Посета Зрењанин", month=3, institution="ЦСР Зрењанин"),
        _held("Посета Шид", month=5, institution="ЦСР Шид"),
    )
    return target


def _realised(staff_user, **query) -> dict[int, object]:
    filters = selectors.RealisationFilters.from_query(query)
    result = selectors.realisation(user=staff_user, year=YEAR, filters=filters)
    return {row.target.pk: row for area in result.areas for row in area.rows}


def test_a_quarter_counts_only_the_activities_held_in_it(staff_user, target):
    assert _realised(staff_user)[target.pk].realised == 2
    assert _realised(staff_user, quarter="1")[target.pk].realised == 1
    assert _realised(staff_user, quarter="2")[target.pk].realised == 1
    assert _realised(staff_user, quarter="4")[target.pk].realised == 0


def test_a_district_counts_the_activities_that_reached_it(staff_user, target):
    banat = District.objects.get(municipalities__name="Зрењанин")
    srem = District.objects.get(municipalities__name="Шид")
    bačka = District.objects.get(municipalities__name="Нови Сад")
    assert _realised(staff_user, district=str(banat.pk))[target.pk].realised == 1
    assert _realised(staff_user, district=str(srem.pk))[target.pk].realised == 1
    assert _realised(staff_user, district=str(bačka.pk))[target.pk].realised == 0


def test_a_district_counts_an_activity_held_there_too(staff_user, target):
    novi_sad = Institution.objects.get(name="ЦСР Шид").municipality.district.municipalities.first()
    visit = _held("Посета у округу", month=6)
    visit.municipality = novi_sad
    visit.save()
    target.activities.add(visit)
    district = str(novi_sad.district_id)
    assert _realised(staff_user, district=district)[target.pk].realised == 2


def test_a_kind_shows_the_targets_of_that_kind_and_counts_the_activities_of_it(staff_user, target):
    target.activities.add(_held("Округли сто", month=4, kind=ActivityKind.ROUND_TABLE))
    rows = _realised(staff_user, kind=ActivityKind.WORKING_VISIT)
    assert rows[target.pk].realised == 2  # the round table does not count
    assert {row.target.kind for row in rows.values()} == {ActivityKind.WORKING_VISIT}
    assert _realised(staff_user)[target.pk].realised == 3


def test_an_area_and_a_goal_narrow_the_targets_shown(staff_user, revision, target):
    result = selectors.realisation(
        user=staff_user, year=YEAR, filters=selectors.RealisationFilters(area=2)
    )
    assert [a.section.area for a in result.areas] == [2]
    goal = target.goal
    rows = _realised(staff_user, goal=str(goal.pk))
    assert set(rows) == set(goal.targets.values_list("pk", flat=True))


def test_the_totals_follow_the_filters(staff_user, target):
    filters = selectors.RealisationFilters(quarter=1)
    result = selectors.realisation(user=staff_user, year=YEAR, filters=filters)
    assert result.totals.held == 1
    assert result.municipalities == {"Зрењанин": 1}


def test_values_that_are_not_the_programmes_are_ignored():
    filters = selectors.RealisationFilters.from_query(
        {"area": "9", "quarter": "5", "kind": "nonsense", "goal": "x", "district": "-1"}
    )
    assert filters == selectors.RealisationFilters()
    assert not filters.active


def test_the_page_keeps_the_filters_in_its_url_and_in_its_links(staff_client, target):
    page = soup(staff_client.get(URL, {"area": "1", "quarter": "2"}))
    assert page.select_one("#f-area option[selected]")["value"] == "1"
    assert page.select_one("#f-quarter option[selected]")["value"] == "2"
    export = page.find("a", string="Export the tables to XLSX")
    assert export["href"].endswith("?area=1&quarter=2")
    assert page.find("a", string="Clear filters")["href"] == URL
    # Area I only, its target realised once in the second quarter.
    assert [s["id"] for s in page.select("section[id^=area-]")] == ["area-1"]
    assert page.select_one(f"#target-{target.pk} .held").get_text(strip=True) == "1"


def test_a_bad_filter_value_shows_the_whole_year(staff_client, target):
    response = staff_client.get(URL, {"quarter": "13", "area": "<b>"})
    assert response.status_code == 200
    assert soup(response).select_one(f"#target-{target.pk} .held").get_text(strip=True) == "2"


def test_the_unplanned_list_is_paged_and_its_pages_keep_the_filters(staff_client, target):
    for i in range(selectors.UNPLANNED_PER_PAGE + 3):
        _held(f"Непланирано {i}", month=2)
    page = soup(staff_client.get(URL, {"area": "1"}))
    assert len(page.select(".unplanned-list > li")) == selectors.UNPLANNED_PER_PAGE
    assert "28" in page.select_one("#unplanned-h").get_text()
    following = page.select_one("#unplanned .pagination a")
    assert following["href"] == "?area=1&unplanned_page=2#unplanned"
    second = soup(staff_client.get(URL, {"area": "1", "unplanned_page": "2"}))
    assert len(second.select(".unplanned-list > li")) == 3
    # A quarter narrows them too.
    assert not soup(staff_client.get(URL, {"quarter": "3"})).select(".unplanned-list > li")


# --- the year month by month ------------------------------------------------------------


def test_the_plan_spreads_each_target_over_its_months(revision):
    t = Target(quantity=6, unit="visits", bound="exact", start_month=1, end_month=6)
    whole = Target(quantity=12, unit="events", bound="at_least")
    at_most = Target(quantity=12, unit="events", bound="at_most")
    qualitative = Target(quantity=None, unit="")
    people = Target(quantity=100, unit="participants", bound="exact")
    months = counting.planned_by_month([t, whole, at_most, qualitative, people])
    assert months[:6] == [2] * 6
    assert months[6:] == [1] * 6
    assert counting.running_total(months)[-1] == 18


def test_held_activities_are_counted_by_the_month_they_started(staff_user, target):
    result = selectors.realisation(user=staff_user, year=YEAR)
    assert result.held_by_month[2] == 1 and result.held_by_month[4] == 1
    assert sum(result.held_by_month) == 2


def test_the_line_stops_at_the_current_month(staff_user, target):
    result = selectors.realisation(user=staff_user, year=YEAR)
    chart = charts.cumulative_chart(result, year=YEAR, today=dt.date(YEAR, 4, 2))
    realised = [row[2] for row in chart.rows]
    assert realised[:4] == [0, 0, 1, 1]
    assert all(value in ("", None) for value in realised[4:])
    assert (
        "Through April: 1 held activity against 3 planned by then (8 in the year)"
        in chart.description
    )
    assert "<svg" in str(chart.svg) and "<desc" in str(chart.svg)


def test_a_quarter_does_not_narrow_the_line(staff_user, target):
    filters = selectors.RealisationFilters(quarter=1)
    result = selectors.realisation(user=staff_user, year=YEAR, filters=filters)
    assert sum(result.held_by_month) == 2


def test_the_line_is_on_the_page_with_its_numbers(staff_client, target):
    page = soup(staff_client.get(URL))
    line = page.select_one(".realisation-line")
    assert line is not None
    assert line.select_one("svg[role=img]") is not None
    assert len(line.select("table tbody tr")) == 12


def test_a_chart_is_drawn_again_when_only_its_description_changes():
    """The description is inside the SVG (its <desc>): a cached drawing of the same
    numbers with another description must not be served."""
    cache.clear()
    args = dict(
        title="T",
        periods=["I", "II"],
        planned=[1, 2],
        realised=[1, None],
        planned_label="P",
        realised_label="R",
        period_header="M",
    )
    first = drawing.cumulative_line(description="По плану.", **args)
    second = drawing.cumulative_line(description="Иза плана.", **args)
    assert "Иза плана." in BeautifulSoup(str(second.svg), "html.parser").desc.get_text()
    assert str(first.svg) != str(second.svg)


# --- the spreadsheet --------------------------------------------------------------------


def test_every_table_goes_to_a_spreadsheet_built_in_the_background(
    staff_client, staff_user, target, run_jobs
):
    unplanned = _held("Непланирана посета", month=7)
    services.activity_mark_outside(
        user=staff_user, activity=_held("Ван програма", month=8), reason="Позив министарства."
    )
    queued = run_jobs(staff_client.get, f"/programme/{YEAR}/realisation/export/", {"area": "1"})
    assert queued.status_code == 302 and queued.url.startswith("/staff/documents/jobs/")
    link = soup(staff_client.get(queued.url)).select_one(".job-status a.btn-primary")
    response = staff_client.get(link["href"])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == [
        "Targets",
        "Month by month",
        "Municipalities",
        "Realising no target",
        "Outside the programme",
    ]
    targets = list(book["Targets"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in targets} == {"I"}  # the area filter
    row = next(r for r in targets if r[2] == to_latin(target.description))
    assert row[4:9] == (2, "visits", 2, 100, "Reached")
    months = list(book["Month by month"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 12 and months[-1][2] == 2
    assert ("Zrenjanin", 1) in list(book["Municipalities"].iter_rows(min_row=2, values_only=True))
    [free] = list(book["Realising no target"].iter_rows(min_row=2, values_only=True))
    assert free[3] == "Neplanirana poseta" and free[0].date() == unplanned.start_date
    [outside] = list(book["Outside the programme"].iter_rows(min_row=2, values_only=True))
    assert outside[3] == "Poziv ministarstva."


def test_only_staff_export_the_realisation(client, plain_user, target):
    assert client.get(f"/programme/{YEAR}/realisation/export/").status_code in (302, 403)
    client.force_login(plain_user)
    assert client.get(f"/programme/{YEAR}/realisation/export/").status_code in (302, 403)


def test_there_is_nothing_to_export_without_a_programme_in_force(staff_client):
    make_revision(year=YEAR, status=RevisionStatus.DRAFT)
    response = staff_client.get(f"/programme/{YEAR}/realisation/export/", follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "There is no programme in force for 2031." in messages_on(soup(response))
    assert not Job.objects.exists()


def test_linking_from_a_filtered_page_returns_to_it(staff_client, target):
    free = _held("Непланирана посета", month=2)
    page = soup(staff_client.get(URL, {"area": "1", "quarter": "1"}))
    form = page.select_one(f"#unplanned-{free.pk} form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    assert data["filters"] == "area=1&quarter=1"
    data["target"] = str(target.pk)
    response = staff_client.post(form["action"], data)
    assert response.status_code == 302
    assert response.url == f"{URL}?area=1&quarter=1#target-{target.pk}"


def test_the_filters_sent_back_are_read_again_never_followed(staff_client, target):
    free = _held("Непланирана посета", month=2)
    url = f"/programme/{YEAR}/realisation/activities/{free.pk}/outside/"
    response = staff_client.post(url, {"reason": "Ван.", "filters": "area=1&next=//evil.example"})
    assert response.url == f"{URL}?area=1#outside"
