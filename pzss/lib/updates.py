"""One way to change some fields of a row (Django-Styleguide `model_update`): set the given
values, validate the whole row, save only the fields that changed, and say which."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *, instance: M, data: dict[str, Any], fields: list[str], exclude_clean: list[str] = ()
) -> tuple[M, list[str]]:
    """Apply `data` to `instance`; a key outside `fields` is a programming error. Returns
    the instance and the names of the fields that changed (saved with `update_fields`)."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in data.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    instance.full_clean(exclude=list(exclude_clean))
    if changed:
        stamps = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*changed, *stamps])
    return instance, changed
