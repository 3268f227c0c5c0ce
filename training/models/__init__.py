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

__all__ = [
    "AccreditationStatus",
    "PointsRule",
    "ProgrammeOrigin",
    "TrainingProgramme",
    "TrainingProgrammeQuerySet",
    "TrainingSession",
]
