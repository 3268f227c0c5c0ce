"""Background work that loses nothing: a worker killed with SIGKILL in the middle of a
programme render leaves its task unacknowledged; the broker hands it to the next worker,
which finishes the same Document — ready exactly once, with a valid PDF."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from pzss.documents.models import Document, DocumentStatus
from pzss.documents.services import document_request
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY = 20  # seconds until Redis re-delivers the unacknowledged task


def _worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pzss",
            "worker",
            "-P",
            "solo",
            "-c",
            "1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(predicate, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_loses_nothing(settings):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if connection.vendor != "postgresql" or not broker:
        pytest.skip("needs PostgreSQL and a Redis broker (CI's second pass)")
    require(broker.startswith("redis://"), "needs Redis as the broker")
    from pzss.celery import app

    call_command("load_reference", verbosity=0)
    call_command("load_programme", verbosity=0)
    from programme.models import Revision, RevisionStatus

    revision = Revision.objects.filter(status=RevisionStatus.PUBLISHED).first()
    assert revision is not None

    s = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_SOFT_TIME_LIMIT": "15",
        "CELERY_TASK_TIME_LIMIT": "18",
        # The visibility timeout must be above every task's hard limit, the jobs' too.
        "JOB_SOFT_TIME_LIMIT": "15",
        "JOB_TIME_LIMIT": "18",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_transport_options = {"visibility_timeout": VISIBILITY}
    first = second = None
    try:
        first = _worker(env)
        document = document_request(kind="programme", obj=revision, language="sr")
        rendering = _wait(
            lambda: Document.objects.filter(
                pk=document.pk, status=DocumentStatus.RENDERING
            ).exists(),
            timeout=60,
            step=0.02,
        )
        assert rendering, "the first worker never started the render"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        document.refresh_from_db()
        assert document.status == DocumentStatus.RENDERING  # killed before it could finish

        second = _worker(env)
        ready = _wait(
            lambda: Document.objects.filter(pk=document.pk, status=DocumentStatus.READY).exists(),
            timeout=VISIBILITY + 90,
            step=0.5,
        )
        log = ""
        if not ready:
            os.killpg(second.pid, signal.SIGTERM)
            log = second.communicate(timeout=20)[0].decode(errors="replace")[-3000:]
        assert ready, f"the task was not re-delivered and finished:\n{log}"
        document.refresh_from_db()
        assert document.attempts == 2
        assert Document.objects.filter(kind="programme", object_id=revision.pk).count() == 1
        pdf = document.file.read()
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
        assert document.pages and document.pages > 5
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        for worker in (first, second):
            if worker and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
