"""Writes at once, for real: each call in a thread of its own with its own database
connection, all let go together, so that a service's row lock is what keeps them apart
(PostgreSQL; the `on_postgres` fixture skips elsewhere)."""

import threading

from django.db import connection
from django.utils import translation


def at_once(*calls) -> list[Exception]:
    """Run `calls` together, in the caller's language (a thread starts in the default
    one); the exceptions they raised, in no particular order."""
    barrier = threading.Barrier(len(calls))
    errors = []
    language = translation.get_language()

    def run(call):
        try:
            barrier.wait()
            with translation.override(language):
                call()
        except Exception as exc:  # noqa: BLE001 — reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
