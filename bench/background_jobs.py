"""Benchmark: the participant import and a large export as background jobs.

    .venv/bin/python bench/background_jobs.py [--rows 5000] [--activities 3300]

Runs in a throw-away SQLite database and media folder (never the portal's own data), or
in PostgreSQL when BENCH_PG names a server (postgres://user@host:port; a database
`pzss_bench_jobs` is made there and dropped). Each variant runs in a process of its own so
its peak memory (VmHWM) is its own. Prints:

* import — the upload request (stores the file, queues the preview: what a web worker
  does), the preview job, the confirm request and the import job, for a list of `--rows`
  rows (5,000 is the cap), with the process's peak memory;
* zip bomb — an ~800 KB XLSX whose sheet unpacks to ~400 MB through the preview job: the
  time until it fails with the cap's message, and the peak memory;
* export — `--activities` activities as XLSX: the job's streamed (write-only) workbook
  beside the same rows in an ordinary openpyxl workbook held in memory (what the request
  built before), time and peak memory.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_DB = "pzss_bench_jobs"


def _peak_mib() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux keeps ru_maxrss
    across exec, so a variant would inherit the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _django(var_dir: str, pg: str | None) -> None:
    os.environ["VAR_DIR"] = var_dir
    os.environ["MEDIA_ROOT"] = str(Path(var_dir) / "media")
    for name in ("CELERY_BROKER_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    if pg:
        os.environ["DATABASE_URL"] = f"{pg}/{PG_DB}"
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _staff():
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username="bench-staff")
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    return user


def _event(capacity: int):
    import datetime as dt

    from django.utils import timezone

    from pzss.core.models import Activity
    from pzss.events.models import EventSignup

    start = timezone.localdate() + dt.timedelta(days=10)
    activity = Activity.objects.create(
        area=1, kind="round_table", title="Округли сто", start_date=start, capacity=capacity
    )
    EventSignup.objects.create(activity=activity, admission="anyone")
    return activity


def _queued(monkeypatch_target):
    """Jobs queued, not run: the request's own time, as with a broker."""
    sent = []
    monkeypatch_target.delay = sent.append
    return sent


