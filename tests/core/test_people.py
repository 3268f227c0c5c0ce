"""The directory's one lookup by e-mail: case and spaces do not matter, no e-mail finds
nobody, and on PostgreSQL it is answered from the unique index on LOWER(email) (ten years
of sign-ups make a scan of the people table the slow part of every sign-up)."""

import os

import pytest
from django.db import connection

from pzss.core.models import Person
from tests.conftest import require

pytestmark = pytest.mark.django_db


def test_email_lookup_ignores_case_and_surrounding_spaces():
    ana = Person.objects.create(first_name="Ана", last_name="Петровић", email="ana@example.rs")
    assert list(Person.objects.with_email("  ANA@Example.RS ")) == [ana]


def test_email_lookup_without_an_address_finds_nobody():
    Person.objects.create(first_name="Без", last_name="Адресе", email="")
    assert not Person.objects.with_email("").exists()
    assert not Person.objects.with_email("   ").exists()


def test_email_lookup_uses_the_unique_lower_email_index_on_postgresql():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "reading the plan needs PostgreSQL")
    Person.objects.bulk_create(
        Person(first_name="Особа", last_name=str(n), email=f"osoba{n}@example.rs")
        for n in range(200)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_person")
        # A small table is cheaper to scan; the plan must still be able to use the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Person.objects.with_email("OSOBA17@example.rs").explain()
    assert "person_unique_email" in plan, plan
    assert list(
        Person.objects.with_email("OSOBA17@example.rs").values_list("last_name", flat=True)
    ) == ["17"]
