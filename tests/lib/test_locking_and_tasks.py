"""The lock helper and the task base every app uses."""

import pytest
from django.db import transaction

from pzss.core.models import Activity
from pzss.lib.locking import LockOutsideTransaction, lock_row
from pzss.lib.tasks import TransactionAwareTask
from tests.factories import ActivityFactory


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused_at_once():
    activity = ActivityFactory()
    with pytest.raises(LockOutsideTransaction):
        lock_row(Activity, activity.pk)
    with transaction.atomic():
        assert lock_row(Activity, activity.pk) == activity


class _Recorder(TransactionAwareTask):
    """apply_async reaches Celery's own only when it is really sent."""

    name = "tests.recorder"
    sent: list = []

    def run(self, *args, **kwargs):  # pragma: no cover - never executed here
        return None


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "celery.app.task.Task.apply_async",
        lambda self, args=None, kwargs=None, **options: calls.append(args),
    )
    return calls


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_in_a_transaction_is_sent_after_it_commits(sent):
    task = _Recorder()
    with transaction.atomic():
        task.delay(1)
        assert sent == []  # the worker must not look before the rows are there
    assert sent == [(1,)]


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_in_a_rolled_back_transaction_is_never_sent(sent):
    task = _Recorder()
    with pytest.raises(RuntimeError), transaction.atomic():
        task.delay(2)
        raise RuntimeError("the change failed")
    task.delay(3)  # outside a transaction: sent at once
    assert sent == [(3,)]
