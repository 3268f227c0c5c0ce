"""A publication's file text is read by a real Celery worker through Redis, after the
upload; its search entry is refreshed by the worker when the task ends, so the PDF's
words are found. CI's second pass (PostgreSQL + Redis) runs it; the embedded pass has
no broker."""

import time

import pytest

from outreach.library import services
from pzss.search.models import SearchEntry
from tests.outreach.conftest import pdf_bytes, upload


def _wait_for(condition, seconds=60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_files_text_read_by_a_real_worker_reaches_the_search_index(settings, real_worker):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = real_worker.media  # the worker reads the file where it was stored
    publication = services.publication_create(
        user=None, data={"title": "Годишњи извештај", "kind": "report", "year": 2021}
    )
    services.publication_file_add(
        user=None, publication=publication, upload=upload(pdf_bytes("Foster care in Srem"))
    )
    services.publication_publish(user=None, publication=publication)
    assert _wait_for(
        lambda: (
            "Foster care in Srem"
            in (
                SearchEntry.objects.filter(kind="publication")
                .values_list("text", flat=True)
                .first()
                or ""
            )
        )
    ), real_worker.log()
