"""Writes of the service mapping: each through its service, each on the audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from pzss.core.models import AuditEntry, Institution
from research import mapping_services
from research.models import LocalService, MappingStatus
from tests.research.mapping_builders import make_mapping, make_service, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages in the source language, in the services as on the pages."""
    with translation.override("en"):
        yield


def _data(**changes) -> dict:
    data = {
        "municipality": municipality(),
        "kind": "day_care",
        "name": "Дневни боравак",
        "provider": None,
        "provider_name": "Удружење „Дуга“",
        "provider_kind": "civil",
        "users": 12,
        "capacity": 15,
        "span": "continuous",
        "funding": Decimal("1500000.00"),
        "funding_source": "local",
        "is_licensed": True,
        "cooperates_education": True,
    }
    data.update(changes)
    return data


def test_a_service_is_created_and_the_audit_trail_says_so(staff_user):
    mapping = make_mapping()
    service = mapping_services.local_service_create(user=staff_user, mapping=mapping, **_data())
    assert service.mapping == mapping and service.users == 12
    entry = AuditEntry.objects.get(action="local_service_create", object_id=service.pk)
    assert entry.actor == staff_user


def test_a_service_is_refused_without_a_provider(staff_user):
    with pytest.raises(ValidationError):
        mapping_services.local_service_create(
            user=staff_user, mapping=make_mapping(), **_data(provider_name="")
        )
    assert not LocalService.objects.exists()


def test_a_provider_from_the_directory_replaces_a_typed_name(staff_user):
    csw = Institution.objects.get(name="ЦСР Сента")
    service = mapping_services.local_service_create(
        user=staff_user, mapping=make_mapping(), **_data(provider=csw, provider_kind="public")
    )
    assert service.provider == csw and service.provider_name == ""
    assert service.provider_label == "ЦСР Сента"


def test_an_update_records_what_changed(staff_user):
    service = make_service(make_mapping())
    mapping_services.local_service_update(user=staff_user, service=service, users=55)
    entry = AuditEntry.objects.get(action="local_service_update", object_id=service.pk)
    assert entry.changes == {"users": [40, 55]}


def test_an_update_that_changes_nothing_leaves_no_entry(staff_user):
    service = make_service(make_mapping())
    mapping_services.local_service_update(user=staff_user, service=service, users=40)
    assert not AuditEntry.objects.filter(action="local_service_update").exists()


def test_no_longer_innovative_forgets_the_description(staff_user):
    service = make_service(make_mapping(), is_innovative=True, innovation="Мобилни тим")
    mapping_services.local_service_update(user=staff_user, service=service, is_innovative=False)
    service.refresh_from_db()
    assert service.innovation == ""


def test_a_deleted_service_stays_on_the_audit_trail(staff_user):
    service = make_service(make_mapping())
    pk = service.pk
    mapping_services.local_service_delete(user=staff_user, service=service)
    assert not LocalService.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="local_service_delete", object_id=pk).exists()


def test_a_mapping_without_services_cannot_be_published(staff_user):
    mapping = make_mapping()
    with pytest.raises(ValidationError):
        mapping_services.service_mapping_publish(user=staff_user, mapping=mapping)
    mapping.refresh_from_db()
    assert mapping.status == MappingStatus.DRAFT


def test_a_published_mapping_has_its_date_and_is_not_published_twice(staff_user):
    mapping = make_mapping()
    make_service(mapping)
    mapping = mapping_services.service_mapping_publish(user=staff_user, mapping=mapping)
    assert mapping.is_published and mapping.published_at is not None
    with pytest.raises(ValidationError):
        mapping_services.service_mapping_publish(user=staff_user, mapping=mapping)
    mapping = mapping_services.service_mapping_unpublish(user=staff_user, mapping=mapping)
    assert mapping.status == MappingStatus.DRAFT and mapping.published_at is None


def test_one_round_a_year(staff_user):
    mapping_services.service_mapping_create(user=staff_user, year=2026, title="Мапирање 2026")
    with pytest.raises(ValidationError):
        mapping_services.service_mapping_create(user=staff_user, year=2026, title="Опет")
