"""The sign-up's privacy job and a person's training record: anonymising old
registrations removes people left with nothing, never a person whose trainings held
elsewhere the institute keeps for their licence."""

import datetime as dt

import pytest

from pzss.core.models import Person
from pzss.events.services.privacy import registrations_anonymise
from tests.factories import PersonFactory
from tests.training.points_builders import make_certificate, make_external
from training.models import ExternalTraining

pytestmark = pytest.mark.django_db


def test_a_person_with_a_training_held_elsewhere_outlives_the_anonymisation(staff_user):
    kept = PersonFactory(first_name="Вера", last_name="Чувана", email="vera@example.rs")
    gone = PersonFactory(first_name="Петар", last_name="Одлазак", email="petar@example.rs")
    long_ago = dt.date.today() - dt.timedelta(days=3 * 365)
    for person in (kept, gone):
        make_certificate(person, day=long_ago)
    make_external(kept, staff_user, day=long_ago + dt.timedelta(days=30))

    registrations_anonymise(months=24)

    assert not Person.objects.filter(pk=gone.pk).exists()
    assert Person.objects.filter(pk=kept.pk).exists()
    assert ExternalTraining.objects.filter(person=kept).count() == 1
