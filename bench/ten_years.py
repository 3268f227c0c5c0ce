"""The staff and public pages on the demo data and on ten years of data, side by side in
one run: p50 / p95 of the response time (the whole Django stack in-process, no network)
and the number of queries, for the activity list (plain, filtered, searched in both
scripts), the dashboard, an event with 500 registrations, the realisation page, a large
XLSX export and the public pages (the news, the library, an area and search in both
scripts); then the sign-up service's throughput on each.

    .venv/bin/python bench/ten_years.py [--runs 30]

Builds what it needs once (kept between runs): PostgreSQL databases `pzss_bench_demo`
(make setup's data) and `pzss_tenyears` (the same plus `manage.py build_ten_years`:
30,000 activities, 300,000 people, 1,000,000 registrations; a few minutes). Public pages
are measured as cache misses (each request a new query string): the render, not the cache.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASES = {"demo": "pzss_bench_demo", "ten years": "pzss_tenyears"}


def run(args, db, **kw):
    env = {**os.environ, "DATABASE_URL": f"{BASE}/{db}", "CELERY_TASK_ALWAYS_EAGER": "true"}
    # The export is measured building its workbook, as before it became a background job
    # above EXPORT_INLINE_MAX_ROWS (bench/background_jobs.py measures the job).
    env["EXPORT_INLINE_MAX_ROWS"] = "1000000"
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, **kw)


def ensure(db: str, ten_years: bool) -> None:
    exists = subprocess.run(
        ["psql", f"{BASE}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{db}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", f"{BASE}/postgres", "-qc", f'CREATE DATABASE "{db}"'], check=True)
    for command in (["migrate", "-v0"], ["load_reference"], ["load_programme"], ["load_demo"]):
        run([PY, "manage.py", *command], db, capture_output=True)
    if ten_years:
        run([PY, "manage.py", "build_ten_years"], db)
    # The ten years are bulk inserts, which send no signal: the search index is built here.
    run([PY, "manage.py", "rebuild_search_index"], db, capture_output=True)


# --- measuring, in a process of its own per database -------------------------------------

PAGES = [
    ("activity list", "/staff/activities/"),
    ("  filtered by area", "/staff/activities/?area=1"),
    ("  searched (Cyrillic)", "/staff/activities/?q=супервиз"),
    ("  searched (Latin)", "/staff/activities/?q=supervizi"),
    ("dashboard", "/staff/"),
    ("event, 500 registrations", "/staff/events/{event}/"),
    ("realisation 2021", "/programme/2021/realisation/"),
    ("realisation 2026 (charts, map)", "/programme/2026/realisation/"),
    ("export XLSX (all educations)", "/staff/activities/export.xlsx?kind=education"),
    ("public: home", "/"),
    ("public: events", "/events/"),
    ("public: an event", "/events/{event}/"),
    ("public: programme 2021", "/programme/2021/"),
    ("public: news", "/news/"),
    ("public: news, page 20", "/news/?page=20"),
    ("public: library", "/publications/"),
    ("public: library, reports of a year", "/publications/?kind=report&year=2021"),
    ("public: area III", "/areas/iii/"),
    ("public: search (Cyrillic)", "/search/?q=извештај"),
    ("public: search (Latin, no diacritics)", "/search/?q=izvestaj"),
    ("public: search, a rare word", "/search/?q=резилијентност"),
    ("public: search, news only", "/search/?q=supervizij&kind=news"),
]


def _big_event():
    import datetime as dt

    from django.utils import timezone

    from pzss.core.models import Activity, Person, Registration
    from pzss.events.models import EventSignup

    activity = Activity.objects.filter(title="Bench: 500 registrations").first()
    if activity is None:
        activity = Activity.objects.create(
            area=1,
            kind="round_table",
            title="Bench: 500 registrations",
            start_date=timezone.localdate() + dt.timedelta(days=20),
            status="scheduled",
            is_public=True,
            capacity=450,
        )
        EventSignup.objects.create(activity=activity)
        people = [
            Person(first_name="Клупа", last_name=f"Особа{n}", email=f"bench{n}@klupa.example")
            for n in range(500)
        ]
        Person.objects.bulk_create(people)
        Registration.objects.bulk_create(
            Registration(
                activity=activity,
                person=p,
                status="confirmed" if n < 450 else "waitlisted",
                waitlist_rank=0 if n < 450 else n - 449,
                source="public",
            )
            for n, p in enumerate(Person.objects.filter(email__endswith="@klupa.example"))
        )
    return activity


def measure(runs: int) -> dict:
    sys.path.insert(0, str(ROOT))  # run as a script from bench/: the project is one up
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pzss.core.models import Activity

    event = _big_event()
    rows = Activity.objects.filter(kind="education").count()
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="savetnica"))
    public = Client()
    results = {}
    for label, path in PAGES:
        path = path.format(event=event.pk)
        client = public if label.startswith("public") else staff
        times = []
        for n in range(runs + 2):
            url = f"{path}{'&' if '?' in path else '?'}bench={n}" if client is public else path
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            if n >= 2:  # two warm-up requests
                times.append(elapsed)
        times.sort()
        results[label] = {
            "p50": statistics.median(times),
            "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "queries": len(queries),
        }
    results["sign-ups/s"] = _signup_rate()
    results["export rows"] = rows
    return results


def _signup_rate(n: int = 150) -> float:
    import datetime as dt

    from django.utils import timezone

    from pzss.core.models import Activity, Institution
    from pzss.events.models import EventSignup
    from pzss.events.services.signup import registration_signup

    activity = Activity.objects.create(
        area=1,
        kind="round_table",
        title="Bench: sign-up rate",
        start_date=timezone.localdate() + dt.timedelta(days=30),
        status="scheduled",
        is_public=True,
        capacity=n // 2,
    )
    EventSignup.objects.create(activity=activity)
    institution = Institution.objects.filter(kind="csw").first()
    stamp = int(time.time())
    started = time.perf_counter()
    for i in range(n):
        registration_signup(
            activity=activity,
            first_name="Брза",
            last_name=f"Пријава{i}",
            email=f"rate{stamp}-{i}@klupa.example",
            institution=institution,
        )
    return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return
    figures = {}
    for name, db in DATABASES.items():
        ensure(db, ten_years=name == "ten years")
        out = run([PY, __file__, "--measure", "--runs", str(args.runs)], db, capture_output=True)
        figures[name] = json.loads(out.stdout.strip().splitlines()[-1])
    demo, big = figures["demo"], figures["ten years"]
    print(f"{args.runs} requests a page after 2 warm-up, in-process, PostgreSQL, 2 cores\n")
    print(f"{'page':34} {'demo p50':>9} {'p95':>7} {'q':>4}   {'10y p50':>8} {'p95':>7} {'q':>4}")
    for label in demo:
        if label in {"sign-ups/s", "export rows"}:
            continue
        d, b = demo[label], big[label]
        print(
            f"{label:34} {d['p50']:8.1f}ms {d['p95']:6.1f} {d['queries']:4}   "
            f"{b['p50']:7.1f}ms {b['p95']:6.1f} {b['queries']:4}"
        )
    print(
        f"(the export wrote {demo['export rows']} rows on the demo, {big['export rows']} at ten years)"
    )
    ratio = big["sign-ups/s"] / demo["sign-ups/s"]
    print(
        f"\nsign-up service: demo {demo['sign-ups/s']:.0f}/s, ten years "
        f"{big['sign-ups/s']:.0f}/s ({ratio:.0%} of the demo's)"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
