"""The public check of a certificate and its revocation by staff."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from pzss.core.models import AuditEntry
from pzss.events import tasks
from pzss.events.selectors import signed_token
from pzss.events.services.attendance import attendance_mark
from pzss.events.services.certificates import (
    certificate_revoke,
    certificates_email,
    certificates_issue,
)
from pzss.events.services.signup import registration_signup
from tests.events.conftest import form_by_action, form_data, make_event, soup

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


def _revoke_form(staff_client, certificate):
    page = soup(staff_client.get(f"/staff/events/{certificate.activity_id}/?status=attended"))
    action = f"/staff/events/{certificate.activity_id}/certificates/{certificate.pk}/revoke/"
    return form_by_action(page, action)


def test_staff_revoke_a_certificate_with_a_reason_from_the_event_page(
    staff_client, english, staff_user, certificate
):
    form = _revoke_form(staff_client, certificate)
    data = form_data(form)
    data["reason"] = "Издата грешком: особа није присуствовала."

    response = staff_client.post(form["action"], data)

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Издата грешком: особа није присуствовала."
    [entry] = AuditEntry.objects.filter(action="certificate_revoke")
    assert entry.actor == staff_user and entry.object_id == certificate.pk
    assert "Издата грешком" in entry.comment
    page = staff_client.get(response["Location"]).content.decode()
    assert "revoked" in page


def test_a_certificate_is_not_revoked_without_a_reason(staff_client, english, certificate):
    form = _revoke_form(staff_client, certificate)
    data = form_data(form)
    data["reason"] = " \u200b "

    staff_client.post(form["action"], data)

    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoking_a_revoked_certificate_is_refused(staff_user, certificate):
    certificate_revoke(user=staff_user, certificate=certificate, reason="Грешка у имену.")
    with pytest.raises(ValidationError):
        certificate_revoke(user=staff_user, certificate=certificate, reason="Опет.")
    assert AuditEntry.objects.filter(action="certificate_revoke").count() == 1


def test_only_staff_revoke_certificates(client, plain_client, certificate):
    url = f"/staff/events/{certificate.activity_id}/certificates/{certificate.pk}/revoke/"
    assert plain_client.post(url, {"reason": "x"}).status_code == 403
    plain_client.logout()
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_public_page_says_a_revoked_certificate_was_revoked_and_when(
    client, staff_user, certificate
):
    certificate_revoke(user=staff_user, certificate=certificate, reason="Издата грешком.")
    certificate.refresh_from_db()

    response = client.get(f"/certificates/{certificate.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is not valid." in html
    assert "revoked it on" in html
    # The page is English here: the date in the English short format.
    with translation.override("en"):
        revoked_on = formats.date_format(
            timezone.localtime(certificate.revoked_at), "SHORT_DATE_FORMAT"
        )
    assert revoked_on in html
    assert "Valid certificate." not in html


def test_a_revoked_certificate_is_not_emailed(staff_user, certificate, eager_celery):
    certificate_revoke(user=staff_user, certificate=certificate, reason="Грешка.")

    assert certificates_email(user=staff_user, activity=certificate.activity) == 0
    assert tasks.send_certificate_email.apply(args=[certificate.pk]).get() is False

    assert mail.outbox == []
    certificate.refresh_from_db()
    assert certificate.emailed_at is None


def test_a_revoked_certificate_is_not_downloaded_through_the_holders_link(
    client, staff_user, certificate
):
    certificate_revoke(user=staff_user, certificate=certificate, reason="Грешка.")
    token = signed_token(certificate.registration)
    assert client.get(f"/registrations/{token}/certificate.pdf").status_code == 404
