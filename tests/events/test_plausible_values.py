"""The sign-up options stay within sane bounds: seats per institution, licence points,
the sign-up dates; the settings page shows why."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pzss.events.services.signup import signup_configure
from tests.core.soup import field_errors, soup
from tests.events.conftest import form_data, make_event

pytestmark = pytest.mark.django_db


def _at(year: int) -> dt.datetime:
    return dt.datetime(year, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("per_institution_limit", 0),
        ("per_institution_limit", 1001),
        ("licence_points", Decimal("-1")),
        ("licence_points", Decimal("100.5")),
        ("opens_at", _at(1999)),
        ("closes_at", _at(2101)),
    ],
)
def test_an_implausible_sign_up_option_is_refused(staff_user, field, value):
    activity = make_event()
    with pytest.raises(ValidationError) as caught:
        signup_configure(
            user=staff_user,
            activity=activity,
            capacity=10,
            options={field: value},
            groups=[],
            questions=[],
        )
    assert field in caught.value.message_dict


def test_seats_above_the_bound_are_refused_on_the_settings_path(staff_user):
    activity = make_event()
    with pytest.raises(ValidationError) as caught:
        signup_configure(
            user=staff_user, activity=activity, capacity=10**12, options={}, groups=[], questions=[]
        )
    assert "capacity" in caught.value.message_dict
    activity.refresh_from_db()
    assert activity.capacity == 10


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("capacity", "1000000000000", "100"),
        ("per_institution_limit", "5000", "1,000"),
        ("licence_points", "500", "100"),
        ("opens_at", "0001-01-01T10:00", "2000"),
    ],
)
def test_the_settings_page_shows_why_an_implausible_option_is_refused(
    staff_client, english, field, typed, says
):
    activity = make_event()
    url = f"/staff/events/{activity.pk}/settings/"
    data = form_data(soup(staff_client.get(url)).find("main").find("form", method="post"))
    data[field] = typed
    if field == "opens_at":
        data["closes_at"] = (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = staff_client.post(url, data)

    assert response.status_code == 400
    errors = " ".join(field_errors(soup(response), field))
    assert says in errors, errors
