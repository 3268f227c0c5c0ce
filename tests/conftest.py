"""Shared fixtures: the reference data, one user per role, and clients logged in as them.

Services a test needs (PostgreSQL, Redis, a Celery worker, Chromium) are skipped with a
reason when missing locally, and never skipped on CI (CI=true): there a missing service
is a failure."""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

ON_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail on CI."""
    if condition:
        return
    if ON_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The lockout is tested on its own (tests/security); elsewhere client.login() must work.
    settings.AXES_ENABLED = False
    # Cached public pages of one test must not answer in the next (the database is
    # rolled back between tests, the cache is not).
    from django.core.cache import cache

    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def english(client):
    """Pages in English, so tests can read the messages in the source language."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Every test logs users in; the real hasher's deliberate slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="pass-1234-word", first_name=username.title(), **extra
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def staff_user(db, django_user_model):
    return _user(django_user_model, "alice", "staff", last_name="Advisor")


@pytest.fixture
def director_user(db, django_user_model):
    return _user(django_user_model, "dora", "director", last_name="Director")


@pytest.fixture
def plain_user(db, django_user_model):
    """Logged in, but with no role: must get 403 on staff pages."""
    return _user(django_user_model, "bob")


@pytest.fixture
def admin_user_(db, django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="pass-1234-word")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def director_client(client, director_user):
    client.force_login(director_user)
    return client


@pytest.fixture
def plain_client(client, plain_user):
    client.force_login(plain_user)
    return client
