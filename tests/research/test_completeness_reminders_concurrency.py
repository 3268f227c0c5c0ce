"""Two runs of the reminders' beat at the same moment, for real on PostgreSQL: under the
unique (period, institution, step) each reminder is claimed by exactly one of them."""

import dataclasses
import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from pzss.core.models import Institution, InstitutionKind
from research import reminders
from research.models import Period, Reminder
from tests.events.test_concurrency import _postgres_only, _start_empty
from tests.research.builders import SMALL, make_data_set


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_claim_each_reminder_once():
    _postgres_only()
    _start_empty()
    data_set = make_data_set(dataclasses.replace(SMALL, code="race", expected_kinds=()), year=2025)
    institutions = Institution.objects.bulk_create(
        Institution(name=f"Трка {n}", kind=InstitutionKind.OTHER, email=f"trka{n}@example.rs")
        for n in range(20)
    )
    data_set.chosen_institutions.set(institutions)
    january = Period.objects.get(data_set=data_set, start=dt.date(2025, 1, 1))
    today = january.deadline + dt.timedelta(days=1)

    barrier = threading.Barrier(2)
    claimed: list[list[int]] = []
    errors: list[Exception] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                claimed.append(reminders.reminders_claim(today=today))
        except Exception as error:  # noqa: BLE001 (any error is the test's failure)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    together = [pk for run_ids in claimed for pk in run_ids]
    assert len(together) == len(set(together)) == 20
    assert Reminder.objects.filter(period=january).count() == 20
