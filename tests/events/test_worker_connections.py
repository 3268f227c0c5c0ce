"""The worker that sends the sign-up e-mails keeps its database connection between tasks,
as requests do (CONN_MAX_AGE, health checks), instead of opening a new PostgreSQL
connection for every e-mail: Celery's Django fixup closes every connection before and
after each task unless told otherwise, and on this stack a new connection cost more CPU
than the e-mail it was opened for."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from pzss.core.models import Institution
from pzss.events.services.signup import registration_signup
from pzss.events.tasks import send_registration_email
from tests.conftest import require
from tests.events.conftest import make_event

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "pzss-test-worker-connections"  # its own queue: nothing another test left behind
EMAILS = 12


def _sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def _messages(mail_dir) -> int:
    """E-mails written by the file backend: it names a file by the second and the backend
    object's id(), so two e-mails sent within one second by backends that reuse an address
    share a file. Each message ends with a line of 79 dashes."""
    return sum(f.read_bytes().count(b"\n" + b"-" * 79 + b"\n") for f in mail_dir.iterdir())


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_many_emails_over_one_database_connection(tmp_path, settings):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if connection.vendor != "postgresql" or not broker:
        pytest.skip("needs PostgreSQL and a Redis broker (CI's second pass)")
    require(broker.startswith("redis://"), "needs Redis as the broker")
    call_command("load_reference", verbosity=0)
    event = make_event(capacity=5)
    institution = Institution.objects.get(name="ЦСР Сомбор")
    registrations = [
        registration_signup(
            activity=event,
            first_name=f"Особа{n}",
            last_name="Тест",
            email=f"worker{n}@example.rs",
            institution=institution,
        ).registration
        for n in range(EMAILS)
    ]
    mail_dir = tmp_path / "mail"
    s = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "pzss", "worker", "-P", "solo", "-Q", QUEUE]
        + ["--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    first_sent = False
    sent = opened = 0
    try:
        # The worker's start-up connections first: one e-mail, then count from there.
        send_registration_email.apply_async((registrations[0].pk, "received"), queue=QUEUE)
        first_sent = _wait(lambda: mail_dir.exists() and any(mail_dir.iterdir()), 120)
        if first_sent:
            before = _sessions()
            for registration in registrations[1:]:
                send_registration_email.apply_async((registration.pk, "received"), queue=QUEUE)
            _wait(lambda: _messages(mail_dir) >= EMAILS, 120)
            sent = _messages(mail_dir)
            opened = _sessions() - before
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        log = worker.communicate(timeout=30)[0].decode(errors="replace")[-3000:]
    assert first_sent, f"the worker sent nothing:\n{log}"
    assert sent == EMAILS, f"{sent} e-mails of {EMAILS}:\n{log}"
    # This test's own connection opens none; the worker's is kept across the 11 e-mails.
    assert opened <= 1, f"{opened} new connections for {EMAILS - 1} e-mails\n{log}"


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False
