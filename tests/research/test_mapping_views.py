"""The staff pages of the service mapping: who may open them, the forms as they are on
the page, and a constant number of queries whatever the number of services."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from research.models import LocalService, ServiceMapping
from tests.core.test_valid_html import html_problems
from tests.research.mapping_builders import make_mapping, make_service, make_services, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages in the source language, in the services as on the pages."""
    with translation.override("en"):
        yield


def _pages(mapping, service) -> list[str]:
    return [
        reverse("research:mapping_list"),
        reverse("research:mapping_detail", args=[mapping.pk]),
        reverse("research:local_service_create", args=[mapping.pk]),
        reverse("research:mapping_import", args=[mapping.pk]),
        reverse("research:mapping_template", args=[mapping.pk]),
        reverse("research:local_service_update", args=[service.pk]),
        reverse("research:local_service_delete", args=[service.pk]),
    ]


def test_staff_open_every_page_of_the_mapping(staff_client):
    mapping = make_mapping()
    for url in _pages(mapping, make_service(mapping)):
        assert staff_client.get(url).status_code == 200, url


def test_a_user_without_a_role_gets_403(plain_client):
    mapping = make_mapping()
    service = make_service(mapping)
    for url in [*_pages(mapping, service), reverse("research:mapping_publish", args=[mapping.pk])]:
        assert plain_client.get(url).status_code == 403, url
        assert plain_client.post(url).status_code == 403, url
    assert LocalService.objects.filter(pk=service.pk).exists()


def test_anonymous_users_are_sent_to_log_in(client):
    mapping = make_mapping()
    for url in _pages(mapping, make_service(mapping)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url


def _form_data(page_content: bytes, form_selector: str = "main form[method=post]") -> dict:
    """What the page's form sends as it stands (the fields really on the page)."""
    soup = BeautifulSoup(page_content, "html.parser")
    form = soup.select(form_selector)[-1]
    data = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", field.text if field.name == "textarea" else "")
    return data


def test_a_round_is_created_through_its_form(staff_client):
    url = reverse("research:mapping_list")
    data = _form_data(staff_client.get(url).content)
    data.update(year="2026", title="Мапирање услуга 2026")
    response = staff_client.post(url, data)
    mapping = ServiceMapping.objects.get(year=2026)
    assert response.url == reverse("research:mapping_detail", args=[mapping.pk])


def test_a_service_is_added_through_the_form_on_the_page(staff_client):
    mapping = make_mapping()
    url = reverse("research:local_service_create", args=[mapping.pk])
    data = _form_data(staff_client.get(url).content)
    assert {"municipality", "kind", "provider", "funding", "innovation"} <= set(data)
    data.update(
        municipality=str(municipality("Кула").pk),
        kind="respite",
        name="Предах смештај",
        provider_name="Удружење „Колевка“",
        provider_kind="civil",
        users="9",
        capacity="6",
        span="occasional",
        funding="850000",
        funding_source="earmarked",
        cooperates_health="on",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service = LocalService.objects.get(mapping=mapping)
    assert service.cooperates_health and not service.cooperates_police
    assert service.funding == 850000


def test_the_form_shows_the_error_next_to_the_provider(staff_client):
    mapping = make_mapping()
    url = reverse("research:local_service_create", args=[mapping.pk])
    data = _form_data(staff_client.get(url).content)
    data.update(
        municipality=str(municipality().pk),
        kind="home_care",
        name="Помоћ у кући",
        provider_kind="public",
        users="-1",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the provider from the directory or write its name." in page
    assert not LocalService.objects.exists()


def test_a_service_is_changed_and_deleted_through_its_pages(staff_client):
    mapping = make_mapping()
    service = make_service(mapping)
    url = reverse("research:local_service_update", args=[service.pk])
    data = _form_data(staff_client.get(url).content)
    data["users"] = "77"
    assert staff_client.post(url, data).status_code == 302
    service.refresh_from_db()
    assert service.users == 77
    delete = reverse("research:local_service_delete", args=[service.pk])
    assert staff_client.post(delete).url == reverse("research:mapping_detail", args=[mapping.pk])
    assert not LocalService.objects.exists()


def test_publishing_from_the_page(staff_client):
    mapping = make_mapping()
    url = reverse("research:mapping_publish", args=[mapping.pk])
    staff_client.post(url, {"action": "publish"})
    mapping.refresh_from_db()
    assert not mapping.is_published  # no service yet: refused
    make_service(mapping)
    staff_client.post(url, {"action": "publish"})
    mapping.refresh_from_db()
    assert mapping.is_published


def test_the_list_of_services_filters_in_the_url(staff_client):
    mapping = make_mapping()
    make_service(mapping, name="Сенћанска услуга")
    make_service(mapping, municipality=municipality("Кула"), name="Кулска услуга")
    url = reverse("research:mapping_detail", args=[mapping.pk])
    page = staff_client.get(url, {"municipality": municipality("Кула").pk}).content.decode()
    # The page is in English: content in Latin letters.
    assert "Kulska usluga" in page and "Senćanska usluga" not in page


@pytest.mark.parametrize("count", [5, 50])
def test_the_round_page_makes_the_same_queries_for_5_and_50_services(
    staff_client, django_assert_num_queries, count
):
    mapping = make_mapping()
    make_services(mapping, count)
    url = reverse("research:mapping_detail", args=[mapping.pk])
    staff_client.get(url)  # the session and the user, the map drawn and cached
    # session, user, groups; the round; the page's count and rows; the summary by
    # district, the districts, by kind; the map's figures; the filter's municipalities
    with django_assert_num_queries(11):
        response = staff_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_of_rounds_makes_the_same_queries_for_5_and_50_rounds(
    staff_client, django_assert_num_queries, count
):
    for year in range(2000, 2000 + count):
        make_service(make_mapping(year=year))
    # session, user, groups; the rounds with their counts
    with django_assert_num_queries(4):
        response = staff_client.get(reverse("research:mapping_list"))
    assert response.content.decode().count("/staff/research/services/") >= count


def test_the_round_page_with_its_map_and_services_is_valid_html(staff_client):
    mapping = make_mapping()
    make_services(mapping, 5)
    page = staff_client.get(reverse("research:mapping_detail", args=[mapping.pk]))
    assert html_problems(page.content.decode()) == []