def variant_import(rows: int) -> dict:
    from django.test import Client

    from pzss.documents import jobs
    from pzss.documents.models import Job

    user = _staff()
    activity = _event(capacity=rows - rows // 5)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    sent = _queued(jobs.run_job)
    lines = ["Ime,Prezime,E-mail"] + [
        f"Učesnik{n},Prezime{n},u{n}@csr.example.rs" for n in range(rows)
    ]
    content = ("\n".join(lines) + "\n").encode()
    url = f"/staff/activities/{activity.pk}/participants/import/"
    client.get(url)  # warm-up: the first request loads the URLs, templates
    upload = io.BytesIO(content)
    upload.name = "lista.csv"
    started = time.perf_counter()
    response = client.post(url, {"file": upload})
    upload_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    started = time.perf_counter()
    preview = jobs.job_run(job_id=sent[-1])
    preview_s = time.perf_counter() - started
    assert preview.status == "done", preview.error
    page_started = time.perf_counter()
    client.get(preview.get_absolute_url())
    page_ms = (time.perf_counter() - page_started) * 1000
    started = time.perf_counter()
    response = client.post(url, {"job": preview.pk, "confirm": "1"})
    confirm_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302
    started = time.perf_counter()
    job = jobs.job_run(job_id=sent[-1])
    import_s = time.perf_counter() - started
    assert job.status == "done", job.error
    assert Job.objects.count() == 2
    return {
        "rows": rows,
        "upload request ms": upload_ms,
        "preview job s": preview_s,
        "preview page ms": page_ms,
        "confirm request ms": confirm_ms,
        "import job s": import_s,
        "import ms/row": import_s * 1000 / rows,
        "result": job.result,
        "peak MiB": _peak_mib(),
    }


def write_zip_bomb(path: Path) -> None:
    """A one-sheet XLSX whose sheet declares no size and unpacks to ~400 MB of rows,
    written a chunk at a time (the parent never holds it unpacked)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Ime", "Prezime"])
    out = io.BytesIO()
    wb.save(out)
    row = (
        b'<row><c t="inlineStr"><is><t>Ana</t></is></c><c t="inlineStr"><is><t>A</t></is></c></row>'
    )
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, data)
                continue
            head, _, rest = data.partition(b"<sheetData>")
            head = head.replace(b'<dimension ref="A1:B1"/>', b"")
            tail = rest.split(b"</sheetData>", 1)[1]
            with dst.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                chunk = row * 10_000
                for _ in range(430):
                    sheet.write(chunk)
                sheet.write(b"</sheetData>" + tail)


def variant_bomb() -> dict:
    from django.test import Client

    from pzss.documents import jobs

    content = (Path(os.environ["MEDIA_ROOT"]).parent / "bomb.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        unpacked = sum(i.file_size for i in zf.infolist())
    before = _peak_mib()
    user = _staff()
    activity = _event(capacity=30)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    sent = _queued(jobs.run_job)
    upload = io.BytesIO(content)
    upload.name = "lista.xlsx"
    response = client.post(
        f"/staff/activities/{activity.pk}/participants/import/", {"file": upload}
    )
    assert response.status_code == 302, response.status_code
    started = time.perf_counter()
    job = jobs.job_run(job_id=sent[-1])
    return {
        "file KiB": len(content) / 1024,
        "unpacks to MiB": unpacked / 2**20,
        "job s": time.perf_counter() - started,
        "status": job.status,
        "error": job.error,
        "peak MiB before": before,
        "peak MiB": _peak_mib(),
    }


def _activities(n: int) -> None:
    import datetime as dt

    from pzss.core.models import Activity

    Activity.objects.bulk_create(
        Activity(
            area=2,
            kind="education",
            title=f"Обука о вођењу случаја {i}",
            start_date=dt.date(2021, 1, 1) + dt.timedelta(days=i % 365),
            place="Нови Сад",
        )
        for i in range(n)
    )


def variant_export_job(n: int) -> dict:
    from django.test import Client

    from pzss.documents import jobs

    client = Client()
    client.force_login(_staff())
    sent = _queued(jobs.run_job)
    client.get("/staff/activities/")  # warm-up: the first request loads the URLs, templates
    started = time.perf_counter()
    response = client.get("/staff/activities/export.xlsx")
    request_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    started = time.perf_counter()
    job = jobs.job_run(job_id=sent[-1])
    job_s = time.perf_counter() - started
    assert job.status == "done", job.error
    return {
        "rows": job.progress_total,
        "request ms": request_ms,
        "job s": job_s,
        "file KiB": job.result_size / 1024,
        "peak MiB": _peak_mib(),
    }


def variant_export_in_memory(n: int) -> dict:
    """The same rows in an ordinary openpyxl workbook, as the request built it before."""
    from openpyxl import Workbook

    from pzss.core import selectors
    from pzss.core.exports import write_activities_xlsx

    user = _staff()
    rows = []

    class Collect:
        def __init__(self, **kwargs):
            self.headers = kwargs["headers"]

        def append(self, values):
            rows.append(values)

        def save(self, out):
            wb = Workbook()
            ws = wb.active
            ws.append([str(h) for h in self.headers])
            for values in rows:
                ws.append(values)
            wb.save(out)

    import pzss.core.exports as exports

    exports.SheetWriter = Collect
    started = time.perf_counter()
    out = io.BytesIO()
    activities = selectors.activity_for_export(user=user, filters=selectors.ActivityFilters())
    written = write_activities_xlsx(out, activities)
    return {
        "rows": written,
        "build s": time.perf_counter() - started,
        "file KiB": len(out.getvalue()) / 1024,
        "peak MiB": _peak_mib(),
    }


def _psql(pg: str, sql: str) -> None:
    subprocess.run(["psql", f"{pg}/postgres", "-qc", sql], check=True)


def _prepare(var_dir: str, pg: str | None, args_activities: int) -> None:
    if pg:
        _psql(pg, f"DROP DATABASE IF EXISTS {PG_DB}")
        _psql(pg, f"CREATE DATABASE {PG_DB}")
    _django(var_dir, pg)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    _activities(args_activities)
    write_zip_bomb(Path(var_dir) / "bomb.xlsx")
    from django.db import connections

    connections.close_all()  # the variants' processes have the database to themselves


def _child(args) -> None:
    _django(args.var_dir, args.pg)
    if args.variant == "import":
        result = variant_import(args.rows)
    elif args.variant == "bomb":
        result = variant_bomb()
    elif args.variant == "export-job":
        result = variant_export_job(args.activities)
    else:
        result = variant_export_in_memory(args.activities)
    print(json.dumps(result, ensure_ascii=False, default=str))


def _run(variant: str, args, var_dir: str) -> dict:
    command = [
        sys.executable,
        __file__,
        "--variant",
        variant,
        "--var-dir",
        var_dir,
        "--rows",
        str(args.rows),
        "--activities",
        str(args.activities),
    ]
    if args.pg:
        command += ["--pg", args.pg]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=3300)
    parser.add_argument("--variant")
    parser.add_argument("--var-dir")
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG"))
    args = parser.parse_args()
    if args.variant:
        _child(args)
        return
    with tempfile.TemporaryDirectory() as var_dir:
        _prepare(var_dir, args.pg, args.activities)
        database = "PostgreSQL" if args.pg else "SQLite"
        print(f"background jobs, {database}, one process a variant, load {os.getloadavg()[0]:.1f}")
        imp = _run("import", args, var_dir)
        print(
            f"\nimport of {imp['rows']} rows: upload request {imp['upload request ms']:.0f} ms, "
            f"preview job {imp['preview job s']:.1f} s, preview page {imp['preview page ms']:.0f} ms, "
            f"confirm request {imp['confirm request ms']:.0f} ms, import job "
            f"{imp['import job s']:.1f} s ({imp['import ms/row']:.1f} ms a row); "
            f"peak {imp['peak MiB']:.0f} MiB"
        )
        print(f"  result: {imp['result']}")
        bomb = _run("bomb", args, var_dir)
        print(
            f"\nzip bomb: {bomb['file KiB']:.0f} KiB unpacking to {bomb['unpacks to MiB']:.0f} MiB: "
            f"job {bomb['status']} in {bomb['job s'] * 1000:.0f} ms, peak memory "
            f"{bomb['peak MiB before']:.0f} MiB before, {bomb['peak MiB']:.0f} MiB after"
        )
        print(f"  reason: {bomb['error']}")
        streamed = _run("export-job", args, var_dir)
        memory = _run("export-in-memory", args, var_dir)
        print(
            f"\nexport of {streamed['rows']} activities: request {streamed['request ms']:.0f} ms "
            f"(queues); job (write-only) {streamed['job s']:.2f} s, peak {streamed['peak MiB']:.0f} MiB; "
            f"ordinary workbook {memory['build s']:.2f} s, peak {memory['peak MiB']:.0f} MiB "
            f"({streamed['file KiB']:.0f} KiB file)"
        )
    if args.pg:
        _psql(args.pg, f"DROP DATABASE IF EXISTS {PG_DB}")


if __name__ == "__main__":
    main()
