"""Health of the running portal: the database, the broker and the workers.

Workers record a heartbeat in the broker's Redis (a beat task every 30 s, and once when
a worker starts); /healthz reports its age. 200 when all is well, 503 when not."""

import time

from celery.signals import worker_ready
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "pzss:worker-heartbeat"
HEARTBEAT_MAX_AGE = 120  # seconds; the beat task writes every 30


def _redis():
    import redis

    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
    )


def record_heartbeat() -> None:
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        _redis().set(HEARTBEAT_KEY, str(time.time()), ex=HEARTBEAT_MAX_AGE * 10)


@worker_ready.connect
def _on_worker_ready(**kwargs) -> None:
    record_heartbeat()


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> tuple[dict, dict]:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        eager = {"ok": True, "mode": "eager"}
        return eager, eager
    try:
        client = _redis()
        client.ping()
        raw = client.get(HEARTBEAT_KEY)
    except Exception as exc:
        error = {"ok": False, "error": type(exc).__name__}
        return error, {"ok": False, "error": "broker unreachable"}
    if raw is None:
        return {"ok": True}, {"ok": False, "error": "no heartbeat yet"}
    age = round(time.time() - float(raw), 1)
    return {"ok": True}, {"ok": age <= HEARTBEAT_MAX_AGE, "age_seconds": age}


@never_cache
def healthz(request):
    database = check_database()
    broker, worker = check_broker()
    ok = database["ok"] and broker["ok"] and worker["ok"]
    return JsonResponse(
        {
            "status": "ok" if ok else "fail",
            "database": database,
            "broker": broker,
            "worker": worker,
        },
        status=200 if ok else 503,
    )


def ping(request):
    """A fixed short answer: the baseline the load benchmark compares pages with."""
    return HttpResponse(b"ok", content_type="text/plain")
