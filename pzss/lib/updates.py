"""One way to change some fields of a row (Django-Styleguide `model_update`): set the
given values, validate the row, save only the fields that changed, and say which."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *, instance: M, data: dict[str, Any], fields: list[str], exclude_clean: list[str] = ()
) -> tuple[M, list[str]]:
    """Apply `data` (only keys in `fields`) to `instance`; returns it and the changed
    fields. Many-to-many values are set after the save."""
    changed: list[str] = []
    m2m = {}
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many:
            m2m[name] = data[name]
            continue
        if getattr(instance, field.attname if field.is_relation else name) != (
            data[name].pk if field.is_relation and data[name] is not None else data[name]
        ):
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.full_clean(exclude=list(exclude_clean))
        update = list(changed)
        if any(f.name == "updated_at" for f in instance._meta.fields):
            update.append("updated_at")
        instance.save(update_fields=update)
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    return instance, changed
