"""Load benchmark of the public sign-up: 200 people sign up at once for a 30-seat round
table, over HTTP, against gunicorn with 4 workers on PostgreSQL.

The load comes from this process (threads, one connection each); the server is a separate
gunicorn. Each person first GETs the event page (the CSRF cookie and token, as a browser
would), then all 200 POST the form at the same moment. The rate limit is off.

Prints confirmed (must be 30), waiting (170), errors (0), sign-ups per second and the
p50/p95 latency of the POSTs; exits non-zero if the seat counts are wrong.

    .venv/bin/python bench/signup_load.py [--people 200] [--seats 30] [--workers 4]

Needs PostgreSQL and Redis (defaults: this machine's; BENCH_DATABASE_URL, BENCH_BROKER_URL).
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")

MAKE_EVENT = """
import datetime as dt
from django.utils import timezone
from pzss.core.models import Activity, Institution
from pzss.events.models import EventSignup
start = timezone.localdate() + dt.timedelta(days=14)
a = Activity.objects.create(area=1, kind="round_table", status="scheduled", is_public=True,
    title="Округли сто за супервизоре групе 2: Концепт резилијентности у супервизији",
    start_date=start, start_time=dt.time(10, 0), place="ЦСР Сомбор", capacity={seats}, hours=4)
EventSignup.objects.create(activity=a)
print(a.pk, Institution.objects.get(name="ЦСР Сомбор").pk)
"""


def psql(db: str, sql: str) -> str:
    return subprocess.run(
        ["psql", db, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def wait_for(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {path} in {timeout} s")


class Person(threading.Thread):
    def __init__(self, n, port, event_pk, institution_pk, start: threading.Barrier):
        super().__init__(daemon=True)
        self.n, self.port, self.event_pk, self.institution_pk = n, port, event_pk, institution_pk
        self.start_gate = start
        self.status = None
        self.latency = None
        self.error = None

    def run(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            conn.request(
                "GET", f"/events/{self.event_pk}/", headers={"Cookie": "django_language=sr"}
            )
            page = conn.getresponse()
            html = page.read().decode()
            cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "").group(1)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "first_name": f"Учесник{self.n}",
                    "last_name": "Бенчмарковић",
                    "email": f"bench{self.n:03d}@example.rs",
                    "institution": self.institution_pk,
                    "position": "supervisor",
                    "consent": "on",
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}; django_language=sr",
                "Referer": f"http://127.0.0.1:{self.port}/events/{self.event_pk}/",
            }
            conn.close()
            # A fresh connection for the POST: a keep-alive one may have been closed by the
            # server while everyone waited at the gate.
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.start_gate.wait(timeout=120)
            t0 = time.perf_counter()
            conn.request("POST", f"/events/{self.event_pk}/register/", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            self.latency = time.perf_counter() - t0
            self.status = response.status
            if response.status != 302:
                self.error = f"HTTP {response.status}"
        except Exception as exc:  # counted as an error and reported
            self.error = f"{type(exc).__name__}: {exc}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (gthread when above 1)"
    )
    parser.add_argument("--port", type=int, default=8041)
    args = parser.parse_args()

    db = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pzss_bench_signup"
    )
    server_db, name = db.rsplit("/", 1)
    psql(server_db + "/postgres", f"DROP DATABASE IF EXISTS {name}")
    psql(server_db + "/postgres", f"CREATE DATABASE {name}")
    static_root = tempfile.mkdtemp(prefix="pzss-bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": db,
        "DB_CONN_MAX_AGE": "60",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": static_root,
        # E-mails are queued in Redis for a worker that is not running: the sign-up only
        # pays for the queueing, as in production.
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13"),
        "REGISTRATION_RATE_LIMIT": "",
        "AXES_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "false",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    run = {"cwd": ROOT, "env": env, "check": True}
    load_before = Path("/proc/loadavg").read_text().split()[0]
    subprocess.run([PY, "manage.py", "migrate", "-v0"], **run)
    subprocess.run([PY, "manage.py", "load_reference", "-v0"], capture_output=True, **run)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", MAKE_EVENT.format(seats=args.seats)],
        capture_output=True,
        text=True,
        **run,
    ).stdout.split()
    event_pk, institution_pk = int(out[-2]), int(out[-1])

    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "pzss.wsgi:application",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--backlog",
            "2048",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for(args.port, f"/events/{event_pk}/")
        gate = threading.Barrier(args.people + 1)
        people = [Person(n, args.port, event_pk, institution_pk, gate) for n in range(args.people)]
        for p in people:
            p.start()
        gate.wait(timeout=120)  # every page fetched: now they all press "sign up"
        t0 = time.perf_counter()
        for p in people:
            p.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run(
            ["redis-cli", "-u", env["CELERY_BROKER_URL"], "FLUSHDB"], capture_output=True
        )

    counts = dict(
        line.split("|")
        for line in psql(
            db,
            f"SELECT status, count(*) FROM core_registration WHERE activity_id={event_pk} "
            "GROUP BY status",
        ).splitlines()
        if line
    )
    confirmed = int(counts.get("confirmed", 0))
    waiting = int(counts.get("waitlisted", 0))
    errors = [p.error for p in people if p.error]
    latencies = sorted(p.latency for p in people if p.latency is not None)
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[max(0, int(round(len(latencies) * 0.95)) - 1)] * 1000
    print(f"people      {args.people}")
    print(f"seats       {args.seats}")
    kind = f"gthread x{args.threads}" if args.threads > 1 else "sync"
    print(f"workers     {args.workers} (gunicorn, {kind})")
    print(f"load avg    {Path('/proc/loadavg').read_text().split()[0]} (before: {load_before})")
    print(f"confirmed   {confirmed}")
    print(f"waiting     {waiting}")
    print(f"errors      {len(errors)}")
    for e in errors[:5]:
        print(f"  {e}")
    print(f"wall time   {wall:.2f} s")
    print(f"sign-ups/s  {args.people / wall:.0f}")
    print(f"latency p50 {p50:.0f} ms")
    print(f"latency p95 {p95:.0f} ms")
    ok = confirmed == args.seats and waiting == args.people - args.seats and not errors
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
