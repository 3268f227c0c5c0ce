"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`). Everything is re-exported here by name."""

# Working visits' case-file sample and findings (h14, part 2 first half).
from support.models.sampling import (  # noqa: E402
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
from support.models.visits import WorkingVisit

__all__ = [
    "WorkingVisit",
    "ADULT_CHECKLIST",
    "ADULT_KINDS",
    "CHILD_CHECKLIST",
    "Answer",
    "CareKind",
    "CaseFileReview",
    "SampleDraw",
    "SampleFrame",
    "checklist_for",
]
