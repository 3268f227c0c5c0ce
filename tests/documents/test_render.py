"""Rendering in the background: a transient error reaches Celery, so its retries fire,
and the document is queued again meanwhile; on the last try it ends as failed."""

import pytest

from pzss.documents import services
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.services import document_render
from pzss.lib import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(monkeypatch):
    from tests.events.conftest import make_event

    activity = make_event()
    monkeypatch.setattr(services.render_document, "delay", lambda pk: None)
    return services.document_request(kind="signin_sheet", obj=activity, language="sr")


def _storage_down(html):
    raise ConnectionError("the storage did not answer")


def test_a_transient_error_is_raised_for_the_retry_and_the_document_waits(document, monkeypatch):
    monkeypatch.setattr(pdf, "render_pdf", _storage_down)
    with pytest.raises(ConnectionError):
        document_render(document_id=document.pk, last_try=False)
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
    assert "ConnectionError" in document.error


def test_on_the_last_try_a_transient_error_ends_the_document_as_failed(document, monkeypatch):
    monkeypatch.setattr(pdf, "render_pdf", _storage_down)
    document = document_render(document_id=document.pk, last_try=True)
    assert document.status == DocumentStatus.FAILED


def test_the_task_hands_a_transient_error_to_celerys_retry_and_then_renders(document, monkeypatch):
    calls = []

    def flaky(html):
        calls.append(html)
        if len(calls) == 1:
            raise ConnectionError("the storage did not answer")
        return b"%PDF-1.7 fake\n%%EOF", 1

    monkeypatch.setattr(pdf, "render_pdf", flaky)
    # In a worker the retry runs after its countdown; applied in-process (eager), Celery
    # runs it at once — either way it is Celery's retry, not the service, that tries again.
    result = services.render_document.apply(args=[document.pk])
    assert result.state == "SUCCESS"
    assert len(calls) == 2
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.READY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_broker_a_requested_document_is_shown_ready_at_once(settings):
    """`make run` renders in-process (eager): the page must not say it waits for a worker."""
    from pzss.celery import app
    from tests.events.conftest import make_event

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        document = services.document_request(kind="signin_sheet", obj=make_event(), language="sr")
    finally:
        app.conf.task_always_eager = old
    assert document.status == DocumentStatus.READY
