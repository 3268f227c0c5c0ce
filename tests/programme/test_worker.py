"""The programme PDF rendered by a real Celery worker through Redis (not eagerly):
CI's second pass (PostgreSQL + Redis) runs it; the embedded pass has no broker."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from programme import services
from programme.models import Revision, RevisionStatus
from pzss.documents.models import Document, DocumentStatus
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:
        return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_programme_pdf_once(settings):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker:
        pytest.skip("no CELERY_BROKER_URL: the embedded pass runs tasks eagerly")
    require(broker.startswith("redis://") and _redis_answers(broker), f"Redis at {broker}")
    require(connection.vendor == "postgresql", "PostgreSQL (the worker shares the test database)")
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    from pzss.celery import app

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    env = {
        **os.environ,
        # the worker must see the test database, not the one DATABASE_URL names
        "DATABASE_URL": f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    eager_before = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    worker = None
    try:
        app.control.purge()  # nothing left over from an earlier run
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pzss", "worker", "-P", "solo",
             "--concurrency", "1", "-Q", "celery", "--without-heartbeat", "--without-gossip",
             "--without-mingle", "-l", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        # Publishing queues the Cyrillic PDF (the library's entry of the programme serves
        # it), after the commit, for the worker: nothing is rendered in the process.
        call_command("load_programme", verbosity=0)
        revision = Revision.objects.get(programme__year=2021, status=RevisionStatus.PUBLISHED)
        started = time.monotonic()
        document = services.programme_document_request(revision=revision, language="sr")
        # the request returned at once: the render is the worker's (it may have begun)
        assert time.monotonic() - started < 5
        assert document.status in {DocumentStatus.QUEUED, DocumentStatus.RENDERING}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            document.refresh_from_db()
            if document.status in {DocumentStatus.READY, DocumentStatus.FAILED}:
                break
            time.sleep(0.5)
        log = ""
        if document.status != DocumentStatus.READY:
            os.killpg(worker.pid, signal.SIGTERM)
            log = worker.communicate(timeout=20)[0].decode(errors="replace")[-3000:]
        assert document.status == DocumentStatus.READY, f"{document.error}\n{log}"
        assert document.attempts == 1

        text = subprocess.run(
            ["pdftotext", document.file.path, "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        text = re.sub(r"\s+", " ", text)
        assert revision.title in text
        for goal in [
            "Стручна подршка центрима за социјални рад",
            "Организација и реализација стручног усавршавања актера",
            "Анализа података, израда препорука и мера",
            "Активна комуникација са екстерним субјектима",
        ]:
            assert goal in text, goal

        # the same content again: the ready document, no second render
        again = services.programme_document_request(revision=revision, language="sr")
        assert again.pk == document.pk and again.status == DocumentStatus.READY
        assert Document.objects.filter(kind="programme").count() == 1
    finally:
        app.conf.task_always_eager = eager_before
        if worker and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
