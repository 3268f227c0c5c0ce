"""Every POST without a CSRF token is refused with 403, on every page of the site —
public sign-up forms included — whoever sends it."""

import pytest
from django.test import Client

from tests.core.test_access import SITE_ROUTES, _params, world  # noqa: F401 — `world` is a fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", _params(SITE_ROUTES))
def test_a_post_without_csrf_token_is_refused(staff_user, world, route):  # noqa: F811
    url = route.url(world)
    anonymous = Client(enforce_csrf_checks=True)
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(staff_user)
    for client in (anonymous, staff):
        response = client.post(url, {"action": "cancel", "title": "x"})
        assert response.status_code == 403, (route.id, response.status_code)


def test_csrf_refusal_is_the_only_thing_that_stopped_it(staff_user, world):  # noqa: F811
    # The same POST with the token gets past the CSRF check (so the 403s above are CSRF's).
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(staff_user)
    page = staff.get("/staff/activities/new/")
    token = page.cookies["csrftoken"].value
    response = staff.post("/staff/activities/new/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 400  # the form's own errors, not CSRF's 403
