"""The staff registrations page of one event with 500 registrations, 100 a page: p50 / p95
of the response time (the whole Django stack in-process, no network) and the number of
queries, for a page of confirmed rows, a page of the waiting list (the rows with the most
action forms) and the first page of all, and how much of the time is the template.

    .venv/bin/python bench/event_page.py [--runs 50] [--sqlite]

Runs in a throw-away database, never the portal's own data: PostgreSQL by default
(BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/pzss_bench_event, dropped
and created anew, dropped again at the end), or a temporary SQLite file with --sqlite.
The event: 250 confirmed, 200 on the waiting list, 50 awaiting approval, two sign-up
questions answered by everyone, some people moved on the waiting list with a reason.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")

PAGES = [
    ("confirmed, 100 rows", "?status=confirmed"),
    ("waiting list, 100 rows", "?status=waitlisted"),
    ("awaiting approval, 50 rows", "?status=pending"),
    ("all, first 100 rows", ""),
]


def _env(database_url: str, var_dir: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "VAR_DIR": var_dir,
        "MEDIA_ROOT": str(Path(var_dir) / "media"),
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "STATIC_ROOT": str(Path(var_dir) / "static"),
        "LOG_LEVEL": "WARNING",
        # As production runs: DEBUG off (hashed static names, so collectstatic first),
        # plain http in-process, and connections kept (serve.sh): a new one per request
        # is not what the page costs there.
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DB_CONN_MAX_AGE": "60",
    }
    for name in ("CELERY_BROKER_URL", "CACHE_URL"):
        env.pop(name, None)
    return env


def _psql(server: str, sql: str) -> None:
    env = {**os.environ, "PGOPTIONS": "--client-min-messages=warning"}
    subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True, env=env)


# --- measuring, in a process of its own ------------------------------------------------------


def _build():
    import datetime as dt
    import random

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from pzss.core.models import Activity, Institution, Person, Registration
    from pzss.events.models import EventSignup, SignupQuestion

    staff = get_user_model().objects.create_user(username="bench-staff", password="x")
    staff.groups.add(Group.objects.get_or_create(name="staff")[0])
    activity = Activity.objects.create(
        area=1,
        kind="round_table",
        title="Клупа: округли сто са 500 пријава",
        start_date=timezone.localdate() + dt.timedelta(days=20),
        start_time=dt.time(10, 0),
        place="ЦСР Сомбор",
        status="scheduled",
        is_public=True,
        capacity=300,
    )
    EventSignup.objects.create(activity=activity, needs_approval=True)
    meal = SignupQuestion.objects.create(
        activity=activity, label="Оброк", kind="choice", choices=["Месо", "Посно"], order=1
    )
    parking = SignupQuestion.objects.create(
        activity=activity, label="Долазите аутомобилом?", kind="yesno", order=2
    )
    institutions = list(Institution.objects.all()[:45])
    rng = random.Random(500)
    people = Person.objects.bulk_create(
        Person(
            first_name=rng.choice(["Ана", "Милош", "Јелена", "Ђорђе", "Љиљана", "Жарко"]),
            last_name=f"Презиме{n:03}",
            email=f"bench{n}@klupa.example",
            institution=institutions[n % len(institutions)],
        )
        for n in range(500)
    )
    rows = []
    for n, person in enumerate(people):
        if n < 250:
            status, rank = "confirmed", 0
        elif n < 450:
            status, rank = "waitlisted", n - 249
        else:
            status, rank = "pending", 0
        rows.append(
            Registration(
                activity=activity,
                person=person,
                institution=person.institution,
                position=rng.choice(["supervisor", "case_manager", "lawyer", ""]),
                status=status,
                waitlist_rank=rank,
                waitlist_reason="Ранија пријава телефоном"
                if status == "waitlisted" and n % 10 == 0
                else "",
                source=rng.choice(["public", "staff", "import"]),
                answers={str(meal.pk): rng.choice(meal.choices), str(parking.pk): n % 3 == 0},
            )
        )
    Registration.objects.bulk_create(rows)
    return staff, activity


class _QueryTimer:
    """The time spent in the database driver's execute (psycopg fetches the rows there)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure(runs: int) -> dict:
    sys.path.insert(0, str(ROOT))  # run as a script from bench/: the project is one up
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    staff, activity = _build()
    client = Client()
    client.force_login(staff)
    base = f"/staff/events/{activity.pk}/"

    results = {"_load": [os.getloadavg()[0]]}
    for label, query in PAGES:
        times, cpu, db = [], [], []
        for n in range(runs + 3):
            timer = _QueryTimer()
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
                response = client.get(base + query)
            elapsed = (time.perf_counter() - started) * 1000
            elapsed_cpu = (time.process_time() - started_cpu) * 1000
            assert response.status_code == 200, (query, response.status_code)
            if n >= 3:  # three warm-up requests
                times.append(elapsed)
                cpu.append(elapsed_cpu)
                db.append(timer.seconds * 1000)
            rows = response.content.count(b"<tr") - 1  # less the header row
        results[label] = {
            **_percentiles(times),
            "cpu": statistics.median(cpu),
            "db": statistics.median(db),
            "queries": len(queries),
            "rows": rows,
            "bytes": len(response.content),
        }
    results["_template"] = _template_share(client, base)
    results["_load"].append(os.getloadavg()[0])
    return results


