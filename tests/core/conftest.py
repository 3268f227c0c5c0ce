import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """Pages in English, so tests can read the messages in the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
