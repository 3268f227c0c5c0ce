"""Background work of the core: thin tasks that reload by primary key and call a service."""

from celery import shared_task

from pzss.core.documents import document_render
from pzss.core.health import record_heartbeat


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def render_document(self, document_id: int) -> None:
    document_render(document_id=document_id)


@shared_task(ignore_result=True, acks_late=False)
def heartbeat() -> None:
    """Proves a worker is alive and consuming (read by /healthz)."""
    record_heartbeat()


# Sign-up e-mails and reminders (autodiscovery only looks at tasks.py).
from pzss.core import registration_tasks  # noqa: E402, F401
