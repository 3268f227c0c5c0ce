"""The beat task that announces news published for later, run by a real Celery worker
through Redis, twice: the second run leaves what the first announced alone. CI's second
pass (PostgreSQL + Redis) runs it; the embedded pass has no broker."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from outreach import tasks
from outreach.models import NewsItem, NewsStatus


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
def test_a_real_worker_announces_due_news_once_when_beat_sends_the_task_twice(
    settings, real_worker
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    first = _due("prva")
    tasks.announce_due_news.delay()
    assert _wait_for(lambda: NewsItem.objects.get(pk=first.pk).public_since is not None), (
        real_worker.log()
    )
    announced = NewsItem.objects.get(pk=first.pk).public_since
    # The second run: it finds a newly due item (so we know it ran) and leaves the
    # first as the first run marked it.
    second = _due("druga")
    tasks.announce_due_news.delay()
    assert _wait_for(lambda: NewsItem.objects.get(pk=second.pk).public_since is not None), (
        real_worker.log()
    )
    assert NewsItem.objects.get(pk=first.pk).public_since == announced
