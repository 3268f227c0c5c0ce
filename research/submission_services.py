"""The one write path of a submission: a centre (or staff for it) saves a draft, submits,
staff return it with a comment or accept it, and a correction after acceptance opens a
new version. The browser form, the XLSX upload, tasks and the demo all call these.

Every action locks the submission row first (`select_for_update` inside the
transaction), so two clicks, a form and an upload at once, or staff accepting while the
centre saves, are applied one after the other against the state the other left. The
figures are checked by `research.validation.check_figures` only; a refusal raises
before anything is written, and the transaction takes back what was (the submission row
a first draft made), so nothing is stored.

A version once submitted is never edited: a returned one is followed by a new draft
(its comment stays with it), and a correction after acceptance is a new version copied
from the accepted one, which stays in force until the correction is accepted."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area, Institution
from pzss.core.services.activities import activity_create, activity_update
from pzss.lib.roles import institution_of, is_staff_member
from research.form_services import version_in_use
from research.models import (
    Period,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from research.submission_xlsx import name_cells, read_template
from research.tasks import send_submission_email
from research.validation import Form, check_figures

SOURCES = ("form", "xlsx")
# The programme's goal that the periods' collections realise (area III, «1. …: два пута
# месечно»); other data sets' collections are activities of the area, counted by their own
# reports' publication.
COLLECTION_GOAL = {"aurora": "1."}


# --- who may --------------------------------------------------------------------------------


def may_report_for(user, institution_id: int) -> bool:
    """Staff for any centre (a report phoned in is entered as theirs); an institution's
    login for its own only."""
    return is_staff_member(user) or institution_of(user) == institution_id


def _require_reporter(user, institution_id: int) -> None:
    if not may_report_for(user, institution_id):
        raise PermissionDenied(_("You may report only for your own institution."))


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied(_("Only the institute's staff review submissions."))


def _require_open(period: Period) -> None:
    if period.is_closed:
        raise ValidationError(
            _("The period %(period)s is closed: its figures are in a report already.")
            % {"period": period.label}
        )


def _require_expected(period: Period, institution: Institution) -> None:
    if not period.data_set.expected_institutions().filter(pk=institution.pk).exists():
        raise ValidationError(
            _("%(institution)s is not expected to report on «%(data_set)s».")
            % {"institution": institution, "data_set": period.data_set}
        )


def _locked(submission: Submission) -> Submission:
    # The row lock every action takes first (see the module's docstring); the period is
    # read again with it, so a period closed a moment ago is seen closed.
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("period__data_set", "institution", "current_version", "accepted_version")
        .get(pk=submission.pk)
    )


def _figures(form_version, raw: dict[str, Any], *, draft: bool) -> dict[str, Any]:
    checked = check_figures(Form.of(form_version), raw, draft=draft)
    if not checked.ok:
        raise ValidationError(checked.errors)
    return checked.values


# --- the centre's side ----------------------------------------------------------------------


@transaction.atomic
def submission_save_draft(
    *, user, period: Period, institution: Institution, raw: dict[str, Any], source: str = "form"
) -> Submission:
    """The figures saved to be finished later: what is filled in must be right, what is
    required may still be empty. Makes the submission on its first save."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    _require_reporter(user, institution.pk)
    period = Period.objects.select_related("data_set").get(pk=period.pk)
    _require_open(period)
    _require_expected(period, institution)
    form_version = version_in_use(period.data_set)
    if form_version is None:
        raise ValidationError(_("This data set has no form in use yet."))
    submission, _made = Submission.objects.get_or_create(period=period, institution=institution)
    submission = _locked(submission)
    current = submission.current_version
    if submission.status == SubmissionStatus.SUBMITTED:
        raise ValidationError(
            _(
                "The figures are submitted and wait for the institute's review: they "
                "cannot be changed now."
            )
        )
    if submission.status == SubmissionStatus.ACCEPTED:
        raise ValidationError(
            _("The figures are accepted and locked. Ask for a correction to change them.")
        )
    values = _figures(form_version, raw, draft=True)
    now = timezone.now()
    if current is not None and current.status == SubmissionStatus.DRAFT:
        current.values, current.form, current.source = values, form_version, source
        current.created_by, current.created_at = user, now
        current.save(update_fields=["values", "form", "source", "created_by", "created_at"])
        version = current
    else:
        # The first draft, or the one after a return: the returned version stays as sent.
        version = SubmissionVersion.objects.create(
            submission=submission,
            number=(current.number + 1) if current else 1,
            form=form_version,
            values=values,
            source=source,
            created_by=user,
        )
    submission.current_version = version
    submission.status = SubmissionStatus.DRAFT
    submission.save(update_fields=["current_version", "status", "updated_at"])
    audit_log(
        actor=user,
        action="submission_save_draft",
        obj=submission,
        changes={"version": [None, version.number], "source": [None, source]},
    )
    return submission


