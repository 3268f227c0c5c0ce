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

# Student practice and consultative help (issue 13, parts 4 and 5).
from training.models.consultations import (
    Consultation,
    ConsultationChannel,
    ConsultationMonth,
    ConsultationSubject,
)
from training.models.practice import (
    HoursEntry,
    PracticeAgreement,
    PracticeStatus,
    PracticeStudent,
    PracticeStudentQuerySet,
)

__all__ = [
    "AccreditationStatus",
    "PointsRule",
    "ProgrammeOrigin",
    "TrainingProgramme",
    "TrainingProgrammeQuerySet",
    "TrainingSession",
    # Student practice and consultative help.
    "Consultation",
    "ConsultationChannel",
    "ConsultationMonth",
    "ConsultationSubject",
    "HoursEntry",
    "PracticeAgreement",
    "PracticeStatus",
    "PracticeStudent",
    "PracticeStudentQuerySet",
]
