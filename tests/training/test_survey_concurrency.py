"""Two tabs submitting the same invitation at once, for real on PostgreSQL (threads, each
with its own connection): the invitation's row lock lets one submit, the other is
refused, and the answers are those of the one that submitted."""

import pytest
from django.core.exceptions import ValidationError

from pzss.core.models import AuditEntry, Institution
from tests.concurrency import at_once
from training import survey_services as services
from training.models import SurveyAnswer

from .survey_builders import full_answers, make_programmes, make_survey, questions_by_kind


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
    errors = at_once(
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
