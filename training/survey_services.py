"""The needs survey's one write path: staff design the survey and its questions, choose
the invited institutions, open it (each invitation's e-mail is queued once), close and
publish it; a respondent saves answers and submits them once, through a signed link.

Every rule is here: questions are designed only while the survey is a draft (an answer
must never outlive its question's meaning), answers are taken only while it is open, and
submitting is guarded by a row lock on the invitation so two tabs cannot submit twice."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import PublishedWork, work_published
from pzss.core.models import Institution
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.lib.jobs import queue_job
from pzss.lib.roles import is_staff_member
from pzss.lib.signed_links import new_token
from pzss.lib.text import cut_at_word, first_paragraph
from training.models import (
    CHOICE_KINDS,
    SCALE_VALUES,
    NeedsSurvey,
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyStatus,
    TrainingProgramme,
)
from training.survey_mail import INVITATION_LINK
from training.survey_tasks import send_invitation_email

DOCUMENT_KIND = "needs_survey_report"
WORK_KIND = "needs_survey_report"
SURVEY_XLSX = "needs_survey_xlsx"
TEXT_LIMIT = 4000
SURVEY_FIELDS = ("year", "title", "introduction", "deadline", "recommendations")
QUESTION_FIELDS = ("text", "help", "kind", "choices", "required", "min_value", "max_value")


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied(_("Only the institute's staff may do this."))


def invitation_by_link(signed: str) -> SurveyInvitation | None:
    """The invitation a signed link names, or None (tampered, expired, unknown)."""
    token = INVITATION_LINK.token_of(signed)
    if token is None:
        return None
    return (
        SurveyInvitation.objects.select_related("survey", "institution").filter(token=token).first()
    )


def programme_choices() -> list[tuple[int, str]]:
    """The catalogue's programmes a question of programmes offers: the published ones,
    or every programme while nothing is published yet."""
    programmes = TrainingProgramme.objects.published()
    if not programmes.exists():
        programmes = TrainingProgramme.objects.all()
    return list(programmes.order_by("title").values_list("pk", "title"))


# --- the survey -----------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, user, data: dict) -> NeedsSurvey:
    _require_staff(user)
    survey = NeedsSurvey(created_by=user)
    for name in SURVEY_FIELDS:
        if name in data:
            setattr(survey, name, data[name] if name in ("year", "deadline") else data[name] or "")
    survey.full_clean()
    survey.save()
    audit_log(actor=user, action="needs_survey_create", obj=survey)
    return survey


@transaction.atomic
def survey_update(*, user, survey: NeedsSurvey, data: dict) -> NeedsSurvey:
    """The texts: the year only while a draft; nothing once published."""
    _require_staff(user)
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_published:
        raise ValidationError(_("A published survey is not changed."))
    if not survey.is_draft and "year" in data and data["year"] != survey.year:
        raise ValidationError({"year": _("The year is fixed once the survey is open.")})
    changes = {}
    for name in SURVEY_FIELDS:
        if name in data:
            value = data[name] if name in ("year", "deadline") else (data[name] or "").strip()
            if getattr(survey, name) != value:
                changes[name] = [str(getattr(survey, name)), str(value)]
                setattr(survey, name, value)
    survey.full_clean()
    survey.save()
    if changes:
        audit_log(actor=user, action="needs_survey_update", obj=survey, changes=changes)
    return survey


def _transition(user, survey: NeedsSurvey, *, to: str, allowed_from: str) -> NeedsSurvey:
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != allowed_from:
        raise ValidationError(
            _("The survey is “%(status)s”: this step is not possible now.")
            % {"status": survey.get_status_display()}
        )
    survey.status = to
    return survey


@transaction.atomic
def survey_open(*, user, survey: NeedsSurvey, send_invitations: bool = True) -> NeedsSurvey:
    """Open for answers: the questions lock, and each invitation not yet e-mailed is
    asked for one e-mail (sent by a task after commit). The demo opens its surveys
    without e-mailing anyone (`send_invitations=False`)."""
    _require_staff(user)
    survey = _transition(user, survey, to=SurveyStatus.OPEN, allowed_from=SurveyStatus.DRAFT)
    if not survey.questions.exists():
        raise ValidationError(_("A survey without questions cannot be opened."))
    if not survey.invitations.exists():
        raise ValidationError(_("Invite at least one institution before opening the survey."))
    survey.opened_at = timezone.now()
    survey.save(update_fields=["status", "opened_at", "updated_at"])
    audit_log(actor=user, action="needs_survey_open", obj=survey)
    if send_invitations:
        invitations_send_pending(survey=survey)
    return survey


def invitations_send_pending(*, survey: NeedsSurvey) -> list[int]:
    """Ask for the first e-mail of every invitation that has none asked for, and queue
    it. Safe to run twice: the second run finds nothing pending."""
    pending = list(
        SurveyInvitation.objects.select_for_update()
        .filter(survey=survey, emails_requested=0)
        .values_list("pk", flat=True)
    )
    SurveyInvitation.objects.filter(pk__in=pending).update(emails_requested=1)
    for pk in pending:
        send_invitation_email.delay(pk)  # queued when this transaction commits
    return pending


@transaction.atomic
def survey_close(*, user, survey: NeedsSurvey) -> NeedsSurvey:
    _require_staff(user)
    survey = _transition(user, survey, to=SurveyStatus.CLOSED, allowed_from=SurveyStatus.OPEN)
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at", "updated_at"])
    audit_log(actor=user, action="needs_survey_close", obj=survey)
    return survey


@transaction.atomic
def survey_publish(*, user, survey: NeedsSurvey) -> NeedsSurvey:
    """Publish a closed survey: its report goes to the public library and its results
    to its public page. It needs its recommendations to the founders."""
    _require_staff(user)
    survey = _transition(user, survey, to=SurveyStatus.PUBLISHED, allowed_from=SurveyStatus.CLOSED)
    if not survey.recommendations.strip():
        raise ValidationError(
            {"recommendations": _("Write the recommendations to the founders before publishing.")}
        )
    if not survey.invitations.filter(submitted_at__isnull=False).exists():
        raise ValidationError(_("No institution has submitted answers: nothing to publish."))
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at", "updated_at"])
    audit_log(actor=user, action="needs_survey_publish", obj=survey)
    work_published(user=user, work=published_work(survey=survey, user=user))
    return survey


# --- questions ------------------------------------------------------------------------------


def _locked_draft(survey: NeedsSurvey) -> NeedsSurvey:
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_draft:
        raise ValidationError(
            _("The questions are locked: the survey is open, and answers must keep their meaning.")
        )
    return survey


def _clean_choices(kind: str, choices: Iterable[str] | str | None) -> list[str]:
    if isinstance(choices, str):
        choices = choices.splitlines()
    seen, out = set(), []
    for choice in choices or []:
        choice = (choice or "").strip()
        if choice and choice.lower() not in seen:
            seen.add(choice.lower())
            out.append(choice)
    if kind in CHOICE_KINDS:
        if len(out) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})
        return out
    return []


def _apply_question(question: SurveyQuestion, data: dict) -> dict:
    changes = {}
    kind = data.get("kind", question.kind)
    for name in QUESTION_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "choices":
            value = _clean_choices(kind, value)
        elif name in ("text", "help"):
            value = (value or "").strip()
        elif name in ("min_value", "max_value"):
            value = value if kind == QuestionKind.NUMBER else None
        if getattr(question, name) != value:
            changes[name] = [str(getattr(question, name)), str(value)]
            setattr(question, name, value)
    if question.kind not in CHOICE_KINDS:
        question.choices = []
    if question.kind == QuestionKind.NUMBER:
        if question.min_value is None:
            question.min_value = 0
        if question.max_value is not None and question.max_value < question.min_value:
            raise ValidationError(
                {"max_value": _("The largest number cannot be smaller than the smallest.")}
            )
    if question.kind in CHOICE_KINDS and len(question.choices) < 2:
        raise ValidationError({"choices": _("Give at least two choices, one per line.")})
    question.full_clean()
    return changes


@transaction.atomic
def question_add(*, user, survey: NeedsSurvey, data: dict) -> SurveyQuestion:
    _require_staff(user)
    survey = _locked_draft(survey)
    last = survey.questions.aggregate(m=Max("order"))["m"]
    question = SurveyQuestion(survey=survey, order=(last or 0) + 1, kind=data.get("kind", ""))
    _apply_question(question, data)
    question.save()
    audit_log(actor=user, action="survey_question_add", obj=survey, comment=question.text[:200])
    return question


@transaction.atomic
def question_update(*, user, question: SurveyQuestion, data: dict) -> SurveyQuestion:
    _require_staff(user)
    _locked_draft(question.survey)
    question = SurveyQuestion.objects.get(pk=question.pk)
    changes = _apply_question(question, data)
    question.save()
    if changes:
        audit_log(actor=user, action="survey_question_update", obj=question.survey, changes=changes)
    return question


@transaction.atomic
def question_delete(*, user, question: SurveyQuestion) -> None:
    _require_staff(user)
    survey = _locked_draft(question.survey)
    text = question.text
    question.delete()
    audit_log(actor=user, action="survey_question_delete", obj=survey, comment=text[:200])


@transaction.atomic
def question_move(*, user, question: SurveyQuestion, direction: str) -> None:
    """One place up or down: the questions are renumbered 1, 2, 3… in their new order."""
    _require_staff(user)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a question up or down."))
    survey = _locked_draft(question.survey)
    questions = list(survey.questions.order_by("order", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for order, q in enumerate(questions, start=1):
        q.order = order
    SurveyQuestion.objects.bulk_update(questions, ["order"])
    audit_log(actor=user, action="survey_question_move", obj=survey, comment=question.text[:200])


# --- invitations ----------------------------------------------------------------------------


@transaction.atomic
def invitations_add(
    *,
    user,
    survey: NeedsSurvey,
    institutions: Iterable[Institution],
    contact_name: str = "",
    contact_email: str = "",
) -> list[SurveyInvitation]:
    """Invite institutions (those invited already are left as they are). The contact
    e-mail is the one typed, or else the institution's own; an institution with
    neither is refused by name. Invited while open, the new ones are e-mailed at once."""
    _require_staff(user)
    survey = NeedsSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.OPEN):
        raise ValidationError(_("Institutions are invited only before the survey closes."))
    institutions = list(institutions)
    if not institutions:
        raise ValidationError({"institutions": _("Choose at least one institution.")})
    contact_email = (contact_email or "").strip()
    invited = set(survey.invitations.values_list("institution_id", flat=True))
    new = []
    missing = []
    for institution in institutions:
        if institution.pk in invited:
            continue
        email = contact_email or (institution.email or "").strip()
        if not email:
            missing.append(institution.name)
            continue
        invitation = SurveyInvitation(
            survey=survey,
            institution=institution,
            contact_name=(contact_name or "").strip(),
            contact_email=email,
            token=new_token(),
        )
        invitation.full_clean(exclude=["survey", "institution"], validate_unique=False)
        new.append(invitation)
    if missing:
        raise ValidationError(
            {
                "contact_email": _(
                    "No e-mail for: %(names)s. Type a contact e-mail or add the "
                    "institution's address in the directory."
                )
                % {"names": ", ".join(missing)}
            }
        )
    created = SurveyInvitation.objects.bulk_create(new)
    if created:
        audit_log(
            actor=user,
            action="survey_invitations_add",
            obj=survey,
            comment=str(len(created)),
        )
    if survey.is_open:
        invitations_send_pending(survey=survey)
    return created


@transaction.atomic
def invitation_update_contact(
    *, user, invitation: SurveyInvitation, contact_name: str, contact_email: str
) -> SurveyInvitation:
    _require_staff(user)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.contact_name = (contact_name or "").strip()
    invitation.contact_email = (contact_email or "").strip()
    invitation.full_clean(exclude=["survey", "institution"], validate_unique=False)
    invitation.save(update_fields=["contact_name", "contact_email"])
    audit_log(actor=user, action="survey_invitation_update", obj=invitation.survey)
    return invitation


@transaction.atomic
def invitation_remove(*, user, invitation: SurveyInvitation) -> None:
    _require_staff(user)
    survey = NeedsSurvey.objects.select_for_update().get(pk=invitation.survey_id)
    if not survey.is_draft:
        raise ValidationError(_("Invitations are removed only while the survey is a draft."))
    name = invitation.institution.name
    invitation.delete()
    audit_log(actor=user, action="survey_invitation_remove", obj=survey, comment=name)


@transaction.atomic
def invitation_resend(*, user, invitation: SurveyInvitation) -> SurveyInvitation:
    """Staff ask for one more e-mail with the same link (a lost message)."""
    _require_staff(user)
    invitation = (
        SurveyInvitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
    )
    if not invitation.survey.is_open:
        raise ValidationError(_("Invitations are sent only while the survey is open."))
    if invitation.is_submitted:
        raise ValidationError(_("This institution has submitted its answers already."))
    invitation.emails_requested = invitation.emails_sent + 1
    invitation.save(update_fields=["emails_requested"])
    audit_log(
        actor=user,
        action="survey_invitation_resend",
        obj=invitation.survey,
        comment=invitation.institution.name,
    )
    send_invitation_email.delay(invitation.pk)
    return invitation


# --- answers --------------------------------------------------------------------------------


def _error(question: SurveyQuestion, message: str) -> dict:
    return {question.field_name: message}


def clean_answer(question: SurveyQuestion, raw, programme_ids: set[int]):
    """The answer as stored, or None for no answer; ValidationError naming the question."""
    kind = question.kind
    if raw in (None, "", [], ()):
        return None
    if kind == QuestionKind.SINGLE:
        if not isinstance(raw, str) or raw not in question.choices:
            raise ValidationError(_error(question, _("Choose one of the offered answers.")))
        return raw
    if kind in (QuestionKind.MULTIPLE, QuestionKind.PROGRAMMES):
        values = [raw] if isinstance(raw, str | int) else list(raw)
        if kind == QuestionKind.MULTIPLE:
            if any(v not in question.choices for v in values):
                raise ValidationError(_error(question, _("Choose among the offered answers.")))
            return [c for c in question.choices if c in values]
        try:
            keys = sorted({int(v) for v in values})
        except (TypeError, ValueError):
            keys = None
        if keys is None or any(k not in programme_ids for k in keys):
            raise ValidationError(
                _error(question, _("Choose among the programmes of the catalogue."))
            )
        return keys
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        try:
            number = int(str(raw).strip())
        except (TypeError, ValueError):
            raise ValidationError(_error(question, _("Enter a whole number."))) from None
        if kind == QuestionKind.SCALE:
            if number not in SCALE_VALUES:
                raise ValidationError(_error(question, _("Choose a mark from 1 to 5.")))
            return number
        low = question.min_value if question.min_value is not None else 0
        if number < low:
            raise ValidationError(
                _error(question, _("The number cannot be smaller than %(n)s.") % {"n": low})
            )
        if question.max_value is not None and number > question.max_value:
            raise ValidationError(
                _error(
                    question,
                    _("The number cannot be larger than %(n)s.") % {"n": question.max_value},
                )
            )
        return number
    text = str(raw).strip()
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            _error(question, _("Keep the answer within %(n)s characters.") % {"n": TEXT_LIMIT})
        )
    return text or None


def clean_answers(
    questions: list[SurveyQuestion], values: dict, *, submit: bool
) -> dict[int, object]:
    """Every answer cleaned, or one ValidationError naming each question that is wrong
    (a required one left empty only when submitting: a draft may be incomplete)."""
    programme_ids = (
        {pk for pk, _title in programme_choices()}
        if any(q.kind == QuestionKind.PROGRAMMES for q in questions)
        else set()
    )
    errors: dict[str, list] = {}
    cleaned: dict[int, object] = {}
    for question in questions:
        try:
            value = clean_answer(question, values.get(question.pk), programme_ids)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if value is None and submit and question.required:
            errors[question.field_name] = [_("This question needs an answer.")]
        cleaned[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def answers_save(*, invitation: SurveyInvitation, values: dict, submit: bool) -> SurveyInvitation:
    """Save a respondent's answers (`values`: question key → answer), as a draft or
    submitted. Locked on the invitation's row: of two tabs submitting at once, the
    second waits, then finds the answers submitted and is refused; nothing changes."""
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("survey", "institution")
        .get(pk=invitation.pk)
    )
    if invitation.is_submitted:
        raise ValidationError(
            _("These answers were submitted already and can no longer be changed.")
        )
    if not invitation.survey.is_open:
        raise ValidationError(_("The survey is closed: it takes no more answers."))
    questions = list(invitation.survey.questions.order_by("order", "pk"))
    cleaned = clean_answers(questions, values, submit=submit)
    answers_write(invitation=invitation, cleaned=cleaned)
    now = timezone.now()
    invitation.saved_at = now
    fields = ["saved_at"]
    if submit:
        invitation.submitted_at = now
        fields.append("submitted_at")
    invitation.save(update_fields=fields)
    audit_log(
        actor=None,
        action="survey_answers_submit" if submit else "survey_answers_save",
        obj=invitation.survey,
        comment=invitation.institution.name,
    )
    return invitation


def answers_write(*, invitation: SurveyInvitation, cleaned: dict[int, object]) -> None:
    """Replace the invitation's answers with the cleaned ones (called under its lock)."""
    SurveyAnswer.objects.filter(invitation=invitation).delete()
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(invitation=invitation, question_id=pk, value=value)
        for pk, value in cleaned.items()
        if value is not None
    )


