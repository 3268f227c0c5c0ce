"""Background work of the core: thin tasks that reload by primary key and call a service."""

from celery import shared_task

from pzss.core.documents import document_render


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
