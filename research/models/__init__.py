"""Area III's models, split by domain (the way `pzss.core.models` is): the data sets the
institutions report on and their submissions (`datasets`), the mapping of local social
services (`mapping`), the register of studies (`studies`) and the statistical and
consolidated reports (`reports`). Everything is re-exported here by name."""

from research.models.datasets import (
    NUMERIC_TYPES,
    DataField,
    DataRule,
    DataSet,
    DataSetVersion,
    FieldType,
    Frequency,
    Period,
    Reminder,
    ReminderStep,
    RuleKind,
    Submission,
    SubmissionQuerySet,
    SubmissionStatus,
    SubmissionVersion,
    VersionStatus,
)
from research.models.mapping import (
    SECTORS,
    FundingSource,
    LocalService,
    MappingStatus,
    ProviderKind,
    ProvisionSpan,
    ServiceKind,
    ServiceMapping,
)

__all__ = [
    "NUMERIC_TYPES",
    "SECTORS",
    "DataField",
    "DataRule",
    "DataSet",
    "DataSetVersion",
    "FieldType",
    "Frequency",
    "FundingSource",
    "LocalService",
    "MappingStatus",
    "Period",
    "ProviderKind",
    "ProvisionSpan",
    "Reminder",
    "ReminderStep",
    "RuleKind",
    "ServiceKind",
    "ServiceMapping",
    "Submission",
    "SubmissionQuerySet",
    "SubmissionStatus",
    "SubmissionVersion",
    "VersionStatus",
]
