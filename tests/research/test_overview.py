"""Area III's staff overview leads to its own work: the data sets, the statistical
reports, the service mapping and the studies (the core's overview, filled by research)."""

import pytest

from tests.core.soup import soup

pytestmark = pytest.mark.django_db


def test_the_overview_links_to_each_part_of_area_iii(staff_client):
    response = staff_client.get("/staff/research/")
    assert response.status_code == 200
    links = {a["href"] for a in soup(response).select("nav.row a")}
    assert links == {
        "/staff/research/data/",
        "/staff/research/statistics/",
        "/staff/research/services/",
        "/staff/research/studies/",
    }


def test_the_other_areas_overview_is_the_cores_alone(staff_client):
    response = staff_client.get("/staff/support/")
    assert response.status_code == 200
    assert not soup(response).select("nav.row a[href^='/staff/research/']")


def test_the_public_area_page_leads_to_area_iiis_public_pages(client):
    page = soup(client.get("/areas/iii/"))
    links = [a["href"] for a in page.select(".area-links a")]
    assert links == ["/research/statistics/", "/research/services/", "/research/studies/"]
    for href in links:
        assert client.get(href).status_code == 200


def test_an_area_without_pages_of_its_own_lists_none(client):
    # Area IV registers no public pages of its own (its news and library have the menu).
    assert not soup(client.get("/areas/iv/")).select(".area-links")
