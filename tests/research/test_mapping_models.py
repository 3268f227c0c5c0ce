"""The rules a local service holds whichever way it is written."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from research.models import LocalService
from tests.research.mapping_builders import make_mapping, make_service, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages in the source language, in the services as on the pages."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "field, value",
    [("users", -1), ("capacity", -1), ("funding", Decimal("-0.01"))],
)
def test_the_database_refuses_negative_figures(field, value):
    mapping = make_mapping()
    service = make_service(mapping)
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalService.objects.filter(pk=service.pk).update(**{field: value})


def test_a_service_needs_a_provider_from_the_directory_or_by_name():
    service = LocalService(
        mapping=make_mapping(),
        municipality=municipality(),
        kind="home_care",
        name="Помоћ у кући",
        provider_kind="public",
    )
    with pytest.raises(ValidationError) as exc:
        service.full_clean()
    assert "provider_name" in exc.value.message_dict


def test_an_innovative_programme_must_be_described():
    service = LocalService(
        mapping=make_mapping(),
        municipality=municipality(),
        kind="other",
        name="Мобилни тим",
        provider_name="Удружење",
        provider_kind="civil",
        is_innovative=True,
    )
    with pytest.raises(ValidationError) as exc:
        service.full_clean()
    assert "innovation" in exc.value.message_dict


def test_one_service_of_a_kind_and_name_per_municipality_and_round():
    mapping = make_mapping()
    make_service(mapping)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_service(mapping)
    # The same service in another year's round is another row.
    make_service(make_mapping(year=2025))


def test_the_sectors_are_named_in_order():
    service = make_service(make_mapping(), cooperates_police=True, cooperates_health=True)
    assert service.sectors == ["Health", "Police"]
