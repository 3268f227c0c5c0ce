"""The demo of licence points: trainings held elsewhere for a person who has the
institute's certificates too, or for its own person when there are none; idempotent."""

import datetime as dt

import pytest

from pzss.core.models import Person
from tests.factories import PersonFactory
from tests.training.points_builders import make_certificate
from training import points_selectors as selectors
from training.models import ExternalTraining
from training.points_demo import DEMO_PERSON, DEMO_TRAININGS, load_points_demo

pytestmark = pytest.mark.django_db


def test_the_demo_works_without_any_certificate_and_runs_twice_to_the_same_end(staff_user):
    load_points_demo()
    load_points_demo()

    person = Person.objects.with_email(DEMO_PERSON["email"]).get()
    assert ExternalTraining.objects.filter(person=person).count() == len(DEMO_TRAININGS)
    assert ExternalTraining.objects.count() == len(DEMO_TRAININGS)
    assert all(t.evidence.read().startswith(b"%PDF") for t in ExternalTraining.objects.all())


def test_the_demo_goes_to_a_person_with_certificates_and_stays_there(staff_user):
    PersonFactory()
    attendee = PersonFactory()
    make_certificate(attendee, day=dt.date(2021, 5, 5), points="16")
    load_points_demo()
    # A later certificate of someone else does not move the demo to them.
    newcomer = PersonFactory()
    for day in (dt.date(2021, 6, 1), dt.date(2021, 7, 1)):
        make_certificate(newcomer, day=day, points="16")
    load_points_demo()

    assert set(ExternalTraining.objects.values_list("person", flat=True)) == {attendee.pk}
    record = selectors.person_record(attendee)
    assert {e.is_external for y in record.years for e in y.entries} == {True, False}


def test_the_demo_needs_no_staff_login_to_exist():
    load_points_demo()
    assert ExternalTraining.objects.count() == len(DEMO_TRAININGS)
