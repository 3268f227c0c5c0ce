"""Row locks for limited things (seats of an event, a numbered sequence): pretix
`lock_objects`. A lock outside a transaction would be released at once and guard nothing,
so asking for one there is a programming error, raised at once."""

from typing import TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


class LockOutsideTransaction(RuntimeError):
    pass


def lock_row(model: type[M], pk) -> M:
    """The row, locked until the end of the current transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise LockOutsideTransaction(f"Locking {model.__name__} {pk} needs a transaction")
    return model._default_manager.select_for_update().get(pk=pk)
