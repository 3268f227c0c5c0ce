"""The one check of a set of figures against its form: each field by its type, whether it
is required and its bounds, then the rules across fields («од тога» ≤ укупно; the parts
add up to the total). The browser form, the XLSX upload and every service call this, so
a figure refused in one is refused in all, with the same words.

Values come in as the person typed them (strings, or what openpyxl read from a cell) and
go out as what a submission stores: an int, a decimal written as a string, a bool, a
choice's text, a text. Errors are {field code: [message, …]}; a rule's error is under its
total's code and names the fields."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from research.models import DataField, DataRule, DataSetVersion, FieldType, RuleKind

TRUE_WORDS = frozenset({"да", "da", "yes", "true", "1", "x"})
FALSE_WORDS = frozenset({"не", "ne", "no", "false", "0"})
TEXT_LIMIT = 2000


@dataclass
class Checked:
    """The figures as stored, and what was wrong, by field code."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)


@dataclass(frozen=True)
class Form:
    """A form version's fields and rules, read once (two queries) and checked many times
    (an upload of many rows, a grid of many cells)."""

    version: DataSetVersion
    fields: tuple[DataField, ...]
    rules: tuple[tuple[DataRule, tuple[DataField, ...]], ...]

    @classmethod
    def of(cls, version: DataSetVersion) -> "Form":
        fields = tuple(version.fields.all())
        by_pk = {f.pk: f for f in fields}
        rules = []
        # The total with its rule: check_rules reads it for every rule.
        for rule in version.rules.select_related("total").prefetch_related("parts"):
            parts = tuple(by_pk[p.pk] for p in rule.parts.all() if p.pk in by_pk)
            rules.append((rule, parts))
        return cls(version=version, fields=fields, rules=tuple(rules))

    def field(self, code: str) -> DataField | None:
        return next((f for f in self.fields if f.code == code), None)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    # Serbian writes 1.234,5; a plain 12,5 or 12.5 is read too.
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _shown(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral_value() else value)


def check_value(data_field: DataField, raw: Any, checked: Checked) -> None:
    """One field's value: stored in `checked.values` when it is right, an error otherwise."""
    code = data_field.code
    if _blank(raw):
        if data_field.required:
            checked.add(code, _("«%(field)s» is required.") % {"field": data_field.label})
        return
    if data_field.type in (FieldType.INTEGER, FieldType.DECIMAL):
        value = _number(raw)
        if value is None:
            checked.add(code, _("«%(field)s» must be a number.") % {"field": data_field.label})
            return
        if data_field.type == FieldType.INTEGER and value != value.to_integral_value():
            checked.add(
                code, _("«%(field)s» must be a whole number.") % {"field": data_field.label}
            )
            return
        if data_field.min_value is not None and value < data_field.min_value:
            checked.add(
                code,
                _("«%(field)s» must be at least %(bound)s.")
                % {"field": data_field.label, "bound": _shown(data_field.min_value)},
            )
            return
        if data_field.max_value is not None and value > data_field.max_value:
            checked.add(
                code,
                _("«%(field)s» must be at most %(bound)s.")
                % {"field": data_field.label, "bound": _shown(data_field.max_value)},
            )
            return
        checked.values[code] = int(value) if data_field.type == FieldType.INTEGER else str(value)
    elif data_field.type == FieldType.BOOLEAN:
        if isinstance(raw, bool):
            checked.values[code] = raw
            return
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            checked.values[code] = True
        elif word in FALSE_WORDS:
            checked.values[code] = False
        else:
            checked.add(code, _("«%(field)s» is yes or no.") % {"field": data_field.label})
    elif data_field.type == FieldType.CHOICE:
        text = str(raw).strip()
        match = next((c for c in data_field.choices if c.casefold() == text.casefold()), None)
        if match is None:
            checked.add(
                code,
                _("«%(field)s» must be one of: %(choices)s.")
                % {"field": data_field.label, "choices": ", ".join(data_field.choices)},
            )
        else:
            checked.values[code] = match
    else:
        text = str(raw).strip()
        if len(text) > TEXT_LIMIT:
            checked.add(
                code,
                _("«%(field)s» is longer than %(limit)s characters.")
                % {"field": data_field.label, "limit": TEXT_LIMIT},
            )
        else:
            checked.values[code] = text


def _rule_message(rule: DataRule, total: DataField, parts: Iterable[DataField]) -> str:
    if rule.message:
        return rule.message
    names = ", ".join(_("«%(field)s»") % {"field": p.label} for p in parts)
    if rule.kind == RuleKind.PART_OF:
        return _("%(parts)s cannot be more than «%(total)s».") % {
            "parts": names,
            "total": total.label,
        }
    return _("%(parts)s must add up to «%(total)s».") % {"parts": names, "total": total.label}


def check_rules(form: Form, checked: Checked) -> None:
    """The rules across fields, on the values that passed their own checks: a rule with
    a missing or wrong value among its fields is not judged (that field's own error says
    what to fix first)."""
    for rule, parts in form.rules:
        total = rule.total
        codes = [total.code, *(p.code for p in parts)]
        if any(code not in checked.values for code in codes):
            continue
        total_value = Decimal(str(checked.values[total.code]))
        part_values = [Decimal(str(checked.values[p.code])) for p in parts]
        if rule.kind == RuleKind.PART_OF:
            broken = [p for p, v in zip(parts, part_values, strict=True) if v > total_value]
            if broken:
                checked.add(total.code, _rule_message(rule, total, broken))
                for p in broken:
                    checked.add(p.code, _rule_message(rule, total, [p]))
        elif sum(part_values, Decimal(0)) != total_value:
            message = _rule_message(rule, total, parts)
            message += " " + _("(The parts add up to %(sum)s, the total is %(total)s.)") % {
                "sum": _shown(sum(part_values, Decimal(0))),
                "total": _shown(total_value),
            }
            checked.add(total.code, message)


def check_figures(form: Form, raw: Mapping[str, Any], *, draft: bool = False) -> Checked:
    """Every field of `form` from `raw` (by code), then the rules. A draft may leave
    required fields empty (it is saved to be finished later), but what it holds must be
    right; a submission must be complete."""
    checked = Checked()
    for data_field in form.fields:
        value = raw.get(data_field.code)
        if draft and _blank(value):
            continue
        check_value(data_field, value, checked)
    check_rules(form, checked)
    return checked
