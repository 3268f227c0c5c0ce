"""Writing data sets and their forms: a data set made from a definition (the reference
forms, the demo, tests), and the periods of a year. The browser's form builder calls the
same functions, so a form made by hand and one loaded from a definition obey the same
checks (`full_clean` on every field and rule)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.lib.slugs import slug_base
from research.models import (
    DataField,
    DataRule,
    DataSet,
    DataSetVersion,
    Period,
    RuleKind,
    Submission,
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


# --- the form builder: staff make data sets and change their forms in the browser --------

# Addresses under staff/research/data/ that are pages of their own, not a data set's code.
RESERVED_CODES = frozenset({"new", "review"})
# What a data set's page edits (the code is its address and its XLSX template's name: it is
# chosen once, when the data set is made).
DATA_SET_FIELDS = ["name", "description", "frequency", "deadline_days", "expected_kinds"]
FIELD_ATTRIBUTES = [
    "label",
    "code",
    "type",
    "unit",
    "required",
    "min_value",
    "max_value",
    "choices",
    "section",
    "help_text",
]


def _years_ahead() -> list[int]:
    """The years whose periods exist as soon as a form can be filled in: this one and
    the next, so a data set published in December has January's periods."""
    year = timezone.localdate().year
    return [year, year + 1]


def suggested_code(text: str, *, taken: Iterable[str] = (), fallback: str = "field") -> str:
    """A code from a label or a name: Latin letters, digits and underscores
    («од тога: деца» → `od_toga_deca`), numbered when taken (`_2`, `_3`, …)."""
    base = slug_base(text, fallback=fallback, max_length=54).replace("-", "_")
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def frozen_message() -> str:
    return _(
        "This version of the form is in use or replaced, so it is not changed: start a new draft."
    )


def _check_someone_reports(expected_kinds, chosen_institutions) -> None:
    if not expected_kinds and not chosen_institutions:
        raise ValidationError(
            {"expected_kinds": _("Choose the kinds of institutions or the institutions.")}
        )


def _require_draft(version: DataSetVersion) -> None:
    if version.is_frozen:
        raise ValidationError(frozen_message())


def _locked_version(version: DataSetVersion) -> DataSetVersion:
    """The version re-read under a lock on its data set: a publish and a change to the
    same draft never interleave (the change would land in a form already in use)."""
    DataSet.objects.select_for_update().get(pk=version.data_set_id)
    version = DataSetVersion.objects.select_related("data_set").get(pk=version.pk)
    _require_draft(version)
    return version


