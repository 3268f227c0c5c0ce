"""The one write path of the visit reports (issue 14, part 2): the report's texts and
recommendations while a draft, its issue (final: a correction is a note, never a new
text), the follow-up link e-mailed to the institution, the institution's answers on each
recommendation (a history), staff's confirmation or reopening, and the daily reminders
of overdue recommendations (once per recommendation and deadline).

Issuing makes the visit's activity held and counts it towards the programme's goal for
the institution's kind: „1.“ for a centre for social work, „2.1.“ for a home for
children and youth, „2.2.“ for a home for adults and the elderly."""

import datetime as dt
import logging
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import activity_realises
from pzss.core.models import ActivityStatus, InstitutionKind
from pzss.core.services.activities import activity_log_held
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.lib.personal_data import refuse_jmbg
from pzss.lib.roles import is_staff_member
from pzss.lib.signed_links import SignedLink, days, new_token
from pzss.lib.tasks import TRANSIENT_ERRORS, TransactionAwareTask
from support.models import (
    PENDING_STATES,
    FollowUpInvitation,
    Recommendation,
    RecommendationReminder,
    RecommendationResponse,
    RecommendationState,
    VisitReport,
    VisitReportStatus,
    WorkingVisit,
)

log = logging.getLogger(__name__)

DOCUMENT_KIND = "visit_report"
FOLLOW_UP_LINK = SignedLink(salt="support.visit-follow-up", max_age=days(400))
FOLLOW_UP_URL_NAME = "support_follow_up:answer"
# The e-mails to an institution are the institute's Serbian (Cyrillic) letters.
LANGUAGE = "sr"
# The programme's goal a held visit realises, by the kind of institution visited.
GOAL_OF_KIND = {
    InstitutionKind.CSW: "1.",
    InstitutionKind.CHILDREN_HOME: "2.1.",
    InstitutionKind.ADULT_HOME: "2.2.",
    InstitutionKind.PRIVATE_HOME: "2.2.",
}
REPORT_TEXT_FIELDS = (
    "summary",
    "looked_at",
    "findings_overview",
    "conclusions",
    "no_recommendations",
)
NUMBER_PREFIX = "ИП"

