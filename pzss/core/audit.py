"""The audit trail: every service that changes data records who, what and how."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pzss.core.extensions import audit_action_label, register_audit_actions
from pzss.core.models import AuditEntry

# The core's own actions; apps above it register theirs (pzss.core.extensions).
register_audit_actions(
    {
        "activity_create": gettext_lazy("Activity created"),
        "activity_update": gettext_lazy("Activity changed"),
        "activity_held": gettext_lazy("Logged as held"),
        "activity_cancel": gettext_lazy("Activity cancelled"),
        "activity_file_attach": gettext_lazy("File attached"),
        "person_create": gettext_lazy("Person added to the directory"),
    }
)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_log(
    *, actor, action: str, obj: models.Model, changes: dict | None = None, comment: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=changes or {},
        comment=comment,
    )


def history_for(obj: models.Model):
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


# --- the history as people read it -------------------------------------------------------


@dataclass(frozen=True)
class HistoryChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    """One entry of the history: who (a name, or None for the system), what, when."""

    when: dt.datetime
    actor: str | None
    summary: str
    changes: list[HistoryChange]
    comment: str


def _field(model: type[models.Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(field, value: Any) -> str:
    """A stored value (see `_plain`) as the reader knows it: a choice by its label, a yes
    or no, a date in the reader's format."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    try:
        if isinstance(field, models.DateTimeField):
            return date_format(dt.datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if isinstance(field, models.TimeField):
            return time_format(dt.time.fromisoformat(value), "H:i")
    except (TypeError, ValueError):
        pass  # an entry older than its field's type: shown as it was stored
    return str(value)


def present_history(entries, model: type[models.Model]) -> list[HistoryLine]:
    """Audit entries of one kind of object as lines in the reader's language. An action
    no one described reads as a neutral "Recorded a change"."""
    lines = []
    for entry in entries:
        changes = []
        for name, pair in (entry.changes or {}).items():
            old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            shown_old, shown_new = _shown(field, old), _shown(field, new)
            if shown_old != shown_new:  # a field created empty has nothing to say
                changes.append(HistoryChange(label, shown_old, shown_new))
        actor = entry.actor.get_full_name() or entry.actor.username if entry.actor else None
        lines.append(
            HistoryLine(
                when=entry.created_at,
                actor=actor,
                summary=str(audit_action_label(entry.action) or _("Recorded a change")),
                changes=changes,
                comment=entry.comment,
            )
        )
    return lines
