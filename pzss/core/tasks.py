"""Background work of the portal itself."""

from celery import shared_task

from pzss.lib.health import record_heartbeat


@shared_task(ignore_result=True, acks_late=False)
def heartbeat() -> None:
    """Proves a worker is alive and consuming (read by /healthz)."""
    record_heartbeat()
