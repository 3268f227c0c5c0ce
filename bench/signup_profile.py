"""Where a public sign-up's time goes: the sign-up POST through Django's test client,
in-process, on PostgreSQL with the cache and the Celery broker in Redis and DEBUG off
(as `make serve` runs it, without gunicorn and the network).

Prints the SQL of one sign-up (each statement with its time), the Redis commands it
sends, the mean time of a sign-up over --n of them, and cProfile's top functions over
those sign-ups.

    .venv/bin/python bench/signup_profile.py [--n 300] [--top 30]

Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_BROKER_URL, BENCH_CACHE_URL;
defaults: this machine's). The database is dropped and made again.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _psql(db: str, sql: str) -> None:
    subprocess.run(["psql", db, "-qc", sql], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="sign-ups timed and profiled")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--only", default="", help="a regular expression of the functions shown")
    parser.add_argument("--cpu", action="store_true", help="profile CPU time instead of wall time")
    parser.add_argument("--callers", default="", help="print the callers of these functions")
    args = parser.parse_args()

    db = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pzss_bench_prof")
    server, name = db.rsplit("/", 1)
    _psql(server + "/postgres", f"DROP DATABASE IF EXISTS {name}")
    _psql(server + "/postgres", f"CREATE DATABASE {name}")
    os.environ.update(
        {
            "DATABASE_URL": db,
            "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13"),
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"),
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DB_CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            "AXES_ENABLED": "false",
            # The production limit, with a new visitor address for every sign-up (below).
            "REGISTRATION_RATE_LIMIT": "10/m",
            "PROXY_COUNT": "1",
            "STATIC_ROOT": tempfile.mkdtemp(prefix="pzss-bench-static-"),
        }
    )
    os.environ.pop("CELERY_TASK_ALWAYS_EAGER", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    import django

    django.setup()
    import datetime as dt

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from pzss.core.models import Activity, Institution, Registration
    from pzss.events.models import EventSignup

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    start = timezone.localdate() + dt.timedelta(days=14)
    activity = Activity.objects.create(
        area=1,
        kind="round_table",
        status="scheduled",
        is_public=True,
        title="Округли сто: профил пријаве",
        start_date=start,
        start_time=dt.time(10, 0),
        place="ЦСР Сомбор",
        capacity=30,
        hours=4,
    )
    EventSignup.objects.create(activity=activity)
    institution = Institution.objects.get(name="ЦСР Сомбор")

    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/events/{activity.pk}/")
    token = client.cookies["csrftoken"].value
    html = page.content.decode()
    form_token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    counter = iter(range(10**6))

    def sign_up():
        n = next(counter)
        # As a browser sends the form (no file in it): urlencoded, not multipart.
        response = client.post(
            f"/events/{activity.pk}/register/",
            urlencode(
                {
                    "csrfmiddlewaretoken": form_token,
                    "first_name": f"Учесник{n}",
                    "last_name": "Профиловић",
                    "email": f"profile{n}@example.rs",
                    "institution": institution.pk,
                    "position": "supervisor",
                    "consent": "on",
                }
            ),
            content_type="application/x-www-form-urlencoded",
            headers={"X-Forwarded-For": f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"},
        )
        assert response.status_code == 302, (response.status_code, response.content[:300])

    assert token
    for _ in range(20):  # warm: connections, templates, content types
        sign_up()

    import redis

    commands: list[str] = []
    original = redis.Redis.execute_command
    original_pipeline = redis.client.Pipeline.execute

    def counting(self, *a, **kw):
        commands.append(str(a[0]))
        return original(self, *a, **kw)

    def counting_pipeline(self, *a, **kw):
        commands.append("PIPELINE[" + " ".join(str(c[0][0]) for c in self.command_stack) + "]")
        return original_pipeline(self, *a, **kw)

    broker = []
    from kombu import Connection

    with Connection(os.environ["CELERY_BROKER_URL"]) as conn:
        channel = conn.default_channel
        before = channel.client.llen("celery")
        redis.Redis.execute_command = counting
        redis.client.Pipeline.execute = counting_pipeline
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            sign_up()
            one = time.perf_counter() - t0
        redis.Redis.execute_command = original
        redis.client.Pipeline.execute = original_pipeline
        broker.append(channel.client.llen("celery") - before)

    print(f"one sign-up: {one * 1000:.1f} ms, {len(queries)} queries")
    print(f"Redis round trips: {len(commands)}: {' '.join(commands)}")
    print(f"tasks queued on the broker: {broker[0]}")
    for q in queries.captured_queries:
        print(f"  {float(q['time']) * 1000:6.2f} ms  {q['sql'][:150]}")

    # How long each sign-up holds the event's row: from the lock to the end of COMMIT.
    from django.db import transaction

    from pzss.events.services import waitlist

    held: list[float] = []
    lock_activity = waitlist.lock_activity

    def timed_lock(activity_id):
        locked = lock_activity(activity_id)
        start = time.perf_counter()
        transaction.on_commit(lambda: held.append(time.perf_counter() - start))
        return locked

    waitlist.lock_activity = timed_lock
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.n):
        sign_up()
    plain = (time.perf_counter() - t0) / args.n
    cpu = (time.process_time() - c0) / args.n
    waitlist.lock_activity = lock_activity
    # CPU time, not wall time: what the sign-up costs the machine, without the waits
    # (PostgreSQL, Redis, the other processes on the cores).
    profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        sign_up()
    profiler.disable()
    print(
        f"\nmean of {args.n} sign-ups in one process: {plain * 1000:.2f} ms ({1 / plain:.0f}/s), "
        f"of which this process's CPU {cpu * 1000:.2f} ms"
    )
    print(
        f"the event's row held locked: mean {statistics.mean(held) * 1000:.2f} ms, "
        f"p95 {sorted(held)[int(len(held) * 0.95)] * 1000:.2f} ms (from the lock to the "
        "end of the commit; sign-ups of one event queue on it)"
    )
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
    stats.print_stats(*([args.only] if args.only else []), args.top)
    if args.callers:
        stats.print_callers(args.callers)
    print(out.getvalue())
    # Own time by package: where the CPU goes, whichever function spends it.
    by_package: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        if "site-packages/" in filename:
            parts = filename.split("site-packages/", 1)[1].split("/")
            package = "/".join(parts[:2]) if parts[0] == "django" else parts[0]
        elif "/work/" in filename and "/pzss/" in filename:
            package = "pzss/" + filename.split("/pzss/", 1)[1].split("/")[0]
        elif filename == "~":
            package = "builtin: " + function.split(" of ")[0].strip("<>{}")[:50]
        else:
            package = "python: " + Path(filename).name
        by_package[package] = by_package.get(package, 0.0) + tottime
    total = sum(by_package.values())
    print(f"own time by package over {args.n} sign-ups ({total / args.n * 1000:.2f} ms each):")
    for package, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {seconds / args.n * 1000:7.3f} ms  {seconds / total:5.1%}  {package}")
    registered = Registration.objects.filter(activity=activity).count()
    print(f"registrations: {registered} (expected {2 * args.n + 21})")
    cache.clear()
    with Connection(os.environ["CELERY_BROKER_URL"]) as conn:
        conn.default_channel.client.flushdb()


if __name__ == "__main__":
    main()
