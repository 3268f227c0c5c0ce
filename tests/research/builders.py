"""Builders for area III's test data. `make_submission` writes rows as a finished
workflow leaves them (for the grid, the statistics, the reports); the workflow itself is
tested through its services."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from pzss.core.models import Institution, InstitutionAccount, InstitutionKind, Municipality
from research.form_services import (
    DataSetSpec,
    FieldSpec,
    RuleSpec,
    data_set_create_from_spec,
    periods_ensure,
    version_in_use,
)
from research.models import (
    DataSet,
    FieldType,
    Frequency,
    Period,
    RuleKind,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from research.reference import DOMESTIC_VIOLENCE

SMALL = DataSetSpec(
    code="small",
    name="Мали образац",
    frequency=Frequency.MONTHLY,
    deadline_days=5,
    expected_kinds=(InstitutionKind.CSW,),
    fields=(
        FieldSpec("total", "Укупно", FieldType.INTEGER, min_value=0, max_value=1000),
        FieldSpec("women", "Жене", FieldType.INTEGER, min_value=0),
        FieldSpec("men", "Мушкарци", FieldType.INTEGER, min_value=0),
        FieldSpec("children", "од тога: деца", FieldType.INTEGER, min_value=0),
        FieldSpec("share", "Удео", FieldType.DECIMAL, required=False, min_value=0, max_value=100),
        FieldSpec("licensed", "Лиценца", FieldType.BOOLEAN, required=False),
        FieldSpec(
            "challenge", "Изазов", FieldType.CHOICE, required=False, choices=("Кадар", "Простор")
        ),
        FieldSpec("note", "Напомена", FieldType.TEXT, required=False),
    ),
    rules=(
        RuleSpec(RuleKind.SUM_EQUALS, "total", ("women", "men")),
        RuleSpec(RuleKind.PART_OF, "total", ("children",)),
    ),
)


def make_data_set(spec: DataSetSpec = SMALL, *, year: int | None = None, user=None) -> DataSet:
    data_set = data_set_create_from_spec(user=user, spec=spec)
    periods_ensure(data_set=data_set, year=year or timezone.localdate().year)
    return data_set


def make_domestic_violence(*, year: int | None = None) -> DataSet:
    return make_data_set(DOMESTIC_VIOLENCE, year=year)


def make_centre(name: str, municipality: str | None = None) -> Institution:
    return Institution.objects.create(
        name=name,
        kind=InstitutionKind.CSW,
        municipality=Municipality.objects.get(name=municipality) if municipality else None,
    )


def make_submission(
    *,
    period: Period,
    institution: Institution,
    values: dict,
    status: str = SubmissionStatus.ACCEPTED,
    submitted_at: dt.datetime | None = None,
) -> Submission:
    """A submission as the workflow leaves it in `status`, sent at `submitted_at` (the
    period's deadline, noon, by default)."""
    sent = submitted_at or timezone.make_aware(dt.datetime.combine(period.deadline, dt.time(12, 0)))
    submission = Submission.objects.create(period=period, institution=institution, status=status)
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        form=version_in_use(period.data_set),
        values=values,
        status=status,
        submitted_at=None if status == SubmissionStatus.DRAFT else sent,
        reviewed_at=sent
        if status in (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED)
        else None,
    )
    submission.current_version = version
    submission.accepted_version = version if status == SubmissionStatus.ACCEPTED else None
    submission.first_submitted_at = None if status == SubmissionStatus.DRAFT else sent
    submission.save(update_fields=["current_version", "accepted_version", "first_submitted_at"])
    return submission


def make_institution_user(institution: Institution, username: str = "centre", *, email: str = ""):
    """An institution's own login (group `institution`), bound to `institution`."""
    user = get_user_model().objects.create_user(
        username=username, password="pass-1234-word", email=email or f"{username}@example.rs"
    )
    user.groups.add(Group.objects.get_or_create(name="institution")[0])
    InstitutionAccount.objects.create(user=user, institution=institution)
    return user