def invitation_mark_opened(*, invitation: SurveyInvitation) -> None:
    """The first time a respondent opens the link (the response page shows it)."""
    if invitation.first_opened_at is None:
        SurveyInvitation.objects.filter(pk=invitation.pk, first_opened_at__isnull=True).update(
            first_opened_at=timezone.now()
        )


# --- the report -----------------------------------------------------------------------------


def survey_document_request(*, survey: NeedsSurvey, user=None) -> Document:
    return document_request(kind=DOCUMENT_KIND, obj=survey, language="sr", user=user)


def _abstract(survey: NeedsSurvey) -> str:
    first = first_paragraph(survey.recommendations or survey.introduction)
    return cut_at_word(first) or survey.title


def published_work(*, survey: NeedsSurvey, user=None) -> PublishedWork:
    return PublishedWork(
        key=f"needs_survey:{survey.pk}",
        kind=WORK_KIND,
        year=survey.year,
        title=survey.title,
        abstract=_abstract(survey),
        language="sr-Cyrl",
        document=survey_document_request(survey=survey, user=user),
    )


def published_works():
    """Every published needs survey, for the library to catch up with."""
    for survey in NeedsSurvey.objects.filter(status=SurveyStatus.PUBLISHED):
        yield published_work(survey=survey)


def survey_xlsx_request(*, user, survey: NeedsSurvey, language: str):
    """The staff spreadsheet of the answers (no names, no free text), as a job."""
    _require_staff(user)
    key = f"{survey.pk}:{user.pk}:{language}:{survey.published_at}" if survey.is_published else ""
    return queue_job(
        kind=SURVEY_XLSX,
        user=user,
        params={"survey": survey.pk},
        title=_("Answers of “%(title)s” (XLSX)") % {"title": survey.title},
        key=key,
        language=language,
        back_url=survey.get_absolute_url(),
    )
