"""Benchmark: area III's reading of many institutions' reports — the completeness grid of
a twice-monthly data set (24 periods) for 45, 90 and 180 expected institutions, and the
annual consolidation of the accepted figures of those 24 periods (by municipality,
district and province, this year beside the last), to show their time grows with the
cells while their query count stays flat as institutions are added.

    .venv/bin/python bench/completeness.py [--runs 20]

Builds what it needs once (kept between runs) in PostgreSQL: `pzss_bench_completeness`
(make setup's reference data: the 45 centres for social work; 135 more institutions in
random municipalities; three data sets expecting 45, 90 and 180 of them, each with the 24
periods of a year and a submission for nine cells in ten, in every state, some late),
then ANALYZE.

Prints, for each measured case, p50 / p95 in milliseconds and the queries of one run.
The cases are a list (`CASES`): a later measurement of area III (the annual
consolidation) adds its own to the same list and is printed in the same table.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = "pzss_bench_completeness"
YEAR = 2025
SIZES = (45, 90, 180)
EXTRA = "Клупа: установа"


def run(args, **kw):
    env = {**os.environ, "DATABASE_URL": f"{BASE}/{DB}", "CELERY_TASK_ALWAYS_EAGER": "true"}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CACHE_URL", None)
    env.setdefault("LOG_LEVEL", "WARNING")
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, **kw)


def ensure() -> None:
    exists = subprocess.run(
        ["psql", f"{BASE}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{DB}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", f"{BASE}/postgres", "-qc", f'CREATE DATABASE "{DB}"'], check=True)
    for command in (["migrate", "-v0"], ["load_reference"]):
        run([PY, "manage.py", *command], capture_output=True)
    run([PY, __file__, "--build"])


def _django() -> None:
    sys.path.insert(0, str(ROOT))  # run as a script from bench/: the project is one up
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    import django

    django.setup()


def data_set_code(size: int) -> str:
    return f"bench-{size}"


def build() -> None:
    """The institutions, the three data sets and their submissions (once)."""
    _django()
    import dataclasses
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from pzss.core.models import Institution, InstitutionKind, Municipality
    from research.form_services import data_set_create_from_spec, periods_ensure
    from research.models import DataSet, Frequency, Period, Submission
    from research.reference import DOMESTIC_VIOLENCE

    if DataSet.objects.filter(code=data_set_code(SIZES[-1])).exists():
        _figures()
        return
    rng = random.Random(YEAR)
    municipalities = list(Municipality.objects.all())
    with transaction.atomic():
        centres = list(Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True))
        extra = Institution.objects.bulk_create(
            Institution(
                name=f"{EXTRA} {n}",
                kind=InstitutionKind.LOCAL_PROVIDER,
                municipality=rng.choice(municipalities),
            )
            for n in range(SIZES[-1] - len(centres))
        )
        everyone = centres + extra
        states = ["accepted"] * 70 + ["submitted"] * 10 + ["returned"] * 5 + ["draft"] * 5
        for size in SIZES:
            spec = dataclasses.replace(
                DOMESTIC_VIOLENCE,
                code=data_set_code(size),
                name=f"Клупа: {size} установа",
                frequency=Frequency.TWICE_A_MONTH,
                expected_kinds=(),
            )
            data_set = data_set_create_from_spec(user=None, spec=spec)
            data_set.chosen_institutions.set(everyone[:size])
            periods_ensure(data_set=data_set, year=YEAR)
            rows = []
            for period in Period.objects.filter(data_set=data_set):
                for institution in everyone[:size]:
                    if rng.random() < 0.1:
                        continue  # a missing report
                    status = rng.choice(states)
                    late = rng.random() < 0.15
                    day = period.deadline + dt.timedelta(
                        days=rng.randint(1, 6) if late else -rng.randint(0, 4)
                    )
                    sent = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
                    rows.append(
                        Submission(
                            period=period,
                            institution=institution,
                            status=status,
                            first_submitted_at=None if status == "draft" else sent,
                        )
                    )
            Submission.objects.bulk_create(rows, batch_size=2000)
    _figures()


def _figures() -> None:
    """The figures of every accepted submission (once): a version of the form in use with
    plausible «Аурора» numbers that keep the form's rules, as the accepted version."""
    from django.db import connection, transaction

    from research.form_services import version_in_use
    from research.models import DataSet, Submission, SubmissionVersion

    rng = random.Random(YEAR + 1)
    with transaction.atomic():
        for size in SIZES:
            data_set = DataSet.objects.get(code=data_set_code(size))
            form = version_in_use(data_set)
            accepted = Submission.objects.filter(
                period__data_set=data_set, status="accepted", accepted_version__isnull=True
            )
            versions = []
            for submission in accepted.only("pk"):
                victims = rng.randint(0, 30)
                women = rng.randint(0, victims)
                reports = rng.randint(victims // 2, victims + 5)
                values = {
                    "reports": reports,
                    "reports_partner": rng.randint(0, reports),
                    "victims": victims,
                    "victims_women": women,
                    "victims_men": victims - women,
                    "victims_children": rng.randint(0, victims // 3),
                    "victims_elderly": rng.randint(0, victims // 4),
                    **{k: rng.randint(0, reports) for k in ("physical", "psychological")},
                    **{k: rng.randint(0, reports // 4) for k in ("sexual", "economic")},
                    "urgent_measures": rng.randint(0, 6),
                    "protection_plans": rng.randint(0, victims),
                    "shelter": rng.randint(0, 2),
                    "coordination_meetings": rng.randint(0, 4),
                    "note": "",
                }
                versions.append(
                    SubmissionVersion(
                        submission=submission,
                        number=1,
                        form=form,
                        values=values,
                        status="accepted",
                    )
                )
            SubmissionVersion.objects.bulk_create(versions, batch_size=2000)
            for version in versions:
                version.submission.accepted_version = version
                version.submission.current_version = version
            Submission.objects.bulk_update(
                [v.submission for v in versions],
                ["accepted_version", "current_version"],
                batch_size=2000,
            )
    # The planner's statistics, as autovacuum would gather them after such a load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@dataclass(frozen=True)
class Case:
    """One measured thing: `run(context)` does it once and asserts its answer is right
    (the context holds a logged-in staff client and its user)."""

    label: str
    run: Callable[[dict], object]


def _grid_case(size: int) -> Case:
    def once(context):
        from research.completeness import completeness_grid
        from research.models import DataSet

        data_set = DataSet.objects.get(code=data_set_code(size))
        grid = completeness_grid(user=context["user"], data_set=data_set, year=YEAR)
        assert grid.institutions == size and len(grid.columns) == 24, grid.institutions
        return grid

    return Case(f"grid, {size} × 24 (selector)", once)


def _page_case(size: int, suffix: str = "") -> Case:
    def once(context):
        path = f"/staff/research/data/{data_set_code(size)}/completeness/{suffix}?year={YEAR}"
        response = context["client"].get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return Case(f"{'XLSX export' if suffix else 'page'}, {size} × 24", once)


def _consolidation_case(size: int) -> Case:
    def once(context):
        from research.models import DataSet
        from research.statistics import report_figures

        data_set = DataSet.objects.get(code=data_set_code(size))
        figures = report_figures(data_set=data_set, year=YEAR, month=None)
        accepted = figures["current"]["submissions"]
        assert accepted > size * 24 * 0.5, accepted  # ~63 % of the cells are accepted
        return figures

    return Case(f"annual consolidation, {size} × 24", once)


# Each case is measured in this order.
CASES: list[Case] = [
    *(_grid_case(size) for size in SIZES),
    *(_page_case(size) for size in SIZES),
    *(_page_case(size, "export/") for size in SIZES),
    *(_consolidation_case(size) for size in SIZES),
]


def measure(runs: int) -> dict:
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _created = get_user_model().objects.get_or_create(username="klupa-savetnik")
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    client = Client()
    client.force_login(user)
    context = {"client": client, "user": get_user_model().objects.get(pk=user.pk)}
    results = {}
    for case in CASES:
        times = []
        for n in range(runs + 2):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                case.run(context)
            elapsed = (time.perf_counter() - started) * 1000
            if n >= 2:  # two warm-up runs
                times.append(elapsed)
        times.sort()
        results[case.label] = {
            "p50": statistics.median(times),
            "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "queries": len(queries),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build()
        return
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return
    ensure()
    out = run([PY, __file__, "--measure", "--runs", str(args.runs)], capture_output=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"Completeness and consolidation of a twice-monthly data set, {YEAR}: 24 periods, "
        f"nine cells in ten with a submission, seven in ten accepted with 16 figures; "
        f"PostgreSQL, in-process, {os.cpu_count()} cores, {args.runs} runs\n"
    )
    print(f"{'case':34} {'p50':>9} {'p95':>9} {'queries':>8}")
    for label, f in figures.items():
        print(f"{label:34} {f['p50']:7.1f}ms {f['p95']:7.1f}ms {f['queries']:8}")


if __name__ == "__main__":
    main()
