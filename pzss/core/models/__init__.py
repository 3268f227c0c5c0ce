"""The shared core model, split by domain; everything is re-exported here by name
(pretix `base/models/__init__.py`), so `from pzss.core.models import Activity` works and
no module is star-imported. `core` depends on no app of the portal above it."""

from pzss.core.models.activities import (
    ACTIVITY_EDITABLE_FIELDS,
    ACTIVITY_HELD_FIELDS,
    AREAS_OF_KIND,
    Activity,
    ActivityFile,
    ActivityKind,
    ActivityQuerySet,
    ActivityStatus,
    Area,
    attachment_path,
    kind_fits_area,
)
from pzss.core.models.audit import AuditEntry
from pzss.core.models.directory import (
    District,
    Institution,
    InstitutionAccount,
    InstitutionKind,
    Municipality,
    Person,
    Position,
    StandingGroup,
)
from pzss.core.models.registrations import (
    CANCELLABLE_STATUSES,
    MARKABLE_STATUSES,
    PARTICIPATING_STATUSES,
    SEAT_STATUSES,
    WAITLIST_ORDERING,
    Registration,
    RegistrationQuerySet,
    RegistrationSource,
    RegistrationStatus,
    new_token,
)

__all__ = [
    "ACTIVITY_EDITABLE_FIELDS",
    "ACTIVITY_HELD_FIELDS",
    "AREAS_OF_KIND",
    "CANCELLABLE_STATUSES",
    "MARKABLE_STATUSES",
    "PARTICIPATING_STATUSES",
    "SEAT_STATUSES",
    "WAITLIST_ORDERING",
    "Activity",
    "ActivityFile",
    "ActivityKind",
    "ActivityQuerySet",
    "ActivityStatus",
    "Area",
    "AuditEntry",
    "District",
    "Institution",
    "InstitutionAccount",
    "InstitutionKind",
    "Municipality",
    "Person",
    "Position",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationSource",
    "RegistrationStatus",
    "StandingGroup",
    "attachment_path",
    "kind_fits_area",
    "new_token",
]
