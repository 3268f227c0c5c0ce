import pytest
from django.db.utils import OperationalError

from pzss.lib import health

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_in_eager_mode(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["mode"] == "eager"


def test_healthz_is_503_when_the_database_is_down(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    class Broken:
        def __enter__(self):
            raise OperationalError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}


def test_healthz_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"]["ok"] is False
    assert body["worker"]["ok"] is False


def test_healthz_reports_the_worker_heartbeat(client, settings):
    import os

    from tests.conftest import require

    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        pytest.skip("no broker in this pass (CI's PostgreSQL and Redis pass runs it)")
    require(url.startswith("redis://"), "needs Redis as the broker (CELERY_BROKER_URL)")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    health._redis().delete(health.HEARTBEAT_KEY)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["error"] == "no heartbeat yet"
    health.record_heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"]["age_seconds"] < 5
