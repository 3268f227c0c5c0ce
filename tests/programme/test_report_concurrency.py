"""Two steps of the realisation report's workflow at the same moment, for real on
PostgreSQL: the report's row lock lets exactly one of them through."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection

from programme import services
from programme.models import RealisationReport, ReportStatus, RevisionStatus
from tests.events.test_concurrency import _postgres_only, _start_empty
from tests.programme.builders import make_revision


@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_return_at_once_let_exactly_one_through():
    _postgres_only()
    _start_empty()
    users = get_user_model()
    staff = users.objects.create_user("savetnica-t", password="x")
    staff.groups.add(Group.objects.get_or_create(name="staff")[0])
    director = users.objects.create_user("direktorka-t", password="x")
    director.groups.add(Group.objects.get_or_create(name="director")[0])
    revision = make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    report = services.realisation_report_create(
        user=staff, programme=revision.programme, introduction="Увод."
    )
    report = services.realisation_report_submit(user=staff, report=report)

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def step(name: str, call) -> None:
        try:
            barrier.wait(timeout=30)
            call()
            outcomes.append(name)
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=step,
            args=(
                "approved",
                lambda: services.realisation_report_approve(user=director, report=report),
            ),
        ),
        threading.Thread(
            target=step,
            args=(
                "returned",
                lambda: services.realisation_report_return(
                    user=director, report=report, comment="Допуните."
                ),
            ),
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(outcomes) == 2 and outcomes.count("refused") == 1
    report = RealisationReport.objects.get(pk=report.pk)
    done = next(o for o in outcomes if o != "refused")
    assert report.status == (ReportStatus.APPROVED if done == "approved" else ReportStatus.DRAFT)
    assert report.transitions.count() == 3  # create, submit, and the one that went through
