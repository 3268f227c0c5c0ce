from celery import shared_task

from outreach import services

# The worker finds the library's tasks here (Celery's autodiscovery reads `<app>.tasks`).
from outreach.library.services import extract_publication_text
from pzss.lib.tasks import TransactionAwareTask

__all__ = ["announce_due_news", "extract_publication_text"]


@shared_task(base=TransactionAwareTask, acks_late=True)
def announce_due_news() -> int:
    """Every minute from beat: news published for a time that has now come refresh the
    public pages (`services.news_announce_due`, safe to run twice)."""
    return services.news_announce_due()
