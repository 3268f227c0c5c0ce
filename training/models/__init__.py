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

# The annual needs survey (issue 13, part 3).
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
    "AccreditationStatus",
    "PointsRule",
    "ProgrammeOrigin",
    "TrainingProgramme",
    "TrainingProgrammeQuerySet",
    "TrainingSession",
    # the needs survey
    "CHOICE_KINDS",
    "SCALE_VALUES",
    "NeedsSurvey",
    "QuestionKind",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyStatus",
]
