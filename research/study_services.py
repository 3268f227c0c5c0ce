"""Writes of the research register: a study and its workflow, its outputs (published
into the public library) and the area III activities held for it.

The workflow: planned → in progress → completed → published, and planned or in progress
→ cancelled; a completed study may be reopened while nothing of it is public. A study is
published by publishing its first output — the public page of a study is the page of
what it produced —, so «published» is never a step of its own."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import PublishedWork, work_published
from pzss.core.models import ActivityKind, Area
from pzss.core.services.activities import activity_create
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.lib import slugs
from pzss.lib.roles import is_staff_member
from pzss.lib.text import cut_at_word
from pzss.lib.updates import model_update
from pzss.lib.uploads import check_upload
from research.models import (
    Study,
    StudyActivity,
    StudyOutput,
    StudyStatus,
)

STUDY_EDITABLE_FIELDS = [
    "title",
    "kind",
    "question",
    "aims",
    "programme_year",
    "start_date",
    "end_date",
    "lead",
]
OUTPUT_FIELDS = ["title", "kind", "date", "abstract"]
OUTPUT_DOCUMENT_KIND = "study_output"
OUTPUT_WORK_KIND = "study_output"
# The summary PDF is written in the script the institute writes in.
OUTPUT_DOCUMENT_LANGUAGE = "sr"

# The kinds of activity a study holds: its own fieldwork and the meetings that present it.
STUDY_ACTIVITY_KINDS = [
    ActivityKind.FOCUS_GROUP,
    ActivityKind.WORKSHOP,
    ActivityKind.RESEARCH,
    ActivityKind.ROUND_TABLE,
    ActivityKind.WORKING_MEETING,
    ActivityKind.CONFERENCE,
    ActivityKind.REPORT,
    ActivityKind.OTHER,
]
ACTIVITY_FIELDS = ["kind", "title", "description", "start_date", "end_date", "place", "online"]


class Transition:
    START = "start"
    COMPLETE = "complete"
    REOPEN = "reopen"
    CANCEL = "cancel"


# action → (the states it leaves from, the state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    Transition.START: ((StudyStatus.PLANNED,), StudyStatus.IN_PROGRESS),
    Transition.COMPLETE: ((StudyStatus.IN_PROGRESS,), StudyStatus.COMPLETED),
    Transition.REOPEN: ((StudyStatus.COMPLETED,), StudyStatus.IN_PROGRESS),
    Transition.CANCEL: ((StudyStatus.PLANNED, StudyStatus.IN_PROGRESS), StudyStatus.CANCELLED),
}


def allowed_transitions(study: Study) -> list[str]:
    return [action for action, (sources, _to) in TRANSITIONS.items() if study.status in sources]


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _check_people(*, lead, team) -> None:
    """The lead and the team are the institute's staff: the public page names them as
    the institute's researchers."""
    if lead is not None and not is_staff_member(lead):
        raise ValidationError({"lead": _("The lead of a study is one of the institute's staff.")})
    outsiders = [u for u in team if not is_staff_member(u)]
    if outsiders:
        raise ValidationError(
            {"team": _("The team is made of the institute's staff; partners are institutions.")}
        )


def _names(values) -> list[str]:
    return sorted(str(v) for v in values)


def _lock(study: Study) -> Study:
    return Study.objects.select_for_update().get(pk=study.pk)


@transaction.atomic
def study_create(*, user, data: dict[str, Any], team=(), partners=()) -> Study:
    _require_staff(user)
    _check_people(lead=data.get("lead"), team=team)
    study = Study(**data, status=StudyStatus.PLANNED, created_by=user)
    study.slug = slugs.free_slug(
        Study.objects.all(),
        slugs.slug_base(data.get("title", ""), fallback="study", max_length=100),
        max_length=100,
    )
    study.full_clean()
    study.save()
    study.team.set(team)
    study.partners.set(partners)
    audit_log(
        actor=user,
        action="study_create",
        obj=study,
        changes={
            **{k: [None, v] for k, v in snapshot(study, STUDY_EDITABLE_FIELDS).items()},
            "team": [None, _names(team)],
            "partners": [None, _names(partners)],
        },
    )
    return study


