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


def test_after_an_address_is_locked_another_username_from_it_is_refused(
    axes_on, client, staff_user, director_user
):
    # Password spraying: one address trying a few passwords on many accounts.
    for _ in range(5):
        _fail(client, "alice")
    response = client.post(reverse("login"), {"username": "dora", "password": "pass-1234-word"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_spread_over_usernames_lock_the_address(axes_on, client, director_user):
    for name in ["ana", "bojan", "cvijeta", "dusan", "eva"]:
        _fail(client, name)
    response = client.post(reverse("login"), {"username": "dora", "password": "pass-1234-word"})
    assert response.status_code == 429


def test_a_username_locked_from_one_address_is_refused_from_another(axes_on, client, staff_user):
    for _ in range(5):
        _fail(client, "alice")
    other = client.__class__(REMOTE_ADDR="10.9.8.7")
    response = other.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 429
    assert "_auth_user_id" not in other.session


def test_a_username_failing_from_many_addresses_is_locked(axes_on, client, staff_user):
    for n in range(5):
        client.__class__(REMOTE_ADDR=f"10.9.8.{n + 1}").post(
            reverse("login"), {"username": "alice", "password": "wrong"}
        )
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 429


def test_four_failures_then_the_right_password_logs_in(axes_on, client, staff_user):
    for _ in range(4):
        _fail(client)
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert response.status_code == 302


def test_behind_the_proxy_the_lockout_counts_each_visitors_address(
    axes_on, settings, client, director_user
):
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for name in ["ana", "bojan", "cvijeta", "dusan", "eva"]:
        client.post(
            reverse("login"),
            {"username": name, "password": "wrong"},
            **proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    other = client.__class__(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    response = other.post(reverse("login"), {"username": "dora", "password": "pass-1234-word"})
    assert response.status_code == 302


# A successful login forgives the failures of that username from that address, and only
# those: not the address's failures on other accounts (a sprayer with one account of their
# own would wipe their count with each login), nor the account's failures from elsewhere.


def _login(client, username="alice"):
    response = client.post(reverse("login"), {"username": username, "password": "pass-1234-word"})
    client.logout()
    return response


def test_a_successful_login_resets_that_usernames_failures_from_that_address(
    axes_on, client, staff_user
):
    for _ in range(4):
        _fail(client)
    assert _login(client).status_code == 302
    for _ in range(4):
        assert _fail(client).status_code == 200  # counted from zero again
    assert _login(client).status_code == 302


def test_a_successful_login_leaves_the_addresses_failures_on_other_accounts(
    axes_on, client, staff_user, director_user
):
    for name in ["ana", "bojan", "cvijeta", "dusan"]:
        _fail(client, name)
    assert _login(client, "alice").status_code == 302  # the sprayer's own account
    assert _fail(client, "eva").status_code == 429  # the fifth failure from the address
    assert _login(client, "dora").status_code == 429


def test_a_successful_login_leaves_the_accounts_failures_from_other_addresses(
    axes_on, client, staff_user
):
    attacker = client.__class__(REMOTE_ADDR="10.9.8.7")
    for _ in range(4):
        _fail(attacker)
    assert _login(client).status_code == 302  # alice herself, from her own address
    assert _fail(attacker).status_code == 429  # the account's fifth failure
    assert _login(client).status_code == 429


def test_an_address_locked_for_spraying_stays_locked_when_a_sprayed_user_logs_in_elsewhere(
    axes_on, client, staff_user, director_user
):
    for name in ["ana", "bojan", "cvijeta", "dusan"]:
        _fail(client, name)
    assert _fail(client, "alice").status_code == 429  # the fifth: the address is locked
    elsewhere = client.__class__(REMOTE_ADDR="10.9.8.7")
    assert _login(elsewhere, "alice").status_code == 302
    assert _login(client, "dora").status_code == 429
