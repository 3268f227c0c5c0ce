import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")

app = Celery("pzss")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_connections(task=None, **kwargs) -> None:
    """Around each task what Django does around each request: drop the connections that
    are broken or older than CONN_MAX_AGE, and check a kept one before it is used again
    (CELERY_DB_REUSE_MAX keeps Celery from closing them all). Not for a task run in-process
    (eager): it runs inside the caller's request, maybe in its transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections as django_close_old_connections

    django_close_old_connections()