@transaction.atomic
def study_update(*, user, study: Study, data: dict[str, Any], team=None, partners=None) -> Study:
    """The study's description, dates and people. Its address (slug) stays what it was,
    so links to a published study keep working."""
    _require_staff(user)
    study = _lock(study)
    if not study.is_open_for_changes:
        raise ValidationError(_("A cancelled study cannot be changed."))
    _check_people(lead=data.get("lead"), team=team or [])
    before = snapshot(study, STUDY_EDITABLE_FIELDS)
    before_m2m = {"team": _names(study.team.all()), "partners": _names(study.partners.all())}
    model_update(instance=study, data=data, fields=STUDY_EDITABLE_FIELDS)
    if study.status == StudyStatus.COMPLETED or study.status == StudyStatus.PUBLISHED:
        _require_dates(study)
    if team is not None:
        study.team.set(team)
    if partners is not None:
        study.partners.set(partners)
    changes = diff(before, snapshot(study, STUDY_EDITABLE_FIELDS))
    after_m2m = {"team": _names(study.team.all()), "partners": _names(study.partners.all())}
    changes.update(diff(before_m2m, after_m2m))
    if changes:
        audit_log(actor=user, action="study_update", obj=study, changes=changes)
    return study


def _require_dates(study: Study) -> None:
    if not (study.start_date and study.end_date):
        raise ValidationError(
            {"end_date": _("A completed study has its start and end dates: enter both.")}
        )


@transaction.atomic
def study_transition(*, user, study: Study, action: str, comment: str = "") -> Study:
    """Move the study one step along its workflow (TRANSITIONS)."""
    _require_staff(user)
    if action not in TRANSITIONS:
        raise ValidationError(_("This is not a step of a study's workflow."))
    study = _lock(study)
    sources, target = TRANSITIONS[action]
    if study.status not in sources:
        raise ValidationError(
            _("A study that is “%(status)s” cannot take this step.")
            % {"status": study.get_status_display()}
        )
    comment = (comment or "").strip()
    fields = ["status", "updated_at"]
    if action == Transition.COMPLETE:
        _require_dates(study)
        if study.end_date > timezone.localdate():
            raise ValidationError(
                {"end_date": _("A study cannot be completed before its end date.")}
            )
    if action == Transition.CANCEL:
        study.cancel_reason = comment
        fields.append("cancel_reason")
    old = study.status
    study.status = target
    study.full_clean()
    study.save(update_fields=fields)
    audit_log(
        actor=user,
        action=f"study_{action}",
        obj=study,
        changes={"status": [old, study.status]},
        comment=comment,
    )
    return study


# --- outputs ------------------------------------------------------------------------------


