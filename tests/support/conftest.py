"""Area I's tests read the services' messages in English, the source language: outside
a request the active language is the project's default (Serbian), so a service's refusal
would otherwise be read in Serbian once the translations are compiled. A test that wants
Serbian says so with its own `translation.override("sr")`."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(staff_client, settings):
    """Staff pages in English too (the default is Serbian), so tests read the source
    strings; a test that reads Serbian sets the language cookie itself."""
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return staff_client
