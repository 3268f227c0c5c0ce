"""Numbers and dates of an activity stay within sane bounds on every path: the service
refuses them, and the form shows why next to the field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from pzss.core.models import ActivityKind, Area
from pzss.core.services.activities import activity_create, activity_update
from tests.core.soup import field_errors, fill, find_form, soup

pytestmark = pytest.mark.django_db


def _data(**changes):
    return {
        "area": Area.SUPPORT,
        "kind": ActivityKind.ROUND_TABLE,
        "title": "Округли сто",
        "start_date": timezone.localdate(),
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours", Decimal("-1")),
        ("hours", Decimal("1000.5")),
        ("capacity", 10**12),
        ("capacity", 100_001),
        ("start_date", dt.date(1, 1, 1)),
        ("start_date", dt.date(9999, 12, 31)),
        ("start_date", dt.date(1999, 12, 31)),
        ("end_date", dt.date(2101, 1, 1)),
    ],
)
def test_an_implausible_number_or_date_of_an_activity_is_refused(staff_user, field, value):
    with pytest.raises(ValidationError) as caught:
        activity_create(user=staff_user, data=_data(**{field: value}))
    assert field in caught.value.message_dict


def test_the_bounds_themselves_are_accepted(staff_user):
    activity = activity_create(
        user=staff_user,
        data=_data(
            hours=Decimal("1000"),
            capacity=100_000,
            start_date=dt.date(2000, 1, 1),
            end_date=dt.date(2100, 12, 31),
        ),
    )
    activity_update(user=staff_user, activity=activity, data={"hours": Decimal("0")})
    activity.refresh_from_db()
    assert activity.hours == 0 and activity.capacity == 100_000


def test_the_refusal_speaks_the_readers_language(staff_user):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        activity_create(user=staff_user, data=_data(start_date=dt.date(1, 1, 1)))
    assert "2000" in " ".join(caught.value.message_dict["start_date"])


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("hours", "-1", "0"),
        ("capacity", "1000000000000", "100"),
        ("start_date", "0001-01-01", "2000"),
        ("start_date", "9999-12-31", "2100"),
    ],
)
def test_the_activity_form_shows_why_an_implausible_value_is_refused(
    staff_client, english, field, typed, says
):
    form = find_form(soup(staff_client.get("/staff/activities/new/")))
    values = {"title": "Радионица", "start_date": timezone.localdate().isoformat()}
    values[field] = typed
    data = fill(form, values)
    data.setdefault("area", str(Area.SUPPORT.value))
    data.setdefault("kind", ActivityKind.WORKSHOP)

    response = staff_client.post("/staff/activities/new/", data)

    assert response.status_code in (200, 400)
    errors = " ".join(field_errors(soup(response), field))
    assert says in errors, errors
