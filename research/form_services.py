"""Writing data sets and their forms: a data set made from a definition (the reference
forms, the demo, tests), and the periods of a year. The browser's form builder calls the
same functions, so a form made by hand and one loaded from a definition obey the same
checks (`full_clean` on every field and rule)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from research.models import (
    DataField,
    DataRule,
    DataSet,
    DataSetVersion,
    Period,
    RuleKind,
    VersionStatus,
)
from research.periods import deadline_of, period_bounds


@dataclass(frozen=True)
class FieldSpec:
    code: str
    label: str
    type: str
    unit: str = ""
    required: bool = True
    min_value: Decimal | int | None = None
    max_value: Decimal | int | None = None
    choices: tuple[str, ...] = ()
    section: str = ""
    help_text: str = ""


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    total: str
    parts: tuple[str, ...]
    message: str = ""


@dataclass(frozen=True)
class DataSetSpec:
    code: str
    name: str
    frequency: str
    deadline_days: int
    fields: tuple[FieldSpec, ...]
    rules: tuple[RuleSpec, ...] = ()
    description: str = ""
    expected_kinds: tuple[str, ...] = ()
    chosen_institutions: tuple = field(default=())


def form_fill(*, version: DataSetVersion, fields: Iterable[FieldSpec], rules: Iterable[RuleSpec]):
    """Write the fields and rules of a draft form version from their definitions."""
    if version.is_frozen:
        raise ValidationError(_("A form in use is not changed: make a new version."))
    by_code = {}
    for order, spec in enumerate(fields, start=1):
        data_field = DataField(
            version=version,
            order=order * 10,
            code=spec.code,
            label=spec.label,
            type=spec.type,
            unit=spec.unit,
            required=spec.required,
            min_value=None if spec.min_value is None else Decimal(spec.min_value),
            max_value=None if spec.max_value is None else Decimal(spec.max_value),
            choices=list(spec.choices),
            section=spec.section,
            help_text=spec.help_text,
        )
        data_field.full_clean(exclude=["version"])
        data_field.save()
        by_code[spec.code] = data_field
    for spec in rules:
        unknown = [c for c in (spec.total, *spec.parts) if c not in by_code]
        if unknown:
            raise ValidationError(
                _("The rule names fields the form does not have: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        rule = DataRule(
            version=version, kind=spec.kind, total=by_code[spec.total], message=spec.message
        )
        rule.full_clean(exclude=["version", "total"])
        check_rule_fields(spec.kind, by_code[spec.total], [by_code[c] for c in spec.parts])
        rule.save()
        rule.parts.set([by_code[c] for c in spec.parts])


def check_rule_fields(kind: str, total: DataField, parts: list[DataField]) -> None:
    """A rule is between numbers, has at least one part (two for a sum), and its total
    is not among its parts."""
    if kind not in RuleKind.values:
        raise ValidationError(_("Choose a rule from the list."))
    if not total.is_numeric or not all(p.is_numeric for p in parts):
        raise ValidationError(_("A rule compares numbers: choose number fields."))
    if total in parts:
        raise ValidationError(_("The total cannot be one of its own parts."))
    if len(parts) < (2 if kind == RuleKind.SUM_EQUALS else 1):
        raise ValidationError(
            _("The parts add up to the total: choose at least two parts.")
            if kind == RuleKind.SUM_EQUALS
            else _("Choose at least one part.")
        )


@transaction.atomic
def data_set_create_from_spec(*, user, spec: DataSetSpec) -> DataSet:
    """A data set with its first form version, in use at once."""
    data_set = DataSet(
        code=spec.code,
        name=spec.name,
        description=spec.description,
        frequency=spec.frequency,
        deadline_days=spec.deadline_days,
        expected_kinds=list(spec.expected_kinds),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    data_set.full_clean()
    data_set.save()
    if spec.chosen_institutions:
        data_set.chosen_institutions.set(spec.chosen_institutions)
    version = DataSetVersion.objects.create(data_set=data_set, number=1)
    form_fill(version=version, fields=spec.fields, rules=spec.rules)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_log(actor=user, action="data_set_create", obj=data_set)
    return data_set


def version_in_use(data_set: DataSet) -> DataSetVersion | None:
    return data_set.versions.filter(status=VersionStatus.PUBLISHED).first()


@transaction.atomic
def periods_ensure(*, data_set: DataSet, year: int) -> list[Period]:
    """The periods of `year` for the data set, made if missing (safe to call again: a
    period that exists is left as it is, deadline and all)."""
    existing = {p.start: p for p in data_set.periods.filter(start__year=year)}
    made = []
    for start, end in period_bounds(data_set.frequency, year):
        if start in existing:
            continue
        made.append(
            Period(
                data_set=data_set,
                start=start,
                end=end,
                deadline=deadline_of(end, data_set.deadline_days),
            )
        )
    Period.objects.bulk_create(made, ignore_conflicts=True)
    return list(data_set.periods.filter(start__year=year).order_by("start"))
