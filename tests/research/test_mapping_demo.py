"""The demo's service mapping: every municipality, published, the same on every run."""

import pytest

from research.mapping_demo import YEAR, load_mapping_demo
from research.models import LocalService, ServiceMapping

pytestmark = pytest.mark.django_db


def test_the_demo_maps_all_45_municipalities_once_and_publishes_the_round():
    load_mapping_demo()
    mapping = ServiceMapping.objects.get(year=YEAR)
    assert mapping.is_published
    services = LocalService.objects.filter(mapping=mapping)
    assert services.values("municipality").distinct().count() == 45
    first = sorted(services.values_list("municipality__name", "kind", "users", "funding"))
    assert all(users > 0 for _m, _k, users, _f in first)
    # A second run leaves the round as it is.
    load_mapping_demo()
    again = sorted(services.values_list("municipality__name", "kind", "users", "funding"))
    assert again == first
    assert ServiceMapping.objects.count() == 1
