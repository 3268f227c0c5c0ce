"""The public check of a certificate and its revocation by staff."""

import pytest
from django.core import mail

from pzss.events.services.attendance import attendance_mark
from pzss.events.services.certificates import certificates_issue
from pzss.events.services.signup import registration_signup
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    """An attended sign-up with its certificate issued."""
    activity = make_event()
    registration = registration_signup(
        activity=activity,
        first_name="Ана",
        last_name="Тест",
        email="ana@example.rs",
        institution=None,
    ).registration
    attendance_mark(user=None, registration=registration, day=activity.start_date, present=True)
    [issued] = certificates_issue(user=None, activity=activity)
    mail.outbox.clear()
    return issued


def test_a_blank_code_shows_the_verification_page_asking_for_a_code(client):
    for query in ("?code=%20", "?code=", "?code=%20%20%09"):
        response = client.get(f"/certificates/{query}")
        assert response.status_code == 200, query
        assert "Enter the verification code" in response.content.decode()


@pytest.mark.parametrize("code", ["a/b", "..%2F..", "%3Cscript%3E", "x" * 300, "ABC%25DEF"])
def test_a_malformed_code_shows_the_verification_page_with_a_message_not_an_error(client, code):
    response = client.get(f"/certificates/?code={code}", follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Verify a certificate of attendance" in html
    assert "This is not a verification code" in html


def test_a_malformed_code_in_the_path_shows_the_verification_page(client):
    response = client.get("/certificates/%3Cb%3E%20x/")
    assert response.status_code == 404
    assert "This is not a verification code" in response.content.decode()


def test_an_unknown_code_shows_the_verification_page_with_a_message(client):
    response = client.get("/certificates/?code=abcd-efgh-jk", follow=True)
    assert response.status_code == 404
    assert "No valid certificate has this code" in response.content.decode()


def test_a_known_code_typed_in_lower_case_with_dashes_finds_the_certificate(client, certificate):
    typed = f"{certificate.code[:5].lower()}-{certificate.code[5:].lower()}"
    response = client.get(f"/certificates/?code={typed}", follow=True)
    assert response.status_code == 200
    assert "Valid certificate." in response.content.decode()
    assert certificate.number in response.content.decode()
