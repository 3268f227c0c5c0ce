"""The needs survey's rules, in its services: questions locked once open, answers saved
as a draft and submitted once, each question's validation, a closed survey refused, the
invitations' e-mails sent once per request."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from pzss.core.models import AuditEntry
from training import survey_services as services
from training.models import SurveyAnswer, SurveyInvitation, SurveyStatus
from training.survey_mail import INVITATION_LINK, invitation_path
from training.survey_tasks import send_invitation_email

from .survey_builders import full_answers, make_programmes, make_survey, questions_by_kind, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(django_user_model):
    return staff(django_user_model)


@pytest.fixture
def programmes(user):
    return make_programmes(user)


@pytest.fixture
def survey(user, programmes):
    return make_survey(user)


def _invitation(survey):
    return survey.invitations.order_by("pk").first()


def test_a_draft_is_saved_and_comes_back_without_its_required_answers(survey, programmes):
    invitation = _invitation(survey)
    q = questions_by_kind(survey)
    services.answers_save(invitation=invitation, values={q["scale"].pk: 3}, submit=False)
    invitation.refresh_from_db()
    assert invitation.saved_at and not invitation.submitted_at
    assert dict(
        SurveyAnswer.objects.filter(invitation=invitation).values_list("question__kind", "value")
    ) == {"scale": 3}
    services.answers_save(invitation=invitation, values={q["scale"].pk: 5}, submit=False)
    assert SurveyAnswer.objects.get(invitation=invitation).value == 5


def test_submitting_needs_the_required_answers(survey, programmes):
    invitation = _invitation(survey)
    q = questions_by_kind(survey)
    with pytest.raises(ValidationError) as exc:
        services.answers_save(invitation=invitation, values={q["scale"].pk: 3}, submit=True)
    assert set(exc.value.message_dict) == {q["single"].field_name, q["programmes"].field_name}
    assert "This question needs an answer." in exc.value.message_dict[q["single"].field_name]
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    assert not SurveyAnswer.objects.filter(invitation=invitation).exists()


def test_answers_are_submitted_once_and_a_second_submit_changes_nothing(survey, programmes):
    invitation = _invitation(survey)
    services.answers_save(
        invitation=invitation, values=full_answers(survey, programmes), submit=True
    )
    invitation.refresh_from_db()
    submitted_at = invitation.submitted_at
    assert submitted_at
    for submit in (True, False):
        with pytest.raises(ValidationError, match="submitted already"):
            services.answers_save(
                invitation=invitation,
                values=full_answers(survey, programmes, single="Онлајн"),
                submit=submit,
            )
    invitation.refresh_from_db()
    assert invitation.submitted_at == submitted_at
    q = questions_by_kind(survey)
    assert SurveyAnswer.objects.get(invitation=invitation, question=q["single"]).value == "Уживо"
    assert AuditEntry.objects.filter(action="survey_answers_submit").count() == 1


def test_a_closed_survey_takes_no_answers(survey, programmes, user):
    invitation = _invitation(survey)
    services.survey_close(user=user, survey=survey)
    with pytest.raises(ValidationError, match="closed"):
        services.answers_save(
            invitation=invitation, values=full_answers(survey, programmes), submit=False
        )
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize(
    "kind, value, message",
    [
        ("single", "Поштом", "Choose one of the offered answers."),
        ("multiple", ["Супервизија", "Пецање"], "Choose among the offered answers."),
        ("programmes", [987654], "Choose among the programmes of the catalogue."),
        ("programmes", ["abc"], "Choose among the programmes of the catalogue."),
        ("scale", 6, "Choose a mark from 1 to 5."),
        ("scale", 0, "Choose a mark from 1 to 5."),
        ("number", 0, "The number cannot be smaller than 1."),
        ("number", 101, "The number cannot be larger than 100."),
        ("number", "пет", "Enter a whole number."),
        ("text", "x" * 4001, "Keep the answer within 4000 characters."),
    ],
)
def test_each_answer_is_checked_against_its_question(survey, programmes, kind, value, message):
    invitation = _invitation(survey)
    q = questions_by_kind(survey)
    values = full_answers(survey, programmes) | {q[kind].pk: value}
    with pytest.raises(ValidationError) as exc:
        services.answers_save(invitation=invitation, values=values, submit=False)
    assert exc.value.message_dict == {q[kind].field_name: [message]}
    assert not SurveyAnswer.objects.filter(invitation=invitation).exists()


def test_questions_are_designed_only_while_the_survey_is_a_draft(user, programmes):
    survey = make_survey(user, open_it=False)
    first, second = list(survey.questions.order_by("order"))[:2]
    services.question_move(user=user, question=second, direction="up")
    assert list(survey.questions.order_by("order").values_list("pk", flat=True))[:2] == [
        second.pk,
        first.pk,
    ]
    services.question_update(
        user=user, question=first, data={"text": "Облик", "kind": "single", "choices": "А\nБ"}
    )
    first.refresh_from_db()
    assert (first.text, first.choices) == ("Облик", ["А", "Б"])
    services.survey_open(user=user, survey=survey, send_invitations=False)
    for call in (
        lambda: services.question_add(
            user=user, survey=survey, data={"text": "Ново", "kind": "text"}
        ),
        lambda: services.question_update(user=user, question=first, data={"text": "Друго"}),
        lambda: services.question_delete(user=user, question=first),
        lambda: services.question_move(user=user, question=first, direction="down"),
    ):
        with pytest.raises(ValidationError, match="locked"):
            call()
    first.refresh_from_db()
    assert first.text == "Облик"


def test_a_choice_question_needs_two_choices(user):
    survey = services.survey_create(user=user, data={"year": 2030, "title": "Т"})
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            user=user, survey=survey, data={"text": "И", "kind": "single", "choices": "Само једно"}
        )
    assert "choices" in exc.value.message_dict
    assert not survey.questions.exists()


def test_an_institution_without_an_e_mail_is_refused_by_name(user, programmes):
    from pzss.core.models import Institution

    survey = services.survey_create(user=user, data={"year": 2031, "title": "Т"})
    bare = Institution.objects.create(name="ЦСР без адресе", kind="csw")
    with pytest.raises(ValidationError) as exc:
        services.invitations_add(user=user, survey=survey, institutions=[bare])
    assert "ЦСР без адресе" in exc.value.message_dict["contact_email"][0]
    services.invitations_add(
        user=user, survey=survey, institutions=[bare], contact_email="a@example.rs"
    )
    services.invitations_add(
        user=user, survey=survey, institutions=[bare], contact_email="b@example.rs"
    )
    assert list(survey.invitations.values_list("contact_email", flat=True)) == ["a@example.rs"]


def test_opening_twice_never_sends_an_invitation_twice(
    user, programmes, eager_celery, django_capture_on_commit_callbacks
):
    survey = make_survey(user, open_it=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(user=user, survey=survey)
    assert len(mail.outbox) == survey.invitations.count()
    invitation = _invitation(survey)
    message = next(m for m in mail.outbox if m.to == [invitation.contact_email])
    # The e-mailed link names this invitation (its signature carries the time it was
    # signed, so it is read back rather than signed again here).
    signed = re.search(r"/training/survey/([^/\s]+)/", message.body).group(1)
    assert INVITATION_LINK.token_of(signed) == invitation.token
    # A second opening is refused, a pending run finds nothing, a redelivered task sends nothing.
    with pytest.raises(ValidationError):
        services.survey_open(user=user, survey=survey)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invitations_send_pending(survey=survey) == []
    assert send_invitation_email.apply(args=[invitation.pk]).result is False
    assert len(mail.outbox) == survey.invitations.count()
    # Staff's resend owes one more, once.
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(user=user, invitation=invitation)
    assert send_invitation_email.apply(args=[invitation.pk]).result is False
    assert len(mail.outbox) == survey.invitations.count() + 1
    invitation.refresh_from_db()
    assert (invitation.emails_requested, invitation.emails_sent) == (2, 2)


def test_publishing_needs_the_recommendations_and_a_closed_survey(user, survey, programmes):
    services.answers_save(
        invitation=_invitation(survey), values=full_answers(survey, programmes), submit=True
    )
    with pytest.raises(ValidationError):
        services.survey_publish(user=user, survey=survey)  # still open
    services.survey_close(user=user, survey=survey)
    with pytest.raises(ValidationError) as exc:
        services.survey_publish(user=user, survey=survey)
    assert "recommendations" in exc.value.message_dict
    services.survey_update(user=user, survey=survey, data={"recommendations": "Препорука."})
    survey = services.survey_publish(user=user, survey=survey)
    assert survey.status == SurveyStatus.PUBLISHED and survey.published_at
    with pytest.raises(ValidationError):
        services.survey_update(user=user, survey=survey, data={"title": "Друго"})


def test_only_staff_design_surveys(plain_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.survey_create(user=plain_user, data={"year": 2032, "title": "Т"})


def test_invitation_by_link_refuses_a_tampered_link(survey):
    invitation = _invitation(survey)
    signed = invitation_path(invitation).rstrip("/").rsplit("/", 1)[-1]
    assert services.invitation_by_link(signed) == invitation
    assert services.invitation_by_link(signed[:-1] + ("A" if signed[-1] != "A" else "B")) is None
    assert services.invitation_by_link(invitation.token) is None
    assert SurveyInvitation.objects.count() == 5
