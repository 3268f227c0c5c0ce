import pytest
from django.core.management import call_command

from programme.models import Revision


@pytest.fixture
def seed_revision(db) -> Revision:
    """The institute's 2021 programme, imported from the fixture and published."""
    call_command("load_programme", verbosity=0)
    return Revision.objects.select_related("programme").get(programme__year=2021)


@pytest.fixture
def no_render(monkeypatch):
    """Queue renders without running them (as with a real broker and a busy worker)."""
    from pzss.documents import tasks

    queued: list[int] = []
    monkeypatch.setattr(tasks.render_document, "delay", lambda pk: queued.append(pk))
    return queued


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a service queues with transaction.on_commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _interface_in_english(settings):
    """These tests read the interface's messages in their English source wording; the
    Serbian translation of each is the translators' business (locale/), not theirs."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
