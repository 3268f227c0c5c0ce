from celery import shared_task

from outreach import services
from pzss.lib.tasks import TransactionAwareTask


@shared_task(base=TransactionAwareTask, acks_late=True)
def announce_due_news() -> int:
    """Every minute from beat: news published for a time that has now come refresh the
    public pages (`services.news_announce_due`, safe to run twice)."""
    return services.news_announce_due()
