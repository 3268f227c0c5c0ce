"""Two tabs submitting the same invitation at once, for real on PostgreSQL (threads, each
with its own connection): the invitation's row lock lets one submit, the other is
refused, and the answers are those of the one that submitted."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pzss.core.models import AuditEntry, Institution
from training import survey_services as services
from training.models import SurveyAnswer

from .survey_builders import full_answers, make_programmes, make_survey, questions_by_kind


def _at_once(*calls) -> list:
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 — reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI's PostgreSQL run covers it)")


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_once_submit_once(on_postgres, staff_user):
    programmes = make_programmes(staff_user)
    centres = [
        Institution.objects.create(
            name=f"ЦСР Истовремено {n}", kind="csw", email=f"i{n}@example.rs"
        )
        for n in range(2)
    ]
    survey = make_survey(staff_user, institutions=centres)
    invitation = survey.invitations.order_by("pk").first()
    errors = _at_once(
        *(
            lambda single=single: services.answers_save(
                invitation=invitation,
                values=full_answers(survey, programmes, single=single),
                submit=True,
            )
            for single in ("Уживо", "Онлајн")
        )
    )
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "submitted already" in " ".join(errors[0].messages)
    assert AuditEntry.objects.filter(action="survey_answers_submit").count() == 1
    single = questions_by_kind(survey)["single"]
    assert SurveyAnswer.objects.filter(invitation=invitation, question=single).count() == 1
