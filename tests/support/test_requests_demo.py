"""The demo's support requests: every state, one overdue, one from a letter with its scan,
and a second run makes nothing again."""

import pytest
from django.contrib.auth.models import Group

from pzss.core.models import Institution
from support.models import RequestStatus, SupportRequest
from support.request_demo import REQUESTS, load_requests_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    for kind in {row[0] for row in REQUESTS}:
        for n in range(2):
            Institution.objects.get_or_create(name=f"Демо {kind} {n}", defaults={"kind": kind})


def test_the_demo_has_every_state_an_overdue_request_and_a_letter(staff_user, directory):
    staff_user.groups.add(Group.objects.get_or_create(name="staff")[0])
    load_requests_demo()
    assert SupportRequest.objects.count() == len(REQUESTS)
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert SupportRequest.objects.overdue().count() >= 1
    letter = SupportRequest.objects.get(channel="letter")
    assert letter.letter_scan and letter.letter_number
    load_requests_demo()
    assert SupportRequest.objects.count() == len(REQUESTS)