def _template_share(client, base: str) -> dict:
    """How long the waiting-list page's template takes alone, given the view's context:
    the part of the page the per-row work lives in."""
    from django.template.loader import get_template

    from pzss.events.views import staff as views

    captured = {}
    original = views.render

    def capture(request, template_name, context=None, *args, **kwargs):
        captured.update(request=request, context=context, name=template_name)
        return original(request, template_name, context, *args, **kwargs)

    views.render = capture
    try:
        client.get(base + "?status=waitlisted")
    finally:
        views.render = original
    template = get_template(captured["name"])
    context, request = captured["context"], captured["request"]
    times = []
    for _n in range(53):
        started = time.perf_counter()
        template.render(context, request)
        times.append((time.perf_counter() - started) * 1000)
    return _percentiles(times[3:])


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "min": times[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite database")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-event-") as var_dir:
        if args.sqlite:
            database_url, server, name = f"sqlite:///{var_dir}/bench.sqlite3", None, None
            engine = "SQLite"
        else:
            database_url = os.environ.get(
                "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pzss_bench_event"
            )
            server, name = database_url.rsplit("/", 1)
            _psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _psql(server, f'CREATE DATABASE "{name}"')
            engine = "PostgreSQL"
        env = _env(database_url, var_dir)
        try:
            for command in (
                ["migrate", "-v0"],
                ["load_reference", "-v0"],
                ["collectstatic", "--noinput", "-v0"],
            ):
                subprocess.run(
                    [PY, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
                )
            out = subprocess.run(
                [PY, __file__, "--measure", "--runs", str(args.runs)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        finally:
            if server:
                _psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    figures = json.loads(out.strip().splitlines()[-1])
    template = figures.pop("_template")
    load = figures.pop("_load")
    print(
        f"staff registrations page, 500 registrations, 100 a page; {args.runs} requests a page"
        f" after 3 warm-up, in-process, {engine}, 2 cores\n(load average over a minute"
        f" {load[0]:.1f} when it began, {load[1]:.1f} when it ended)\n"
    )
    print(
        f"{'page':28} {'rows':>4} {'p50 ms':>7} {'p95 ms':>7} {'min ms':>7} {'cpu ms':>7}"
        f" {'db ms':>6} {'queries':>7} {'KiB':>5}"
    )
    for label, f in figures.items():
        print(
            f"{label:28} {f['rows']:4} {f['p50']:7.1f} {f['p95']:7.1f} {f['min']:7.1f}"
            f" {f['cpu']:7.1f} {f['db']:6.1f} {f['queries']:7} {f['bytes'] / 1024:5.0f}"
        )
    print(
        f"\nthe waiting-list page's template alone: p50 {template['p50']:.1f} ms,"
        f" p95 {template['p95']:.1f} ms, min {template['min']:.1f} ms"
    )
    print(
        "cpu ms: the median processor time of this process per request, less sensitive than"
        " the wall clock to other load;\ndb ms: the median time the page's queries took,"
        " as the database driver saw it (the server's work and the wait for it)"
    )


if __name__ == "__main__":
    main()
