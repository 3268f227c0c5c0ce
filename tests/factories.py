"""Builders for test data (factory_boy)."""

import datetime as dt

import factory
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
    InstitutionKind,
    Person,
    Registration,
    RegistrationStatus,
)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Установа {n}")
    kind = InstitutionKind.CSW


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Име{n}")
    last_name = factory.Sequence(lambda n: f"Презиме{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.rs")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    area = Area.SUPPORT
    kind = ActivityKind.ROUND_TABLE
    title = factory.Sequence(lambda n: f"Округли сто {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    place = "Нови Сад"
    status = ActivityStatus.PLANNED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)
    status = RegistrationStatus.CONFIRMED
