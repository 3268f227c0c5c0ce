"""The staff activity list, filtered through the filter form it renders."""

import datetime as dt

import pytest

from pzss.core.models import ActivityStatus, Area, Institution
from tests.core.soup import fill, find_form, soup
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities():
    sid = Institution.objects.get(name="ЦСР Шид")
    held = ActivityFactory(
        title="Округли сто о хранитељству",
        area=Area.SUPPORT,
        status=ActivityStatus.HELD,
        start_date=dt.date(2021, 5, 12),
    )
    held.institutions.set([sid])
    ActivityFactory(
        title="Обука за супервизоре", area=Area.TRAINING, start_date=dt.date(2021, 5, 3)
    )
    ActivityFactory(
        title="Истраживање о услугама", area=Area.RESEARCH, start_date=dt.date(2021, 6, 1)
    )
    return held


def _filter(client, values: dict) -> list[str]:
    page = soup(client.get("/staff/activities/"))
    form = find_form(page, containing="q")
    assert form.get("method") == "get"
    response = client.get("/staff/activities/", fill(form, values))
    assert response.status_code == 200
    return [a.get_text(strip=True) for a in soup(response).select("tbody tr td:nth-of-type(2) a")]


def test_the_list_filters_by_area_and_month(staff_client, activities):
    assert _filter(staff_client, {"area": "2", "month": "2021-05"}) == ["Обука за супервизоре"]


def test_the_list_filters_by_status_and_institution(staff_client, activities):
    sid = Institution.objects.get(name="ЦСР Шид")
    found = _filter(staff_client, {"status": "held", "institution": str(sid.pk)})
    assert found == ["Округли сто о хранитељству"]


def test_a_search_finds_cyrillic_titles(staff_client, activities):
    assert _filter(staff_client, {"q": "хранитељ"}) == ["Округли сто о хранитељству"]


def test_a_search_typed_in_latin_finds_cyrillic_titles(staff_client, activities):
    assert _filter(staff_client, {"q": "hraniteljstvu"}) == ["Округли сто о хранитељству"]


def test_the_list_is_for_staff_only(plain_client, client):
    assert plain_client.get("/staff/activities/").status_code == 403
    plain_client.logout()
    assert client.get("/staff/activities/").url.startswith("/accounts/login/?next=")
