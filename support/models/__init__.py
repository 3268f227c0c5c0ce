"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`), their case-file samples and findings (`sampling`), their reports and
recommendations (`reports`), support requests (`requests`), the standing groups' meetings,
case conferences and projects (`groups`, `cases`, `projects`). Everything is re-exported
here by name."""

from support.models.cases import (
    CaseConference,
)
from support.models.groups import (
    GroupMeeting,
)
from support.models.projects import (
    Project,
    ProjectStatus,
)
from support.models.reports import (
    PENDING_STATES,
    FollowUpInvitation,
    Recommendation,
    RecommendationReminder,
    RecommendationResponse,
    RecommendationState,
    VisitReport,
    VisitReportStatus,
)
from support.models.requests import (
    DEFAULT_DEADLINE_DAYS,
    DeadlineChange,
    DeadlineReminder,
    HelpKind,
    RequestChannel,
    RequestFile,
    RequestMessage,
    RequestStatus,
    SupportRequest,
)
from support.models.sampling import (
    ADULT_CHECKLIST,
    ADULT_KINDS,
    CHILD_CHECKLIST,
    Answer,
    CareKind,
    CaseFileReview,
    SampleDraw,
    SampleFrame,
    checklist_for,
)
from support.models.visits import (
    WorkingVisit,
)

__all__ = [
    "ADULT_CHECKLIST",
    "ADULT_KINDS",
    "Answer",
    "CHILD_CHECKLIST",
    "CareKind",
    "CaseConference",
    "CaseFileReview",
    "DEFAULT_DEADLINE_DAYS",
    "DeadlineChange",
    "DeadlineReminder",
    "FollowUpInvitation",
    "GroupMeeting",
    "HelpKind",
    "PENDING_STATES",
    "Project",
    "ProjectStatus",
    "Recommendation",
    "RecommendationReminder",
    "RecommendationResponse",
    "RecommendationState",
    "RequestChannel",
    "RequestFile",
    "RequestMessage",
    "RequestStatus",
    "SampleDraw",
    "SampleFrame",
    "SupportRequest",
    "VisitReport",
    "VisitReportStatus",
    "WorkingVisit",
    "checklist_for",
]
