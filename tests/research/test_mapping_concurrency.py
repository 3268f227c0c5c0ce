"""Two people confirming imports into one round at the same moment, for real on
PostgreSQL: the round's row lock makes the second check against what the first wrote,
so a service is never created twice and the second import is refused whole."""

import os
import threading

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from research import mapping_services
from research.models import LocalService
from tests.conftest import require
from tests.research.mapping_builders import make_mapping, row, workbook

PEOPLE = 4


def _postgres_only():
    if not os.environ.get("DATABASE_URL"):
        # SQLite has no row locks to test; the PostgreSQL pass runs this test.
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "the concurrency test needs PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_the_same_rows_imported_at_once_are_created_once():
    _postgres_only()
    call_command("load_reference", verbosity=0)
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())
    user = get_user_model().objects.create_user("savetnica-h4")
    mapping = make_mapping()
    with translation.override("en"):
        rows = [
            r.as_dict()
            for r in mapping_services.mapping_import_preview(
                mapping=mapping,
                content=workbook([row(), row(kind="Day care", name="Дневни боравак")]),
            )
        ]
    barrier = threading.Barrier(PEOPLE)
    done, refused, errors = [], [], []

    def confirm() -> None:
        try:
            barrier.wait(timeout=30)
            mapping_services.mapping_import_commit(user=user, mapping=mapping, rows=rows)
            done.append(1)
        except ValidationError:
            refused.append(1)
        except Exception as exc:  # shown by the test
            errors.append(exc)
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=confirm) for _ in range(PEOPLE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (len(done), len(refused)) == (1, PEOPLE - 1)
    assert LocalService.objects.filter(mapping=mapping).count() == 2