@transaction.atomic
def data_set_create(
    *,
    user,
    name: str,
    code: str = "",
    description: str = "",
    frequency: str,
    deadline_days: int,
    expected_kinds: Iterable[str] = (),
    chosen_institutions: Iterable = (),
) -> DataSet:
    """A new data set with an empty draft of its form (version 1), and its periods of
    this year and the next. Nobody is asked to report until the form is published."""
    code = code or suggested_code(
        name, taken=DataSet.objects.values_list("code", flat=True), fallback="data_set"
    )
    expected_kinds, chosen_institutions = list(expected_kinds), list(chosen_institutions)
    _check_someone_reports(expected_kinds, chosen_institutions)
    if code in RESERVED_CODES:
        raise ValidationError({"code": _("This code is taken by a page of the portal.")})
    data_set = DataSet(
        code=code,
        name=name,
        description=description,
        frequency=frequency,
        deadline_days=deadline_days,
        expected_kinds=list(expected_kinds),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    data_set.full_clean()
    data_set.save()
    data_set.chosen_institutions.set(chosen_institutions)
    DataSetVersion.objects.create(data_set=data_set, number=1)
    for year in _years_ahead():
        periods_ensure(data_set=data_set, year=year)
    audit_log(actor=user, action="data_set_create", obj=data_set)
    return data_set


@transaction.atomic
def data_set_update(
    *,
    user,
    data_set: DataSet,
    name: str,
    description: str,
    frequency: str,
    deadline_days: int,
    expected_kinds: Iterable[str],
    chosen_institutions: Iterable,
) -> DataSet:
    """Change what a data set is and who reports on it. Its periods follow: a new
    frequency replaces the periods (only while nobody has reported, since a submission
    belongs to its period), and a new deadline moves the deadlines not yet passed."""
    expected_kinds, chosen = list(expected_kinds), list(chosen_institutions)
    _check_someone_reports(expected_kinds, chosen)
    data_set = DataSet.objects.select_for_update().get(pk=data_set.pk)
    before = snapshot(data_set, DATA_SET_FIELDS)
    old_frequency, old_days = data_set.frequency, data_set.deadline_days
    data_set.name = name
    data_set.description = description
    data_set.frequency = frequency
    data_set.deadline_days = deadline_days
    data_set.expected_kinds = list(expected_kinds)
    data_set.full_clean()
    reported = Submission.objects.filter(period__data_set=data_set).exists()
    if frequency != old_frequency and reported:
        raise ValidationError(
            {
                "frequency": _(
                    "Institutions have already reported for its periods: make a new data set "
                    "for the new frequency."
                )
            }
        )
    data_set.save(update_fields=DATA_SET_FIELDS)
    before["chosen_institutions"] = sorted(
        data_set.chosen_institutions.values_list("pk", flat=True)
    )
    data_set.chosen_institutions.set(chosen)
    if frequency != old_frequency:
        data_set.periods.all().delete()
        for year in _years_ahead():
            periods_ensure(data_set=data_set, year=year)
    elif deadline_days != old_days:
        # A deadline already passed stays as it was: the reports it judged were on time
        # or late by it.
        today = timezone.localdate()
        moved = [
            p
            for p in data_set.periods.filter(deadline__gte=today, closed_at__isnull=True)
            if deadline_of(p.end, deadline_days) >= today
        ]
        for period in moved:
            period.deadline = deadline_of(period.end, deadline_days)
        Period.objects.bulk_update(moved, ["deadline"])
    after = snapshot(data_set, DATA_SET_FIELDS)
    after["chosen_institutions"] = sorted(getattr(i, "pk", i) for i in chosen)
    audit_log(actor=user, action="data_set_update", obj=data_set, changes=diff(before, after))
    return data_set


@transaction.atomic
def form_draft_start(*, user, data_set: DataSet) -> DataSetVersion:
    """A new draft of the form, a copy of the version in use (fields and rules), to be
    changed and published. One draft at a time: the constraint says so and the lock on
    the data set makes two staff starting one at once meet it in order."""
    data_set = DataSet.objects.select_for_update().get(pk=data_set.pk)
    if data_set.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(_("This form already has a draft: change that one."))
    source = version_in_use(data_set) or data_set.versions.order_by("-number").first()
    number = (data_set.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    draft = DataSetVersion.objects.create(data_set=data_set, number=number)
    if source is not None:
        _copy_form(source, draft)
    audit_log(
        actor=user,
        action="form_draft_start",
        obj=data_set,
        comment=_("Version %(number)s, a copy of version %(source)s.")
        % {"number": number, "source": source.number}
        if source
        else "",
    )
    return draft


def _copy_form(source: DataSetVersion, draft: DataSetVersion) -> None:
    new_by_old = {}
    for old in source.fields.all():
        copy = DataField(version=draft, **{a: getattr(old, a) for a in FIELD_ATTRIBUTES})
        copy.order = old.order
        copy.save()
        new_by_old[old.pk] = copy
    for rule in source.rules.prefetch_related("parts"):
        copy = DataRule.objects.create(
            version=draft, kind=rule.kind, total=new_by_old[rule.total_id], message=rule.message
        )
        copy.parts.set([new_by_old[p.pk] for p in rule.parts.all()])


def _field_values(**attributes) -> dict:
    values = {a: attributes[a] for a in FIELD_ATTRIBUTES if a in attributes}
    if "choices" in values:
        values["choices"] = [c.strip() for c in values["choices"] or [] if c.strip()]
    return values


def _check_code_free(version: DataSetVersion, code: str, exclude_pk: int | None = None) -> None:
    others = version.fields.filter(code=code).exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {"code": _("Another field of this form has the code «%(code)s».") % {"code": code}}
        )


@transaction.atomic
def form_field_add(
    *,
    user,
    version: DataSetVersion,
    label: str,
    type: str,  # noqa: A002 (the model's own word)
    code: str = "",
    unit: str = "",
    required: bool = True,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    choices: Iterable[str] = (),
    section: str = "",
    help_text: str = "",
) -> DataField:
    """A field at the end of a draft form. Without a code, one is made from the label."""
    version = _locked_version(version)
    code = code or suggested_code(label, taken=version.fields.values_list("code", flat=True))
    _check_code_free(version, code)
    last = version.fields.aggregate(last=Max("order"))["last"] or 0
    data_field = DataField(
        version=version,
        order=last + 10,
        **_field_values(
            label=label,
            code=code,
            type=type,
            unit=unit,
            required=required,
            min_value=min_value,
            max_value=max_value,
            choices=list(choices),
            section=section,
            help_text=help_text,
        ),
    )
    data_field.full_clean(exclude=["version"])
    data_field.save()
    audit_log(
        actor=user,
        action="form_field_add",
        obj=version,
        changes={"field": [None, data_field.code]},
    )
    return data_field


@transaction.atomic
def form_field_update(*, user, data_field: DataField, **attributes) -> DataField:
    """Change a field of a draft form. A field a rule compares stays a number."""
    version = _locked_version(data_field.version)
    data_field = DataField.objects.get(pk=data_field.pk)
    before = snapshot(data_field, FIELD_ATTRIBUTES)
    values = _field_values(**attributes)
    if not values.get("code"):
        values["code"] = data_field.code
    for name, value in values.items():
        setattr(data_field, name, value)
    _check_code_free(version, data_field.code, exclude_pk=data_field.pk)
    if not data_field.is_numeric and _rules_naming(data_field).exists():
        raise ValidationError(
            {"type": _("A rule compares this field: it stays a number (delete the rule first).")}
        )
    data_field.full_clean(exclude=["version"])
    data_field.save(update_fields=FIELD_ATTRIBUTES)
    audit_log(
        actor=user,
        action="form_field_update",
        obj=version,
        changes={"field": [before["code"], data_field.code]}
        | diff(before, snapshot(data_field, FIELD_ATTRIBUTES)),
    )
    return data_field


def _rules_naming(data_field: DataField):
    return DataRule.objects.filter(Q(total=data_field) | Q(parts=data_field)).distinct()


@transaction.atomic
def form_field_delete(*, user, data_field: DataField) -> int:
    """Delete a field of a draft form, and the rules that compare it (a rule missing a
    field would check something else than it says). Returns how many rules went."""
    version = _locked_version(data_field.version)
    rules = list(_rules_naming(data_field).values_list("pk", flat=True))
    DataRule.objects.filter(pk__in=rules).delete()
    code = data_field.code
    data_field.delete()
    audit_log(
        actor=user,
        action="form_field_delete",
        obj=version,
        changes={"field": [code, None]},
    )
    return len(rules)


@transaction.atomic
def form_field_move(*, user, data_field: DataField, direction: str) -> DataField:
    """Swap a field with the one above or below it. The orders are renumbered first
    (10, 20, …), so fields that shared an order still move one place."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a field up or down."))
    version = _locked_version(data_field.version)
    fields = list(version.fields.order_by("order", "pk"))
    for n, f in enumerate(fields, start=1):
        f.order = n * 10
    index = next(i for i, f in enumerate(fields) if f.pk == data_field.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(fields):
        fields[index].order, fields[other].order = fields[other].order, fields[index].order
    DataField.objects.bulk_update(fields, ["order"])
    audit_log(
        actor=user,
        action="form_field_move",
        obj=version,
        changes={"field": [data_field.code, direction]},
    )
    return fields[index]


@transaction.atomic
def form_rule_add(
    *,
    user,
    version: DataSetVersion,
    kind: str,
    total: DataField,
    parts: Iterable[DataField],
    message: str = "",
) -> DataRule:
    """A rule between numeric fields of the same draft form."""
    version = _locked_version(version)
    parts = list(parts)
    if any(f.version_id != version.pk for f in (total, *parts)):
        raise ValidationError(_("Choose fields of this form."))
    check_rule_fields(kind, total, parts)
    rule = DataRule(version=version, kind=kind, total=total, message=message)
    rule.full_clean(exclude=["version", "total"])
    rule.save()
    rule.parts.set(parts)
    audit_log(
        actor=user,
        action="form_rule_add",
        obj=version,
        changes={"rule": [None, f"{kind}: {total.code} ← {', '.join(p.code for p in parts)}"]},
    )
    return rule


@transaction.atomic
def form_rule_delete(*, user, rule: DataRule) -> None:
    version = _locked_version(rule.version)
    described = f"{rule.kind}: {rule.total.code}"
    rule.delete()
    audit_log(
        actor=user, action="form_rule_delete", obj=version, changes={"rule": [described, None]}
    )


@transaction.atomic
def form_publish(*, user, version: DataSetVersion, change_note: str = "") -> DataSetVersion:
    """The draft becomes the form in use and the one in use is replaced (retired).
    Submissions are not touched: each of their versions points at the form it was made
    with, so past figures read as they were sent; new ones are made with this form."""
    version = _locked_version(version)
    if not version.fields.exists():
        raise ValidationError(_("A form without fields cannot be published: add a field."))
    data_set = version.data_set
    now = timezone.now()
    # The one in use goes first: two published versions would break the constraint.
    data_set.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.change_note = change_note
    version.full_clean(exclude=["data_set"])
    version.save(update_fields=["status", "published_at", "change_note"])
    for year in _years_ahead():
        periods_ensure(data_set=data_set, year=year)
    audit_log(
        actor=user,
        action="form_publish",
        obj=data_set,
        comment=_("Version %(number)s is in use.") % {"number": version.number},
        changes={"version": [None, version.number]},
    )
    return version