@transaction.atomic
def submission_submit(*, user, submission: Submission) -> Submission:
    """The draft sent to the institute: complete and right by the form. A late one is
    taken until the period is closed; it is late by its date (`Submission.is_late`:
    the first submission after the deadline's day)."""
    submission = _locked(submission)
    _require_reporter(user, submission.institution_id)
    _require_open(submission.period)
    version = submission.current_version
    if version is None or version.status != SubmissionStatus.DRAFT:
        raise ValidationError(_("There is no draft to submit: save the figures first."))
    version.values = _figures(version.form, version.values, draft=False)
    now = timezone.now()
    version.status = SubmissionStatus.SUBMITTED
    version.submitted_at, version.submitted_by = now, user
    version.save(update_fields=["values", "status", "submitted_at", "submitted_by"])
    submission.status = SubmissionStatus.SUBMITTED
    fields = ["status", "updated_at"]
    if submission.first_submitted_at is None:
        # Timeliness is DHIS2's: the first submission counts, a resubmission does not.
        submission.first_submitted_at = now
        fields.append("first_submitted_at")
    submission.save(update_fields=fields)
    audit_log(
        actor=user,
        action="submission_submit",
        obj=submission,
        changes={"status": [SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED]},
        comment=_("late") if submission.is_late else "",
    )
    return submission


@transaction.atomic
def submission_save_and_submit(
    *, user, period: Period, institution: Institution, raw: dict[str, Any], source: str = "form"
) -> Submission:
    """The form's «Submit»: the figures saved and sent in one transaction, so figures that
    are not complete are refused whole (not left behind as a draft)."""
    submission = submission_save_draft(
        user=user, period=period, institution=institution, raw=raw, source=source
    )
    return submission_submit(user=user, submission=submission)


@transaction.atomic
def submission_correct(*, user, submission: Submission) -> Submission:
    """A correction after acceptance: a new draft version copied from the accepted one.
    The accepted figures stay in force (`accepted_version`) until the correction is
    accepted; both versions are kept and shown."""
    submission = _locked(submission)
    _require_reporter(user, submission.institution_id)
    _require_open(submission.period)
    if submission.status != SubmissionStatus.ACCEPTED:
        raise ValidationError(_("Only accepted figures are corrected this way."))
    accepted = submission.accepted_version
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=submission.current_version.number + 1,
        form=accepted.form,
        values=dict(accepted.values),
        source="form",
        created_by=user,
    )
    submission.current_version = version
    submission.status = SubmissionStatus.DRAFT
    submission.save(update_fields=["current_version", "status", "updated_at"])
    audit_log(
        actor=user,
        action="submission_correct",
        obj=submission,
        changes={"version": [accepted.number, version.number]},
    )
    return submission


def submission_upload_xlsx(*, user, period: Period, institution: Institution, upload) -> Submission:
    """The XLSX template read back and saved as a draft (source «xlsx»); a refusal names
    the cells. Checked for who and which period before the file is read."""
    _require_reporter(user, institution.pk)
    _require_open(period)
    form_version = version_in_use(period.data_set)
    if form_version is None:
        raise ValidationError(_("This data set has no form in use yet."))
    read = read_template(upload, form_version=form_version, period=period, institution=institution)
    if read.errors:
        raise ValidationError(read.errors)
    try:
        return submission_save_draft(
            user=user, period=period, institution=institution, raw=read.raw, source="xlsx"
        )
    except ValidationError as error:
        raise name_cells(error, read.cell_of) from error


