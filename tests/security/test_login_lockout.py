import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _fail(client, username="alice"):
    return client.post(reverse("login"), {"username": username, "password": "wrong"})


def test_five_failed_logins_lock_the_account_from_that_address(axes_on, client, staff_user):
    for _ in range(4):
        response = _fail(client)
        assert response.status_code == 200  # the login form again, with its error
    response = _fail(client)
    assert response.status_code == 429
    assert (
        b"Login locked" in response.content
        or "Пријављивање је закључано".encode() in response.content
    )
    # Even the right password is refused now.
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_and_address(axes_on, client, staff_user, director_user):
    for _ in range(5):
        _fail(client, "alice")
    response = client.post(reverse("login"), {"username": "dora", "password": "pass-1234-word"})
    assert response.status_code == 302
    other = client.__class__(REMOTE_ADDR="10.9.8.7")
    response = other.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 302


def test_four_failures_then_the_right_password_logs_in(axes_on, client, staff_user):
    for _ in range(4):
        _fail(client)
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 302
