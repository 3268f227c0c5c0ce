""" "Participants" means one thing on every page that counts them: the people on an
activity who are expected (confirmed, or awaiting approval) or who came
(`Registration.objects.participating()`). The waiting list, the absent, the cancelled
and the rejected are on record, but they are not participants."""

import pytest
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Registration,
    RegistrationStatus,
)
from pzss.lib.translit import to_latin
from tests.core.soup import soup
from tests.factories import ActivityFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# confirmed, awaiting approval, attended ×2: four participants; four more on record only.
STATUSES = [
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
    RegistrationStatus.REJECTED,
    RegistrationStatus.ABSENT,
]
PARTICIPANTS = 4


@pytest.fixture
def held(staff_user) -> Activity:
    activity = ActivityFactory(
        area=Area.OUTREACH,
        kind=ActivityKind.CONFERENCE,
        title="Конференција о сарадњи",
        status=ActivityStatus.HELD,
        start_date=timezone.localdate(),
    )
    activity.responsible.set([staff_user])
    for status in STATUSES:
        RegistrationFactory(activity=activity, status=status)
    return activity


def _row_with(page, title: str):
    # English pages show the content in Latin script.
    return next(tr for tr in page.select("tbody tr") if to_latin(title) in tr.get_text())


def test_participating_registrations_are_the_confirmed_the_pending_and_the_attended(held):
    statuses = Registration.objects.filter(activity=held).participating()
    assert sorted(statuses.values_list("status", flat=True)) == sorted(
        ["confirmed", "pending", "attended", "attended"]
    )


def test_the_activity_list_counts_participants_only(staff_client, held):
    row = _row_with(soup(staff_client.get("/staff/activities/")), held.title)
    assert row.select("td.num")[-1].get_text(strip=True) == str(PARTICIPANTS)


def test_the_dashboard_counts_participants_of_recently_held_activities(staff_client, held):
    row = _row_with(soup(staff_client.get("/staff/")), held.title)
    assert row.select_one("td.num").get_text(strip=True) == str(PARTICIPANTS)


def test_the_area_overview_counts_participants_only(staff_client, held):
    page = soup(staff_client.get("/staff/outreach/"))
    row = _row_with(page, "Conference")
    assert row.select("td.num")[-1].get_text(strip=True) == str(PARTICIPANTS)
