"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`). Everything is re-exported here by name."""

from support.models.visits import WorkingVisit

__all__ = ["WorkingVisit"]

# The visit report and its follow-up (issue 14, part 2: the report).
from support.models.reports import (  # noqa: E402
    PENDING_STATES,
    FollowUpInvitation,
    Recommendation,
    RecommendationReminder,
    RecommendationResponse,
    RecommendationState,
    VisitReport,
    VisitReportStatus,
)

__all__ += [
    "PENDING_STATES",
    "FollowUpInvitation",
    "Recommendation",
    "RecommendationReminder",
    "RecommendationResponse",
    "RecommendationState",
    "VisitReport",
    "VisitReportStatus",
]
