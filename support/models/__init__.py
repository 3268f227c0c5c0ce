"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`). Everything is re-exported here by name."""

from support.models.visits import WorkingVisit

__all__ = ["WorkingVisit"]

# --- support requests (h14-requests) ---
from support.models.requests import (  # noqa: E402
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

__all__ += [
    "DEFAULT_DEADLINE_DAYS",
    "DeadlineChange",
    "DeadlineReminder",
    "HelpKind",
    "RequestChannel",
    "RequestFile",
    "RequestMessage",
    "RequestStatus",
    "SupportRequest",
]
