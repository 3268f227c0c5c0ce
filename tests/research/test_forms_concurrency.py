"""Staff changing one form at the same moment, for real on PostgreSQL: threads, each on
its own connection. The lock on the data set puts them in order, so two drafts are never
started and a draft is never published twice; the losers get the service's message, not
a database error."""

import os
import threading

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from research import form_services as services
from research.models import DataSetVersion, VersionStatus
from tests.conftest import require
from tests.research.builders import make_data_set
from tests.research.form_builders import make_with_draft

STAFF = 8


def _postgres_only():
    if not os.environ.get("DATABASE_URL"):
        # SQLite has no row locks to test; the PostgreSQL pass runs this, and there
        # `require` fails instead of skipping.
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the concurrency test needs PostgreSQL")


def _start_empty() -> None:
    # transaction=True starts with empty tables; the content types' cache may still name
    # an earlier test's rows (the audit entries would point at them).
    call_command("load_reference", verbosity=0)
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())


def _race(action) -> tuple[list[Exception], list[Exception]]:
    barrier = threading.Barrier(STAFF)
    refused: list[Exception] = []
    failed: list[Exception] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            action()
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # a database error: the test shows it
            failed.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(STAFF)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return refused, failed


@pytest.mark.django_db(transaction=True)
def test_staff_starting_a_draft_at_once_make_one_draft():
    _postgres_only()
    _start_empty()
    data_set = make_data_set()
    refused, failed = _race(lambda: services.form_draft_start(user=None, data_set=data_set))
    assert failed == []
    assert len(refused) == STAFF - 1
    assert DataSetVersion.objects.filter(data_set=data_set, status=VersionStatus.DRAFT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_draft_published_twice_at_once_is_published_once():
    _postgres_only()
    _start_empty()
    data_set = make_with_draft()
    draft = data_set.versions.get(status=VersionStatus.DRAFT)
    refused, failed = _race(lambda: services.form_publish(user=None, version=draft))
    assert failed == []
    assert len(refused) == STAFF - 1
    statuses = dict(data_set.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.RETIRED, 2: VersionStatus.PUBLISHED}
