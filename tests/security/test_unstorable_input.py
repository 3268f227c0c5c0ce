"""Input PostgreSQL cannot store (a NUL character) is refused with a 400 page, on every
page at once, before any view runs a query with it."""

import os

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from pzss.lib.middleware import RefuseUnstorableInputMiddleware
from tests.conftest import require

NUL_PAGES = [
    "/events/institutions/?q=%00",
    "/events/?area=%00",
    "/certificates/%00/",
    "/certificates/?code=a%00b",
    "/staff/people/search/?q=%00",
    "/staff/activities/?q=%00",
    "/staff/activities/export.xlsx?q=%00",
]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("url", NUL_PAGES)
def test_a_nul_character_in_a_query_or_path_answers_400_on_postgresql(staff_client, english, url):
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the NUL test needs PostgreSQL")
    response = staff_client.get(url)
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_nul_character_in_a_posted_form_answers_400_on_postgresql(client, english):
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the NUL test needs PostgreSQL")
    client.raise_request_exception = True
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def _middleware():
    return RefuseUnstorableInputMiddleware(lambda request: HttpResponse("the view ran"))


@pytest.mark.parametrize(
    "request_of",
    [
        lambda rf: rf.get("/events/", {"q": "a\x00b"}),
        lambda rf: rf.get("/events/", {"q\x00": "x"}),
        lambda rf: rf.get("/certificates/%00/"),
        lambda rf: rf.post("/events/1/register/", {"first_name": "Ана\x00"}),
        lambda rf: rf.post("/events/1/register/", {"names": ["ok", "b\x00"]}),
    ],
    ids=["query value", "query name", "path", "posted value", "second posted value"],
)
def test_the_middleware_refuses_a_nul_character_anywhere_in_the_request(request_of):
    response = _middleware()(request_of(RequestFactory()))
    assert response.status_code == 400
    assert b"the view ran" not in response.content


def test_the_middleware_lets_ordinary_cyrillic_and_latin_input_through():
    rf = RequestFactory()
    for request in (
        rf.get("/events/", {"q": "Сомбор Šid\tx\ny"}),
        rf.post("/events/1/register/", {"first_name": "Ђорђе", "last_name": "Čović"}),
    ):
        response = _middleware()(request)
        assert response.content == b"the view ran"
