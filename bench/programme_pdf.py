"""Benchmark: the 2021 programme PDF through the portal's Document task, beside
WeasyPrint rendering the same HTML alone.

    .venv/bin/python bench/programme_pdf.py [--runs 5]

Runs in a throw-away SQLite database and media folder (never the portal's own data).
The two variants:

* task — what a worker does for a request: the request (render the HTML, checksum,
  create the Document, queue the task) and the task (reload, render the HTML again to
  check it is unchanged, WeasyPrint with the portal's URL fetcher, save the file, mark
  the Document ready). Celery runs eagerly here, so broker latency is not counted.
* weasyprint — `weasyprint.HTML(string=html).write_pdf()` on the same HTML.

Times: both variants in one process, alternating run by run, after one warm-up each
(font loading), so other load on the machine falls on both alike. Memory: a separate
process per variant. Prints the medians and the overhead of the task over WeasyPrint.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _django(var_dir: str) -> None:
    os.environ["VAR_DIR"] = var_dir
    os.environ["MEDIA_ROOT"] = str(Path(var_dir) / "media")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _task_render(var_dir: str):
    """A function doing one request + render through the Document task, fresh each time."""
    _django(var_dir)
    from programme.models import Revision
    from programme.services import programme_document_request
    from pzss.documents.models import Document, DocumentStatus

    revision = Revision.objects.get(programme__year=2021)

    def once():
        Document.objects.all().delete()  # a fresh render each run, not the reused one
        document = programme_document_request(revision=revision, language="sr")
        document.refresh_from_db()
        assert document.status == DocumentStatus.READY, document.error
        return document

    return once


def _plain_render(html_path: str):
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    html = Path(html_path).read_text(encoding="utf-8")

    def once():
        pdf = HTML(string=html).write_pdf()
        assert pdf.startswith(b"%PDF")

    return once


def run_memory(variant: str, var_dir: str, html_path: str) -> dict:
    """Peak memory of one process doing only this variant (a warm-up and one render)."""
    once = _task_render(var_dir) if variant == "task" else _plain_render(html_path)
    once()
    once()
    return {"peak_mib": _peak_mib()}


def run_times(var_dir: str, html_path: str, runs: int) -> dict:
    """Both variants in one process, alternating (and swapping which goes first), so
    that load from anything else on the machine falls on both alike."""
    task, plain = _task_render(var_dir), _plain_render(html_path)
    document = task()  # warm-up: fonts, templates, connections
    plain()
    times: dict[str, list[float]] = {"task": [], "weasyprint": []}
    for i in range(runs):
        order = [("task", task), ("weasyprint", plain)]
        for name, once in order if i % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            result = once()
            times[name].append(time.perf_counter() - start)
            if name == "task":
                document = result
    return {**times, "pages": document.pages}


def prepare(var_dir: str) -> str:
    """A fresh database with the 2021 programme; returns the path of its HTML."""
    _django(var_dir)
    from django.core.management import call_command

    from programme.models import Revision
    from pzss.documents.services import render_input

    call_command("migrate", verbosity=0)
    call_command("load_programme", verbosity=0)
    revision = Revision.objects.get(programme__year=2021)
    html_path = Path(var_dir) / "programme-2021.html"
    html_path.write_text(render_input("programme", revision, "sr").html, encoding="utf-8")
    return str(html_path)


def _child(variant: str, var_dir: str, html_path: str, runs: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--variant", variant, "--var", var_dir, "--html", html_path,
         "--runs", str(runs)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode:
        sys.exit(f"{variant} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--variant", choices=["task", "weasyprint", "times"])
    parser.add_argument("--var")
    parser.add_argument("--html")
    args = parser.parse_args()
    if args.variant == "times":
        print(json.dumps(run_times(args.var, args.html, args.runs)))
        return
    if args.variant:
        print(json.dumps(run_memory(args.variant, args.var, args.html)))
        return

    with tempfile.TemporaryDirectory(prefix="pzss-bench-") as var_dir:
        html_path = subprocess.run(
            [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
             f"from bench.programme_pdf import prepare; print(prepare({var_dir!r}))"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        html_kib = Path(html_path).stat().st_size / 1024
        times = _child("times", var_dir, html_path, args.runs)
        task = {"times": times["task"], **_child("task", var_dir, html_path, args.runs)}
        plain = {
            "times": times["weasyprint"],
            **_child("weasyprint", var_dir, html_path, args.runs),
        }

    t_task, t_plain = statistics.median(task["times"]), statistics.median(plain["times"])
    overhead = (t_task / t_plain - 1) * 100
    print(f"2021 work programme: {times['pages']} pages, HTML {html_kib:.0f} KiB, "
          f"{args.runs} runs each after one warm-up (Python {sys.version.split()[0]})")  # fmt: skip
    print(f"{'variant':<34}{'median s':>10}{'min s':>9}{'max s':>9}{'peak RSS MiB':>14}")
    for name, r in (("Document task (request + render)", task), ("WeasyPrint alone", plain)):
        print(
            f"{name:<34}{statistics.median(r['times']):>10.3f}{min(r['times']):>9.3f}"
            f"{max(r['times']):>9.3f}{r['peak_mib']:>14.1f}"
        )
    verdict = "within" if overhead <= 20 else "OVER"
    print(
        f"overhead of the task over WeasyPrint alone: {overhead:+.1f}% ({verdict} the 20% budget)"
    )


if __name__ == "__main__":
    main()
