"""Benchmark: the realisation dashboard and the annual realisation report for a year of
2,000 held activities and 40,000 registrations, beside the demo's year in the same run.

    .venv/bin/python bench/realisation.py [--runs 20] [--pdf-runs 3]   (0: no report)

Builds what it needs once (kept between runs) in PostgreSQL: `pzss_bench_demo` (make
setup's data: the demo's 2026 programme with its 18 linked activities) and
`pzss_bench_year` (the same, plus 2,000 held activities of 2026 — nine in ten linked to
a target of the programme, the rest realising none —, 10,000 people and 40,000
registrations).

Prints, for each database: the dashboard's p50 / p95 and query count (whole, filtered
by an area and a quarter, by a district), the XLSX export job's time, and the report:
its HTML built, its PDF through the Document task, and WeasyPrint alone on the same
HTML — alternating run by run in one process, so other load falls on both alike.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASES = {"demo year": "pzss_bench_demo", "2,000 activities": "pzss_bench_year"}
YEAR = 2026
ACTIVITIES = 2000
REGISTRATIONS = 40_000
PEOPLE = 10_000
TITLE = "Клупа: активност"


def run(args, db, **kw):
    env = {**os.environ, "DATABASE_URL": f"{BASE}/{db}", "CELERY_TASK_ALWAYS_EAGER": "true"}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    env.setdefault("LOG_LEVEL", "WARNING")
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, **kw)


def ensure(db: str, big: bool) -> None:
    exists = subprocess.run(
        ["psql", f"{BASE}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{db}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", f"{BASE}/postgres", "-qc", f'CREATE DATABASE "{db}"'], check=True)
    for command in (["migrate", "-v0"], ["load_reference"], ["load_programme"], ["load_demo"]):
        run([PY, "manage.py", *command], db, capture_output=True)
    if big:
        run([PY, __file__, "--build"], db)


def _django() -> None:
    sys.path.insert(0, str(ROOT))  # run as a script from bench/: the project is one up
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    import django

    django.setup()
    import logging

    for name in ("weasyprint", "fontTools", "celery"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build() -> None:
    """The year's 2,000 held activities, linked to the programme's targets as staff would
    link them (each to a target of its area and kind), and their registrations."""
    _django()
    import datetime as dt

    from django.db import connection, transaction

    from programme.models import Target
    from programme.selectors import realisation_revision
    from pzss.core.models import Activity, Institution, Municipality, Person, Registration

    if Activity.objects.filter(title__startswith=TITLE).exists():
        return
    rng = random.Random(2026)
    revision = realisation_revision(year=YEAR)
    targets = list(Target.objects.of_revision(revision).with_tree())
    institutions = list(Institution.objects.values_list("pk", flat=True))
    municipalities = list(Municipality.objects.all())
    days = (dt.date(YEAR, 11, 30) - dt.date(YEAR, 1, 1)).days
    with transaction.atomic():
        activities = []
        for n in range(ACTIVITIES):
            target = rng.choice(targets)
            activities.append(
                Activity(
                    area=target.area_section.area,
                    kind=target.kind,
                    title=f"{TITLE} {n}",
                    start_date=dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(days)),
                    status="held",
                    municipality=rng.choice(municipalities),
                    hours=rng.choice([2, 4, 6, 8]),
                )
            )
        activities = Activity.objects.bulk_create(activities, batch_size=500)
        links, covered = [], []
        for activity in activities:
            if rng.random() < 0.9:
                fitting = [
                    t
                    for t in targets
                    if t.area_section.area == activity.area and t.kind == activity.kind
                ]
                links.append(
                    Target.activities.through(
                        target_id=rng.choice(fitting).pk, activity_id=activity.pk
                    )
                )
            for institution in rng.sample(institutions, rng.randint(1, 3)):
                covered.append(
                    Activity.institutions.through(
                        activity_id=activity.pk, institution_id=institution
                    )
                )
        Target.activities.through.objects.bulk_create(links, batch_size=2000)
        Activity.institutions.through.objects.bulk_create(covered, batch_size=2000)
        people = Person.objects.bulk_create(
            (
                Person(first_name="Клупа", last_name=f"Особа {n}", email=f"year{n}@klupa.example")
                for n in range(PEOPLE)
            ),
            batch_size=2000,
        )
        per_activity = REGISTRATIONS // ACTIVITIES
        registrations = []
        for activity in activities:
            for person in rng.sample(people, per_activity):
                registrations.append(
                    Registration(
                        activity_id=activity.pk,
                        person_id=person.pk,
                        status=rng.choice(["attended"] * 9 + ["absent"]),
                        source="staff",
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=2000)
    # The planner's statistics, as autovacuum would gather them after such a load: without
    # them every estimate is one row, and the dashboard's counts run as nested loops.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


PAGES = [
    ("dashboard", "/programme/{year}/realisation/"),
    ("  area II, third quarter", "/programme/{year}/realisation/?area=2&quarter=3"),
    ("  a district", "/programme/{year}/realisation/?district={district}"),
    ("  unplanned, page 3", "/programme/{year}/realisation/?unplanned_page=3"),
]


def measure(runs: int, pdf_runs: int) -> dict:
    _django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pzss.core.models import Activity, District, Registration

    staff = Client()
    staff.force_login(get_user_model().objects.get(username="savetnica"))
    district = District.objects.order_by("pk").first().pk
    results = {
        "activities": Activity.objects.filter(start_date__year=YEAR, status="held").count(),
        "registrations": Registration.objects.filter(activity__start_date__year=YEAR).count(),
    }
    for label, path in PAGES:
        path = path.format(year=YEAR, district=district)
        times = []
        for n in range(runs + 2):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = staff.get(path)
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
    results["export s"] = _export_seconds(staff)
    if pdf_runs:
        results.update(_report(pdf_runs))
    return results


def _export_seconds(staff) -> float:
    from pzss.documents.models import Job, JobStatus

    started = time.perf_counter()
    response = staff.get(f"/programme/{YEAR}/realisation/export/")
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    return elapsed


def report_and_request():
    """The year's realisation report (started by staff if it is not yet), and a function
    asking for its Cyrillic PDF as a page does."""
    from django.contrib.auth import get_user_model

    from programme import services
    from programme.models import Programme, RealisationReport

    staff = get_user_model().objects.get(username="savetnica")
    programme = Programme.objects.get(year=YEAR)
    report = RealisationReport.objects.filter(programme=programme).first()
    if report is None:
        report = services.realisation_report_create(
            user=staff,
            programme=programme,
            introduction="Извештај о реализацији Програма рада за текућу годину.",
        )
    return report, lambda: services.report_document_request(
        report=report, language="sr", user=staff
    )


def _report(runs: int) -> dict:
    """The report's HTML, its PDF through the Document task and WeasyPrint alone on the
    same HTML (alternating, after a warm-up of each)."""
    from weasyprint import HTML

    from programme.services import REPORT_DOCUMENT_KIND as REPORT_KIND
    from pzss.documents.models import Document, DocumentStatus
    from pzss.documents.services import render_input

    report, request = report_and_request()
    started = time.perf_counter()
    html = render_input(REPORT_KIND, report, "sr").html
    html_s = time.perf_counter() - started

    def task():
        Document.objects.filter(kind=REPORT_KIND).delete()  # a fresh render each run
        document = request()
        document.refresh_from_db()
        assert document.status == DocumentStatus.READY, document.error
        return document

    def plain():
        assert HTML(string=html).write_pdf().startswith(b"%PDF")

    document = task()
    plain()
    times: dict[str, list[float]] = {"task": [], "weasyprint": []}
    for i in range(runs):
        order = [("task", task), ("weasyprint", plain)]
        for name, once in order if i % 2 == 0 else order[::-1]:
            started = time.perf_counter()
            result = once()
            times[name].append(time.perf_counter() - started)
            if name == "task":
                document = result
    return {
        "report html s": html_s,
        "report html KiB": len(html.encode()) / 1024,
        "report pages": document.pages,
        "report task s": statistics.median(times["task"]),
        "report weasyprint s": statistics.median(times["weasyprint"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build()
        return
    if args.measure:
        print(json.dumps(measure(args.runs, args.pdf_runs)))
        return
    figures = {}
    for name, db in DATABASES.items():
        ensure(db, big=db == "pzss_bench_year")
        out = run(
            [PY, __file__, "--measure", "--runs", str(args.runs), "--pdf-runs", str(args.pdf_runs)],
            db,
            capture_output=True,
        )
        figures[name] = json.loads(out.stdout.strip().splitlines()[-1])
    small, big = figures["demo year"], figures["2,000 activities"]
    print(
        f"{YEAR}: the demo's year ({small['activities']} held activities, "
        f"{small['registrations']} registrations) and a year of {big['activities']} held "
        f"activities, {big['registrations']} registrations; PostgreSQL, in-process, 2 cores\n"
    )
    print(
        f"{'dashboard':30} {'demo p50':>9} {'p95':>7} {'q':>4}   {'big p50':>8} {'p95':>7} {'q':>4}"
    )
    for label, _path in PAGES:
        d, b = small[label], big[label]
        print(
            f"{label:30} {d['p50']:8.1f}ms {d['p95']:6.1f} {d['queries']:4}   "
            f"{b['p50']:7.1f}ms {b['p95']:6.1f} {b['queries']:4}"
        )
    print(
        f"{'XLSX export (job, eager)':30} {small['export s']:8.2f}s {'':12} {big['export s']:7.2f}s"
    )
    if "report pages" not in small:
        return
    print("\nthe realisation report (sr)")
    for label, key, unit in (
        ("HTML built", "report html s", "s"),
        ("HTML size", "report html KiB", "KiB"),
        ("pages", "report pages", ""),
        ("Document task (request + render)", "report task s", "s"),
        ("WeasyPrint alone, same HTML", "report weasyprint s", "s"),
    ):
        print(f"  {label:34} {small[key]:9.2f}{unit:4} {big[key]:9.2f}{unit}")
    for name, r in (("demo year", small), ("2,000 activities", big)):
        overhead = (r["report task s"] / r["report weasyprint s"] - 1) * 100
        verdict = "within" if overhead <= 20 else "OVER"
        print(f"  task over WeasyPrint alone, {name}: {overhead:+.1f}% ({verdict} the 20% aim)")


if __name__ == "__main__":
    main()
