import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """Pages in English, so tests can read the messages in the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Every test logs users in; the real hasher's deliberate slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