# --- the institute's side -------------------------------------------------------------------


def _reviewable(submission: Submission) -> SubmissionVersion:
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Only submitted figures are reviewed."))
    return submission.current_version


@transaction.atomic
def submission_return(
    *, user, submission: Submission, comment: str, notify: bool = True
) -> Submission:
    """Sent back for correction, with what to correct; the centre is e-mailed (unless
    `notify` is off: the demo, which plays a year of reviews at once)."""
    _require_staff(user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the centre should correct.")})
    submission = _locked(submission)
    _require_open(submission.period)
    version = _reviewable(submission)
    version.status = SubmissionStatus.RETURNED
    version.reviewed_at, version.reviewed_by, version.review_comment = timezone.now(), user, comment
    version.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    submission.status = SubmissionStatus.RETURNED
    submission.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=user,
        action="submission_return",
        obj=submission,
        changes={"status": [SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED]},
        comment=comment,
    )
    if notify:
        send_submission_email.delay(version.pk, "returned")
    return submission


@transaction.atomic
def submission_accept(*, user, submission: Submission, notify: bool = True) -> Submission:
    """Accepted and locked: its figures count (`accepted_version`). The period's collection
    is an activity of area III covering the centres accepted so far; the centre is e-mailed
    (unless `notify` is off, as for `submission_return`)."""
    _require_staff(user)
    submission = _locked(submission)
    _require_open(submission.period)
    version = _reviewable(submission)
    version.status = SubmissionStatus.ACCEPTED
    version.reviewed_at, version.reviewed_by = timezone.now(), user
    version.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    submission.status = SubmissionStatus.ACCEPTED
    submission.accepted_version = version
    submission.save(update_fields=["status", "accepted_version", "updated_at"])
    audit_log(
        actor=user,
        action="submission_accept",
        obj=submission,
        changes={"status": [SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED]},
    )
    period_activity_ensure(user=user, period=submission.period)
    if notify:
        send_submission_email.delay(version.pk, "accepted")
    return submission


# --- the period's collection as an activity (programme point 7) ------------------------------

_QUOTED = re.compile(r"«([^»]+)»")


def collection_title(period: Period) -> str:
    """„Прикупљање и контрола података «Аурора», 1–15.1.2026.“ — the data set's short name
    in «», or its name."""
    name = period.data_set.name
    match = _QUOTED.search(name)
    short = f"«{match.group(1)}»" if match else f"«{name}»"
    return f"Прикупљање и контрола података {short}, {period.label}"[:300]


@transaction.atomic
def period_activity_ensure(*, user, period: Period) -> Activity:
    """The one held activity of the period's collection: made on the first acceptance,
    its institutions the centres accepted so far on each one after. Counted towards the
    programme's goal through the core (`activity_realises`), once, when made."""
    # Locked: two acceptances at once must not make two activities for one period.
    period = (
        Period.objects.select_for_update(of=("self",)).select_related("data_set").get(pk=period.pk)
    )
    accepted = Institution.objects.filter(
        submissions__period=period, submissions__accepted_version__isnull=False
    ).order_by("pk")
    if period.activity_id is None:
        today = timezone.localdate()
        activity = activity_create(
            user=user,
            data={
                "area": Area.RESEARCH,
                "kind": ActivityKind.REPORT,
                "title": collection_title(period),
                "description": period.data_set.description,
                "start_date": min(period.end, today),
                "status": ActivityStatus.HELD,
                "outcome": "",
            },
            institutions=list(accepted),
        )
        period.activity = activity
        period.save(update_fields=["activity"])
        goal = COLLECTION_GOAL.get(period.data_set.code)
        if goal:
            activity_realises(user=user, activity=activity, goal=goal)
        return activity
    activity = period.activity
    if set(activity.institutions.values_list("pk", flat=True)) != {i.pk for i in accepted}:
        activity_update(user=user, activity=activity, data={}, institutions=list(accepted))
    return activity
