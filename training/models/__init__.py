"""Area II's models, split by domain (the way `pzss.core.models` is): the catalogue of
programmes and their sessions (`catalogue`, with the owners' expiry warnings in
`catalogue_warnings`), the trainings people attended elsewhere and their transcripts
(`points`), the annual needs survey (`survey`), and student practice and consultative help
(`practice`, `consultations`). Everything is re-exported here by name."""

from training.models.catalogue import (
    AccreditationStatus,
    PointsRule,
    ProgrammeOrigin,
    TrainingProgramme,
    TrainingProgrammeQuerySet,
    TrainingSession,
)
from training.models.catalogue_warnings import AccreditationExpiryWarning
from training.models.consultations import (
    Consultation,
    ConsultationChannel,
    ConsultationMonth,
    ConsultationSubject,
)
from training.models.points import ExternalTraining, TranscriptRequest
from training.models.practice import (
    HoursEntry,
    PracticeAgreement,
    PracticeStatus,
    PracticeStudent,
    PracticeStudentQuerySet,
)
from training.models.survey import (
    CHOICE_KINDS,
    SCALE_VALUES,
    NeedsSurvey,
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyStatus,
)

__all__ = [
    "Consultation",
    "ConsultationChannel",
    "ConsultationMonth",
    "ConsultationSubject",
    "HoursEntry",
    "PracticeAgreement",
    "PracticeStatus",
    "PracticeStudent",
    "PracticeStudentQuerySet",
    "CHOICE_KINDS",
    "SCALE_VALUES",
    "AccreditationExpiryWarning",
    "AccreditationStatus",
    "ExternalTraining",
    "NeedsSurvey",
    "PointsRule",
    "ProgrammeOrigin",
    "QuestionKind",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyStatus",
    "TrainingProgramme",
    "TrainingProgrammeQuerySet",
    "TrainingSession",
    "TranscriptRequest",
]
