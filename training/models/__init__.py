"""Area II's models, split by domain (the way `pzss.core.models` is): the catalogue of
programmes and their sessions (`catalogue`). Everything is re-exported here by name."""

from training.models.catalogue import (
    AccreditationStatus,
    PointsRule,
    ProgrammeOrigin,
    TrainingProgramme,
    TrainingProgrammeQuerySet,
    TrainingSession,
)

# The catalogue's expiry warnings (h13 catalogue).
from training.models.catalogue_warnings import AccreditationExpiryWarning

__all__ = [
    "AccreditationExpiryWarning",
    "AccreditationStatus",
    "PointsRule",
    "ProgrammeOrigin",
    "TrainingProgramme",
    "TrainingProgrammeQuerySet",
    "TrainingSession",
]

# Licence points per person (issue 13, part 2).
from training.models.points import ExternalTraining, TranscriptRequest  # noqa: E402

__all__ += ["ExternalTraining", "TranscriptRequest"]
