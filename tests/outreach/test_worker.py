"""The beat task that announces news published for later, run by a real Celery worker
through Redis, twice: the second run leaves what the first announced alone. CI's second
pass (PostgreSQL + Redis) runs it; the embedded pass has no broker."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from outreach import tasks
from outreach.models import NewsItem, NewsStatus
from tests.conftest import require
from tests.programme.test_worker import _redis_answers

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(condition, seconds=60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _due(title: str) -> NewsItem:
    return NewsItem.objects.create(
        title=title,
        year=timezone.localdate().year,
        slug=title.lower(),
        lead="Увод.",
        status=NewsStatus.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(seconds=1),
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_announces_due_news_once_when_beat_sends_the_task_twice(settings):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker:
        pytest.skip("no CELERY_BROKER_URL: the embedded pass runs tasks eagerly")
    require(broker.startswith("redis://") and _redis_answers(broker), f"Redis at {broker}")
    require(connection.vendor == "postgresql", "PostgreSQL (the worker shares the test database)")
    from pzss.celery import app

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    eager_before = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    worker = None
    try:
        app.control.purge()
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pzss", "worker", "-P", "solo",
             "--concurrency", "1", "-Q", "celery", "--without-heartbeat", "--without-gossip",
             "--without-mingle", "-l", "INFO"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        first = _due("prva")
        tasks.announce_due_news.delay()
        assert _wait_for(lambda: NewsItem.objects.get(pk=first.pk).public_since is not None)
        announced = NewsItem.objects.get(pk=first.pk).public_since
        # The second run: it finds a newly due item (so we know it ran) and leaves the
        # first as the first run marked it.
        second = _due("druga")
        tasks.announce_due_news.delay()
        assert _wait_for(lambda: NewsItem.objects.get(pk=second.pk).public_since is not None)
        assert NewsItem.objects.get(pk=first.pk).public_since == announced
    finally:
        app.conf.task_always_eager = eager_before
        if worker and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
