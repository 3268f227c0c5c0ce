"""What changed between two versions of a form, as staff read it on a version's page:
fields added and removed (matched by code, the column a figure is stored under) and, for
a field in both, which of its label, type, unit, bounds, required, choices or section
changed; rules added and removed."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from research.models import DataField
from research.validation import Form

# The attributes of a field whose change is worth a line, with their names as shown.
COMPARED = [
    ("label", _("label")),
    ("type", _("type")),
    ("unit", _("unit")),
    ("required", _("required")),
    ("min_value", _("at least")),
    ("max_value", _("at most")),
    ("choices", _("choices")),
    ("section", _("section")),
]


@dataclass(frozen=True)
class FieldChange:
    field: DataField
    what: str
    before: str
    after: str


@dataclass
class FormChanges:
    added: list[DataField] = field(default_factory=list)
    removed: list[DataField] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)
    rules_added: list[str] = field(default_factory=list)
    rules_removed: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(
            self.added or self.removed or self.changed or self.rules_added or self.rules_removed
        )


def _shown(data_field: DataField, attribute: str) -> str:
    value = getattr(data_field, attribute)
    if attribute == "type":
        return str(data_field.get_type_display())
    if attribute == "required":
        return str(_("yes") if value else _("no"))
    if attribute == "choices":
        return ", ".join(value) or "—"
    if value is None or value == "":
        return "—"
    if attribute in ("min_value", "max_value"):
        return f"{value.normalize():f}"
    return str(value)


def _rule_line(rule, parts) -> str:
    return f"{rule.get_kind_display()}: {rule.total.label} ← " + ", ".join(p.label for p in parts)


def form_changes(previous: Form, current: Form) -> FormChanges:
    """What `current` changed against `previous`, in `current`'s order."""
    changes = FormChanges()
    before = {f.code: f for f in previous.fields}
    after = {f.code: f for f in current.fields}
    for code, new in after.items():
        old = before.get(code)
        if old is None:
            changes.added.append(new)
            continue
        for attribute, name in COMPARED:
            was, now = _shown(old, attribute), _shown(new, attribute)
            if was != now:
                changes.changed.append(FieldChange(new, str(name), was, now))
    changes.removed = [f for code, f in before.items() if code not in after]
    old_rules = {_rule_key(r, p): _rule_line(r, p) for r, p in previous.rules}
    new_rules = {_rule_key(r, p): _rule_line(r, p) for r, p in current.rules}
    changes.rules_added = [line for key, line in new_rules.items() if key not in old_rules]
    changes.rules_removed = [line for key, line in old_rules.items() if key not in new_rules]
    return changes


def _rule_key(rule, parts) -> tuple:
    # A rule is the same across versions when it compares the same codes the same way.
    return (rule.kind, rule.total.code, tuple(sorted(p.code for p in parts)))
