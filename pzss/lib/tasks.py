"""The one base of the portal's Celery tasks: a task called inside a transaction is sent
when that transaction commits (pretix `TransactionAwareTask`), so a worker always finds
the rows the caller wrote, and a rolled-back change sends nothing. Call sites write
`task.delay(...)` and never `transaction.on_commit(...)` themselves."""

from celery import Task
from django.db import transaction

# Errors worth trying again: the network, a broker or SMTP server that did not answer.
TRANSIENT_ERRORS = (ConnectionError, TimeoutError)


class TransactionAwareTask(Task):
    abstract = True

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(
                lambda: super(TransactionAwareTask, self).apply_async(args, kwargs, **options)
            )
            return None
        return super().apply_async(args, kwargs, **options)
