"""The realisation page draws its figures: per area, each goal's realisation in % of its
plan, and the municipalities reached on the tile map — SVG with a text alternative and
the numbers in a table, for staff only."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from programme import charts, selectors
from programme.models import RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Institution
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2031


@pytest.fixture
def realised(staff_user):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)
    target = first_target(revision)  # 2 visits, area I
    visit = Activity.objects.create(
        area=1,
        kind=ActivityKind.WORKING_VISIT,
        title="Радна посета",
        start_date=dt.date(YEAR, 3, 10),
        status=ActivityStatus.HELD,
    )
    visit.institutions.add(Institution.objects.get(name="ЦСР Зрењанин"))
    target.activities.add(visit)
    return selectors.realisation(user=staff_user, year=YEAR)


def test_a_goal_is_drawn_at_its_targets_mean_percentage_each_capped_at_100(realised):
    area = realised.areas[0]
    chart = charts.goals_chart(area)
    [(label, planned, done)] = chart.rows
    assert label.startswith(area.goals[0].goal.number)
    assert (planned, done) == (100, 50)  # one of two visits
    assert "1 goal with targets with a number; 0 of 1 reached." in chart.description


def test_an_area_without_a_target_with_a_number_has_no_chart(staff_user):
    make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)
    Target.objects.update(quantity=None)
    result = selectors.realisation(user=staff_user, year=YEAR)
    assert all(charts.goals_chart(area) is None for area in result.areas)


def test_the_map_says_which_municipalities_were_reached(realised):
    with translation.override("sr"):
        chart = charts.municipalities_chart(realised)
    assert chart.rows[0] == ("Зрењанин", 1)
    assert "Зрењанин, 1" in chart.description
    with translation.override("sr-latn"):
        assert charts.municipalities_chart(realised).rows[0] == ("Zrenjanin", 1)


def test_the_page_shows_the_charts_with_their_numbers_to_staff(staff_client, realised):
    page = BeautifulSoup(staff_client.get(f"/programme/{YEAR}/realisation/").content, "html.parser")
    svgs = page.select("figure.chart svg[role=img]")
    assert len(svgs) == 6  # the line, the map, and each area's goals
    for svg in svgs:
        assert svg.find("title").get_text() and svg.find("desc").get_text()
    numbers = page.select_one(".realisation-map table")
    assert "Zrenjanin" in numbers.get_text()  # the suite reads English: content in Latin


def test_the_public_sees_no_chart(client, realised):
    response = client.get(f"/programme/{YEAR}/realisation/")
    assert response.status_code in (302, 403)