MAIL_TASK = {
    "base": TransactionAwareTask,
    "bind": True,
    "acks_late": True,
    "autoretry_for": (*TRANSIENT_ERRORS, OSError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _refuse_jmbg(data: dict[str, Any], fields) -> None:
    errors = {}
    for name in fields:
        try:
            refuse_jmbg(data.get(name) or "")
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def _locked_report(report: VisitReport) -> VisitReport:
    return (
        VisitReport.objects.select_for_update().select_related("visit__activity").get(pk=report.pk)
    )


def _require_draft(report: VisitReport) -> None:
    if report.is_issued:
        raise ValidationError(_("The report is issued and final: a correction is added as a note."))


def _check_deadline(visit: WorkingVisit, deadline: dt.date | None) -> None:
    visit_date = visit.activity.start_date
    if deadline and visit_date and deadline < visit_date:
        raise ValidationError(
            {
                "deadline": _("The deadline cannot be before the visit's date (%(date)s).")
                % {"date": visit_date.strftime("%d.%m.%Y.")}
            }
        )


# --- the report while a draft --------------------------------------------------------------


@transaction.atomic
def report_save(*, user, visit: WorkingVisit, data: dict[str, Any]) -> VisitReport:
    """The report's texts: made on the first save, changed while a draft."""
    _require_staff(user)
    visit = WorkingVisit.objects.select_for_update().select_related("activity").get(pk=visit.pk)
    _refuse_jmbg(data, REPORT_TEXT_FIELDS)
    report = VisitReport.objects.filter(visit=visit).first()
    created = report is None
    if created:
        report = VisitReport(visit=visit)
    else:
        _require_draft(report)
    changes = {}
    for name in REPORT_TEXT_FIELDS:
        value = (data.get(name) or "").strip()
        if getattr(report, name) != value:
            changes[name] = [getattr(report, name) or None, value or None]
        setattr(report, name, value)
    report.full_clean()
    report.save()
    audit_log(
        actor=user,
        action="visit_report_create" if created else "visit_report_update",
        obj=report,
        changes=None if created else changes,
    )
    return report


def _recommendation_values(visit: WorkingVisit, data: dict[str, Any]) -> dict[str, Any]:
    _refuse_jmbg(data, ("text", "responsible"))
    _check_deadline(visit, data.get("deadline"))
    return {
        "text": (data.get("text") or "").strip(),
        "responsible": (data.get("responsible") or "").strip(),
        "deadline": data.get("deadline"),
    }


@transaction.atomic
def recommendation_add(*, user, report: VisitReport, data: dict[str, Any]) -> Recommendation:
    _require_staff(user)
    report = _locked_report(report)
    _require_draft(report)
    values = _recommendation_values(report.visit, data)
    last = report.recommendations.aggregate(m=Max("order"))["m"] or 0
    recommendation = Recommendation(report=report, order=last + 1, **values)
    recommendation.full_clean()
    recommendation.save()
    audit_log(
        actor=user, action="visit_recommendation_add", obj=report, comment=str(recommendation)
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *, user, recommendation: Recommendation, data: dict[str, Any]
) -> Recommendation:
    _require_staff(user)
    report = _locked_report(recommendation.report)
    _require_draft(report)
    recommendation = Recommendation.objects.get(pk=recommendation.pk, report=report)
    values = _recommendation_values(report.visit, data)
    changes = {
        k: [str(getattr(recommendation, k)), str(v)]
        for k, v in values.items()
        if getattr(recommendation, k) != v
    }
    for k, v in values.items():
        setattr(recommendation, k, v)
    recommendation.full_clean()
    recommendation.save()
    audit_log(actor=user, action="visit_recommendation_update", obj=report, changes=changes)
    return recommendation


@transaction.atomic
def recommendation_delete(*, user, recommendation: Recommendation) -> None:
    _require_staff(user)
    report = _locked_report(recommendation.report)
    _require_draft(report)
    text = str(recommendation)
    Recommendation.objects.filter(pk=recommendation.pk, report=report).delete()
    # The numbers stay consecutive: 1, 2, 3 … in the order they were written.
    for order, rec in enumerate(report.recommendations.order_by("order"), start=1):
        if rec.order != order:
            Recommendation.objects.filter(pk=rec.pk).update(order=order)
    audit_log(actor=user, action="visit_recommendation_delete", obj=report, comment=text)


# --- issue ---------------------------------------------------------------------------------


def _next_number(year: int) -> str:
    prefix = f"{NUMBER_PREFIX}-{year}-"
    # Locked: two reports issued at once must not take one number.
    numbers = list(
        VisitReport.objects.select_for_update()
        .filter(number__startswith=prefix)
        .values_list("number", flat=True)
    )
    last = max((int(n.rsplit("-", 1)[1]) for n in numbers), default=0)
    return f"{prefix}{last + 1:02d}"


@transaction.atomic
def report_issue(*, user, report: VisitReport) -> VisitReport:
    """Issue the report: final from now on. It needs its recommendations or a statement
    that there are none; the visit's activity becomes held and counts towards the goal
    of the programme for the institution's kind."""
    _require_staff(user)
    report = _locked_report(report)
    _require_draft(report)
    if not report.recommendations.exists() and not report.no_recommendations.strip():
        raise ValidationError(
            _(
                "A report is issued with its recommendations, or with a statement that "
                "there are none: add a recommendation or the statement."
            )
        )
    if not (report.summary.strip() or report.conclusions.strip()):
        raise ValidationError(
            {"conclusions": _("Write the report's summary or conclusions before issuing it.")}
        )
    visit = report.visit
    activity = visit.activity
    if activity.status != ActivityStatus.HELD:
        activity_log_held(user=user, activity=activity, data={})
        activity.refresh_from_db()
    now = timezone.now()
    report.status = VisitReportStatus.ISSUED
    report.number = _next_number(timezone.localdate(now).year)
    report.issued_at = now
    report.issued_by = user
    report.save(update_fields=["status", "number", "issued_at", "issued_by", "updated_at"])
    audit_log(actor=user, action="visit_report_issue", obj=report, comment=report.number)
    goal = GOAL_OF_KIND.get(visit.institution.kind)
    if goal:
        activity_realises(user=user, activity=activity, goal=goal)
    return report


@transaction.atomic
def report_correction_add(*, user, report: VisitReport, note: str) -> VisitReport:
    """An issued report is final; a correction is a dated note printed with it."""
    _require_staff(user)
    report = _locked_report(report)
    if not report.is_issued:
        raise ValidationError(_("A draft is corrected by editing it."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the correction.")})
    _refuse_jmbg({"note": note}, ("note",))
    line = f"{timezone.localdate():%d.%m.%Y.}: {note}"
    report.correction_note = f"{report.correction_note}\n{line}".strip()
    report.save(update_fields=["correction_note", "updated_at"])
    audit_log(actor=user, action="visit_report_correction", obj=report, comment=note)
    return report


@transaction.atomic
def report_close(*, user, report: VisitReport) -> VisitReport:
    """Close the follow-up: the institution's link becomes read-only."""
    _require_staff(user)
    report = _locked_report(report)
    if not report.is_issued or report.is_closed:
        raise ValidationError(_("Only an issued report whose follow-up is open can be closed."))
    report.closed_at = timezone.now()
    report.save(update_fields=["closed_at", "updated_at"])
    audit_log(actor=user, action="visit_report_close", obj=report)
    return report


def report_document_request(*, report: VisitReport, user=None) -> Document:
    """The report's PDF (the institute's Serbian document), queued, never rendered in
    the request; reused while its content is the same."""
    return document_request(kind=DOCUMENT_KIND, obj=report, language=LANGUAGE, user=user)


# --- the follow-up -------------------------------------------------------------------------


def follow_up_url(invitation: FollowUpInvitation) -> str:
    return FOLLOW_UP_LINK.url(FOLLOW_UP_URL_NAME, invitation.token)


@transaction.atomic
def follow_up_send(*, user, report: VisitReport, email: str) -> FollowUpInvitation:
    """A signed link for the institution, e-mailed to `email` after this commits."""
    _require_staff(user)
    report = _locked_report(report)
    if not report.is_issued or report.is_closed:
        raise ValidationError(
            _("The institution is asked about an issued report whose follow-up is open.")
        )
    invitation = FollowUpInvitation(report=report, email=(email or "").strip(), token=new_token())
    invitation.full_clean()
    invitation.save()
    audit_log(actor=user, action="visit_follow_up_send", obj=report, comment=invitation.email)
    send_follow_up_email.delay(invitation.pk)
    return invitation


def _institute() -> dict:
    return dict(settings.INSTITUTE)


def follow_up_email_send(*, invitation_id: int) -> bool:
    invitation = (
        FollowUpInvitation.objects.select_related("report__visit__institution")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.report.is_closed:
        return False
    with translation.override(LANGUAGE):
        subject = _("How has your institution acted on the recommendations of report %(n)s?") % {
            "n": invitation.report.number
        }
        body = render_to_string(
            "support/emails/follow_up.txt",
            {
                "report": invitation.report,
                "institution": invitation.report.visit.institution,
                "url": follow_up_url(invitation),
                "institute": _institute(),
            },
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    FollowUpInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


@shared_task(**MAIL_TASK)
def send_follow_up_email(self, invitation_id: int) -> bool:
    return follow_up_email_send(invitation_id=invitation_id)


@transaction.atomic
def follow_up_answer(
    *,
    invitation: FollowUpInvitation,
    recommendation: Recommendation,
    action_taken: str,
    state: str,
    answered_by: str,
) -> RecommendationResponse:
    """The institution's answer on one recommendation, through its link: added to the
    history, and the recommendation takes the state it reports (to be confirmed)."""
    invitation = FollowUpInvitation.objects.select_for_update().get(pk=invitation.pk)
    report = _locked_report(invitation.report)
    if not report.is_issued or report.is_closed:
        raise ValidationError(_("The follow-up of this report is closed: it can only be read."))
    recommendation = Recommendation.objects.select_for_update().get(
        pk=recommendation.pk, report=report
    )
    data = {"action_taken": action_taken, "answered_by": answered_by}
    _refuse_jmbg(data, ("action_taken", "answered_by"))
    now = timezone.now()
    response = RecommendationResponse(
        recommendation=recommendation,
        action_taken=(action_taken or "").strip(),
        state=state,
        answered_by=(answered_by or "").strip(),
        answered_at=now,
    )
    response.full_clean()
    response.save()
    before = recommendation.state
    recommendation.state = state
    recommendation.confirmed_at = None
    recommendation.confirmed_by = None
    recommendation.save(update_fields=["state", "confirmed_at", "confirmed_by"])
    invitation.last_answered_at = now
    invitation.save(update_fields=["last_answered_at"])
    audit_log(
        actor=None,
        action="visit_recommendation_answer",
        obj=report,
        changes={f"{recommendation.order}.": [before, state]},
        comment=response.answered_by,
    )
    return response


@transaction.atomic
def recommendation_review(
    *, user, recommendation: Recommendation, action: str, deadline: dt.date | None = None
) -> Recommendation:
    """Staff confirm the state the institution reported, or reopen the recommendation
    (optionally with a new deadline: its reminder comes again once)."""
    _require_staff(user)
    report = _locked_report(recommendation.report)
    if not report.is_issued or report.is_closed:
        raise ValidationError(_("Only an issued report whose follow-up is open is reviewed."))
    recommendation = Recommendation.objects.select_for_update().get(
        pk=recommendation.pk, report=report
    )
    before = {"state": recommendation.state, "deadline": str(recommendation.deadline)}
    if action == "confirm":
        recommendation.confirmed_at = timezone.now()
        recommendation.confirmed_by = user
    elif action == "reopen":
        if deadline is not None:
            _check_deadline(report.visit, deadline)
            recommendation.deadline = deadline
        recommendation.state = RecommendationState.OPEN
        recommendation.confirmed_at = None
        recommendation.confirmed_by = None
    else:
        raise ValidationError({"action": _("Confirm or reopen.")})
    recommendation.save(update_fields=["state", "deadline", "confirmed_at", "confirmed_by"])
    after = {"state": recommendation.state, "deadline": str(recommendation.deadline)}
    audit_log(
        actor=user,
        action=f"visit_recommendation_{action}",
        obj=report,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        comment=str(recommendation.order),
    )
    return recommendation


# --- reminders of overdue recommendations ----------------------------------------------


def _address_of(report: VisitReport) -> str:
    invitations = sorted(report.invitations.all(), key=lambda i: i.created_at, reverse=True)
    if invitations:
        return invitations[0].email
    return report.visit.institution.email


def overdue_reminders_claim(*, today: dt.date | None = None) -> list[int]:
    """Claim today's reminders: one per overdue recommendation and deadline, recorded
    before any e-mail goes, so a repeated run claims nothing. Returns the reports whose
    institutions are to be e-mailed."""
    today = today or timezone.localdate()
    overdue = (
        Recommendation.objects.overdue(today)
        # A reminder of an earlier deadline does not stand for this one.
        .exclude(reminders__deadline=F("deadline"))
        .select_related("report__visit__institution")
        .prefetch_related("report__invitations")
    )
    report_ids = set()
    with transaction.atomic():
        for rec in overdue:
            if not _address_of(rec.report):
                continue
            _, created = RecommendationReminder.objects.get_or_create(
                recommendation=rec, deadline=rec.deadline
            )
            if created:
                report_ids.add(rec.report_id)
                send_overdue_reminder.delay(rec.report_id)
    return sorted(report_ids)


def overdue_reminder_send(*, report_id: int) -> int:
    """E-mail the institution the report's overdue recommendations whose reminders are
    claimed and not yet sent; marks them sent. Nothing when none is left."""
    reminders = list(
        RecommendationReminder.objects.filter(
            recommendation__report_id=report_id,
            sent_at__isnull=True,
            recommendation__state__in=PENDING_STATES,
        ).select_related("recommendation__report__visit__institution")
    )
    if not reminders:
        return 0
    report = reminders[0].recommendation.report
    address = _address_of(report)
    if not address:
        return 0
    invitation = report.invitations.order_by("-created_at").first()
    with translation.override(LANGUAGE):
        subject = _("Overdue recommendations of report %(n)s") % {"n": report.number}
        body = render_to_string(
            "support/emails/overdue.txt",
            {
                "report": report,
                "recommendations": [r.recommendation for r in reminders],
                "url": follow_up_url(invitation) if invitation else "",
                "institute": _institute(),
            },
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    RecommendationReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(
        sent_at=timezone.now()
    )
    return len(reminders)


@shared_task(**MAIL_TASK)
def send_overdue_reminder(self, report_id: int) -> int:
    return overdue_reminder_send(report_id=report_id)


@shared_task(base=TransactionAwareTask, acks_late=True)
def send_recommendation_reminders() -> int:
    """Daily from beat: remind institutions of their overdue recommendations, once per
    recommendation and deadline (safe to run twice)."""
    return len(overdue_reminders_claim())
