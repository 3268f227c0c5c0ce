"""Reads of the visit reports: the visit with its report, the recommendations list
(filtered, in constant queries), a lead's overdue recommendations, and the invitation
a signed follow-up link names."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from support.models import (
    FollowUpInvitation,
    Recommendation,
    RecommendationResponse,
    VisitReport,
    WorkingVisit,
)
from support.report_services import FOLLOW_UP_LINK


def visit_for_report(*, pk: int) -> WorkingVisit:
    return WorkingVisit.objects.select_related("activity", "institution", "lead").get(pk=pk)


def report_of(visit: WorkingVisit) -> VisitReport | None:
    return (
        VisitReport.objects.filter(visit=visit)
        .select_related("issued_by")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.order_by("order").prefetch_related(
                    Prefetch(
                        "responses",
                        queryset=RecommendationResponse.objects.order_by("-answered_at", "-pk"),
                    )
                ),
            ),
            "invitations",
        )
        .first()
    )


def recommendations(
    *, overdue: bool = False, institution=None, state: str = ""
) -> QuerySet[Recommendation]:
    qs = Recommendation.objects.filter(report__status="issued").select_related(
        "report__visit__institution", "report__visit__activity", "report__visit__lead"
    )
    if overdue:
        qs = qs.overdue()
    if institution is not None:
        qs = qs.filter(report__visit__institution=institution)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("deadline", "report__number", "order")


def overdue_of_lead(user, *, limit: int = 10) -> list[Recommendation]:
    return list(
        Recommendation.objects.overdue()
        .filter(report__visit__lead=user)
        .select_related("report__visit__institution")
        .order_by("deadline", "order")[:limit]
    )


def overdue_dashboard_panel(request) -> dict | None:
    """The lead's overdue recommendations on their dashboard; nothing when none."""
    items = overdue_of_lead(request.user)
    if not items:
        return None
    return {"recommendations": items, "today": timezone.localdate()}


def invitation_of(signed: str) -> FollowUpInvitation | None:
    token = FOLLOW_UP_LINK.token_of(signed)
    if token is None:
        return None
    return (
        FollowUpInvitation.objects.select_related(
            "report__visit__institution", "report__visit__activity"
        )
        .filter(token=token, report__status="issued")
        .first()
    )
