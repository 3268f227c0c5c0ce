"""Searching text stored in the script it was typed in: the activity list, the staff
people search and the public institution search.

On PostgreSQL a Latin query without diacritics finds Cyrillic text («Ђурић» by Djuric,
Duric and Đurić) and the activity search is answered from its trigram index
(core migration 0008, pzss/lib/search.py); on SQLite the fallback still finds text typed
in the other script."""

import os

import pytest
from django.db import connection

from pzss.core.models import Activity, Person
from pzss.lib.search import text_search
from tests.conftest import require
from tests.core.soup import soup
from tests.factories import ActivityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _require_postgresql():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the search indexes need PostgreSQL")


def _activity_titles(client, q: str) -> list[str]:
    response = client.get("/staff/activities/", {"q": q})
    assert response.status_code == 200
    return [a.get_text(strip=True) for a in soup(response).select("tbody tr td:nth-of-type(2) a")]


def _people(client, q: str) -> list[str]:
    response = client.get("/staff/people/search/", {"q": q})
    assert response.status_code == 200
    return [option.get_text(" ", strip=True) for option in soup(response).find_all("option")]


def _institutions(client, q: str) -> list[str]:
    response = client.get("/events/institutions/", {"q": q})
    assert response.status_code == 200
    return [option.get_text(" ", strip=True) for option in soup(response).find_all("option")]


# --- both databases ------------------------------------------------------------------------


def test_a_latin_query_finds_a_cyrillic_title(staff_client):
    ActivityFactory(title="Округли сто о саветовању")
    ActivityFactory(title="Обука за супервизоре")
    assert _activity_titles(staff_client, "savet") == ["Округли сто о саветовању"]


def test_a_latin_query_with_diacritics_finds_a_cyrillic_name(staff_client, english):
    PersonFactory(first_name="Мирјана", last_name="Ђурић")
    PersonFactory(first_name="Зоран", last_name="Петровић")
    [found] = _people(staff_client, "Đurić")
    assert "Đurić" in found


def test_a_latin_query_finds_a_cyrillic_institution(client):
    assert any("Шид" in name for name in _institutions(client, "Šid"))


# --- PostgreSQL ----------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("q", ["Đurić", "Djuric", "Duric", "djurić", "ĐURIĆ", "ђурић"])
def test_on_postgresql_any_spelling_of_a_name_finds_it_in_cyrillic(staff_client, english, q):
    _require_postgresql()
    PersonFactory(first_name="Мирјана", last_name="Ђурић")
    PersonFactory(first_name="Зоран", last_name="Петровић")
    [found] = _people(staff_client, q)
    assert "Đurić" in found


@pytest.mark.postgres
def test_on_postgresql_a_latin_query_without_diacritics_finds_cyrillic_text(staff_client):
    _require_postgresql()
    ActivityFactory(title="Супервизија", description="Теме: ЉУБАВ и кућа, Џеп, Чачак")
    ActivityFactory(title="Обука за саветнике")
    assert _activity_titles(staff_client, "ljubav") == ["Супервизија"]
    assert _activity_titles(staff_client, "cacak") == ["Супервизија"]
    assert _activity_titles(staff_client, "SAVETNIK") == ["Обука за саветнике"]
    # What the query holds is text, never a pattern.
    assert _activity_titles(staff_client, "%") == []


@pytest.mark.postgres
def test_on_postgresql_a_latin_query_finds_a_cyrillic_institution(client):
    _require_postgresql()
    assert any("Шид" in name for name in _institutions(client, "sid"))
    assert any("Мали Иђош" in name for name in _institutions(client, "mali idjos"))


@pytest.mark.postgres
def test_on_postgresql_the_activity_search_is_answered_from_the_trigram_index():
    _require_postgresql()
    ActivityFactory.create_batch(50)
    ActivityFactory(title="Округли сто о саветовању")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_activity")
        # A small table is cheaper to scan; the plan must still be able to use the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = (
        Activity.objects.filter(text_search(["title", "description"], "savet")).order_by().explain()
    )
    assert "core_activity_title_search_trgm" in plan, plan
    assert "core_activity_description_search_trgm" in plan, plan


@pytest.mark.postgres
def test_on_postgresql_the_people_search_is_answered_from_the_trigram_indexes():
    _require_postgresql()
    PersonFactory.create_batch(50)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_person")
        cursor.execute("SET LOCAL enable_seqscan = off")
    # Unordered: the name-order index would otherwise be walked and filtered.
    plan = (
        Person.objects.filter(text_search(["last_name", "first_name", "email"], "djuric"))
        .order_by()
        .explain()
    )
    assert "core_person_last_name_search_trgm" in plan, plan
