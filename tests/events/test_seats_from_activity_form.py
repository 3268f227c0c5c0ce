"""Seats added on the activity's own edit form go to the waiting list at once, as they do
from the sign-up options page."""

import datetime as dt

import pytest
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, Area, Person, Registration
from pzss.core.services.activities import activity_update

pytestmark = pytest.mark.django_db


def test_more_seats_on_the_activity_form_promote_the_first_waiting(
    staff_user, django_capture_on_commit_callbacks
):
    activity = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Округли сто",
        start_date=timezone.localdate() + dt.timedelta(days=5),
        status="scheduled",
        capacity=1,
        created_by=staff_user,
    )
    people = [
        Person.objects.create(first_name=f"Име{i}", last_name="Презиме", email=f"p{i}@example.rs")
        for i in range(3)
    ]
    Registration.objects.create(activity=activity, person=people[0], status="confirmed")
    first = Registration.objects.create(activity=activity, person=people[1], status="waitlisted")
    second = Registration.objects.create(activity=activity, person=people[2], status="waitlisted")
    with django_capture_on_commit_callbacks():
        activity_update(user=staff_user, activity=activity, data={"capacity": 2})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "confirmed"
    assert second.status == "waitlisted"
