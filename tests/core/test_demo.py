"""The demo data set makes a fresh portal look lived-in, and loading it twice changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from pzss.core.models import Activity, ActivityStatus, Registration
from pzss.events.models import EventSignup

pytestmark = pytest.mark.django_db


def test_demo_has_three_roles_and_activities_of_every_area_held_and_ahead(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    users = get_user_model().objects
    assert users.get(username="savetnica").groups.filter(name="staff").exists()
    assert users.get(username="direktorka").groups.filter(name="director").exists()
    assert users.get(username="admin").is_superuser
    for username in ("savetnica", "direktorka", "admin"):
        assert username in out  # the logins are printed for the person trying the portal

    assert Activity.objects.count() >= 30
    assert set(Activity.objects.values_list("area", flat=True)) == {1, 2, 3, 4}
    held = Activity.objects.filter(status=ActivityStatus.HELD)
    assert held.count() >= 10
    assert Registration.objects.filter(activity__in=held, status="attended").exists()
    upcoming = Activity.objects.filter(
        start_date__gte=timezone.localdate(),
        status__in=[ActivityStatus.PLANNED, ActivityStatus.SCHEDULED],
    )
    assert upcoming.count() >= 8
    assert EventSignup.objects.filter(activity__in=upcoming, is_open=True).exists()


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    counts = (Activity.objects.count(), Registration.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Activity.objects.count(), Registration.objects.count()) == counts