@transaction.atomic
def study_output_add(
    *, user, study: Study, data: dict[str, Any], upload: UploadedFile
) -> StudyOutput:
    """An output with its file, checked by its content (PDF, DOCX, XLSX, JPG, PNG). It
    is a draft, seen only by staff, until it is published."""
    _require_staff(user)
    study = _lock(study)
    if not study.is_open_for_changes:
        raise ValidationError(_("A cancelled study cannot be changed."))
    unknown = set(data) - set(OUTPUT_FIELDS)
    if unknown:
        raise ValueError(f"not an output's field: {', '.join(sorted(unknown))}")
    try:
        content_type = check_upload(upload, max_bytes=settings.LIBRARY_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    output = StudyOutput(
        study=study,
        **data,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size,
        created_by=user,
    )
    output.file.save(upload.name or "output", upload, save=False)
    try:
        output.full_clean()
    except ValidationError:
        output.file.storage.delete(output.file.name)
        raise
    output.save()
    audit_log(
        actor=user,
        action="study_output_add",
        obj=study,
        changes={k: [None, v] for k, v in snapshot(output, OUTPUT_FIELDS).items()},
        comment=output.original_name,
    )
    return output


@transaction.atomic
def study_output_delete(*, user, output: StudyOutput) -> None:
    """Remove a draft output (a wrong file). A published one is in the public library
    and stays."""
    _require_staff(user)
    output = StudyOutput.objects.select_for_update().get(pk=output.pk)
    if output.is_published:
        raise ValidationError(_("A published output is in the public library; it stays."))
    name, storage = output.file.name, output.file.storage
    audit_log(actor=user, action="study_output_delete", obj=output.study, comment=output.title)
    output.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def study_output_publish(*, user, output: StudyOutput) -> StudyOutput:
    """Make an output public: it enters the public library (with a summary PDF rendered
    in the background) and the study's public page (with its file). Only a completed
    study's outputs are published; the first one publishes the study."""
    _require_staff(user)
    study = _lock(output.study)
    output = StudyOutput.objects.select_for_update().get(pk=output.pk)
    if output.is_published:
        raise ValidationError(_("This output is published already."))
    if study.status not in (StudyStatus.COMPLETED, StudyStatus.PUBLISHED):
        raise ValidationError(
            _("Only the outputs of a completed study are published; complete the study first.")
        )
    if study.status == StudyStatus.COMPLETED:
        study.status = StudyStatus.PUBLISHED
        study.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=user,
            action="study_publish",
            obj=study,
            changes={"status": [StudyStatus.COMPLETED, StudyStatus.PUBLISHED]},
            comment=output.title,
        )
    output.study = study
    output.published_at = timezone.now()
    output.published_document = output_document_request(output=output, user=user)
    output.save(update_fields=["published_at", "published_document"])
    audit_log(actor=user, action="study_output_publish", obj=study, comment=output.title)
    # As with the programme: if the library cannot record it, nothing is published.
    work_published(user=user, work=published_output_work(output=output))
    return output


def output_document_request(*, output: StudyOutput, user=None) -> Document:
    """The output's summary PDF as it stands now: reused when already rendered or on its
    way, queued otherwise. Never renders in the request."""
    return document_request(
        kind=OUTPUT_DOCUMENT_KIND, obj=output, language=OUTPUT_DOCUMENT_LANGUAGE, user=user
    )


def _abstract(output: StudyOutput) -> str:
    return cut_at_word((output.abstract or output.study.question).strip())


def published_output_work(*, output: StudyOutput) -> PublishedWork:
    """A published output as the library lists it: one entry per output, with the summary
    PDF that was handed over when it was published."""
    return PublishedWork(
        key=f"{OUTPUT_WORK_KIND}:{output.pk}",
        kind=OUTPUT_WORK_KIND,
        year=output.study.programme_year,
        title=output.title,
        abstract=_abstract(output),
        language="sr-Cyrl",
        document=output.published_document or output_document_request(output=output),
    )


def published_output_works():
    """Every published output, for the library to catch up with."""
    outputs = (
        StudyOutput.objects.published()
        .filter(study__status=StudyStatus.PUBLISHED)
        .select_related("study", "published_document")
    )
    for output in outputs:
        yield published_output_work(output=output)


# --- activities -----------------------------------------------------------------------------


@transaction.atomic
def study_activity_add(
    *, user, study: Study, data: dict[str, Any], institutions=()
) -> StudyActivity:
    """An activity of area III held for the study (a focus group, a workshop), made by the
    core's activity service, so it is an activity like any other (listed, counted towards
    the programme, logged as held), with the study's lead responsible for it."""
    _require_staff(user)
    study = _lock(study)
    if not study.is_open_for_changes:
        raise ValidationError(_("A cancelled study cannot be changed."))
    unknown = set(data) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not a study activity's field: {', '.join(sorted(unknown))}")
    if data.get("kind") not in STUDY_ACTIVITY_KINDS:
        raise ValidationError({"kind": _("This kind of activity is not held for a study.")})
    activity = activity_create(
        user=user,
        data={**data, "area": Area.RESEARCH},
        institutions=institutions,
        responsible=[study.lead],
    )
    link = StudyActivity(study=study, activity=activity)
    link.full_clean()
    link.save()
    audit_log(
        actor=user,
        action="study_activity_add",
        obj=study,
        changes={"activity": [None, activity.title]},
    )
    return link
