"""The public pages of the service mapping: the published round only, never a draft; a
page per municipality; cached like the other public pages, and fresh after a change."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from research import mapping_services
from research.mapping_selectors import municipality_by_slug, municipality_slug
from tests.core.test_valid_html import html_problems
from tests.research.mapping_builders import make_mapping, make_service, make_services, municipality

pytestmark = pytest.mark.django_db

SERVICES = reverse("research_public:services")


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages in the source language, in the services as on the pages."""
    with translation.override("en"):
        yield


def _municipality_url(name: str) -> str:
    return reverse(
        "research_public:municipality", kwargs={"slug": municipality_slug(municipality(name))}
    )


def test_the_address_of_a_municipality_is_its_name_in_latin_letters():
    assert municipality_slug(municipality("Бачка Топола")) == "backa-topola"
    assert municipality_slug(municipality("Мали Иђош")) == "mali-idjos"
    assert municipality_by_slug("mali-idjos") == municipality("Мали Иђош")


def test_a_draft_is_not_shown_to_the_public(client):
    mapping = make_mapping()
    make_service(mapping, name="Тајна услуга")
    page = client.get(SERVICES).content.decode()
    assert "has not been published yet" in page and "Tajna usluga" not in page
    page = client.get(_municipality_url("Сента")).content.decode()
    assert "Tajna usluga" not in page
    assert client.get(SERVICES, {"year": mapping.year}).status_code == 404


def test_the_published_round_shows_its_map_tables_and_municipalities(client):
    mapping = make_mapping(published=True)
    make_service(mapping)
    response = client.get(SERVICES)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "By district" in page and "By kind of service" in page
    assert _municipality_url("Сента") in page


def test_a_newer_draft_does_not_replace_the_published_round(client):
    published = make_mapping(year=2025, published=True)
    make_service(published, name="Објављена услуга")
    make_service(make_mapping(year=2026), name="Нацрт услуге")
    page = client.get(_municipality_url("Сента")).content.decode()
    assert "Objavljena usluga" in page and "Nacrt usluge" not in page


def test_the_municipality_page_lists_only_its_own_services(client):
    mapping = make_mapping(published=True)
    make_service(mapping, name="Сенћанска услуга", is_innovative=True, innovation="Мобилни тим")
    make_service(mapping, municipality=municipality("Кула"), name="Кулска услуга")
    page = client.get(_municipality_url("Сента")).content.decode()
    assert "Senćanska usluga" in page and "Mobilni tim" in page
    assert "Kulska usluga" not in page


def test_an_unknown_municipality_is_a_404(client):
    assert (
        client.get(reverse("research_public:municipality", args=["atlantida"])).status_code == 404
    )


def test_an_unknown_figure_shows_the_default_map(client):
    make_service(make_mapping(published=True))
    assert client.get(SERVICES, {"figure": "<script>"}).status_code == 200


def test_publishing_shows_at_once_on_the_cached_page(client, staff_user):
    mapping = make_mapping()
    make_service(mapping, name="Нова услуга")
    assert "Nova usluga" not in client.get(_municipality_url("Сента")).content.decode()
    mapping_services.service_mapping_publish(user=staff_user, mapping=mapping)
    assert "Nova usluga" in client.get(_municipality_url("Сента")).content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_public_map_page_makes_the_same_queries_for_5_and_50_services(
    client, django_assert_num_queries, count
):
    make_services(make_mapping(published=True), count)
    client.get(SERVICES)  # the map drawn once and kept
    cache.clear()
    # the round; the published years; the map's figures; by district, the districts,
    # by kind; the municipalities with their counts
    with django_assert_num_queries(7):
        assert client.get(SERVICES).status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_the_municipality_page_makes_the_same_queries_for_5_and_50_services(
    client, django_assert_num_queries, count
):
    mapping = make_mapping(published=True)
    for i in range(count):
        make_service(mapping, name=f"Услуга {i}")
    url = _municipality_url("Сента")
    # the round; the 45 municipalities (for the address); its services
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.content.decode().count('class="card h-100"') == count


def test_the_sitemap_lists_the_pages_once_a_round_is_published(client):
    mapping = make_mapping()
    make_service(mapping)
    assert SERVICES not in client.get("/sitemap.xml").content.decode()
    mapping.status, mapping.published_at = "published", mapping.created_at
    mapping.save()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert SERVICES in sitemap and _municipality_url("Сента") in sitemap


def test_the_published_pages_with_their_map_and_services_are_valid_html(client):
    mapping = make_mapping(published=True)
    make_services(mapping, 5)
    make_service(mapping, name="Иновација", is_innovative=True, innovation="Мобилни тим")
    for url in (SERVICES, _municipality_url("Сента")):
        assert html_problems(client.get(url).content.decode()) == [], url
