"""Load benchmark of the public pages on the production stack.

Starts `make serve`'s stack (scripts/serve.sh: gunicorn ×4, Celery worker and beat,
DEBUG off) on PostgreSQL and Redis, then drives each public page with wrk — 16
concurrent connections from a separate process, 20 s a page — beside a bare view
(/ping) of the same server in the same run, and prints requests per second,
p50/p95/p99 latency and the ratio to the bare view.

    .venv/bin/python bench/public_load.py [--seconds 20] [--connections 16]

Needs wrk (Debian package `wrk`), PostgreSQL and Redis (defaults: this machine's).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %.1f %.1f %.1f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 — our own server
                if r.status == 200:
                    return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} in {timeout} s")


def run_wrk(url: str, seconds: int, connections: int, script: str) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{min(connections, 4)}", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    requests, errors, status_errors, duration_us, p50, p95, p99 = match.groups()
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "errors": int(errors) + int(status_errors),
        "p50": float(p50) / 1000,
        "p95": float(p95) / 1000,
        "p99": float(p99) / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8031)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    db = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pzss_bench")
    subprocess.run(
        [
            "psql",
            db.rsplit("/", 1)[0] + "/postgres",
            "-qc",
            f"DROP DATABASE IF EXISTS {db.rsplit('/', 1)[1]}",
        ],
        check=True,
    )
    subprocess.run(
        [
            "psql",
            db.rsplit("/", 1)[0] + "/postgres",
            "-qc",
            f"CREATE DATABASE {db.rsplit('/', 1)[1]}",
        ],
        check=True,
    )
    env = {
        **os.environ,
        "DATABASE_URL": db,
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
        "PORT": str(args.port),
        "LOG_LEVEL": "WARNING",
        "REGISTRATION_RATE_LIMIT": "",
    }
    py = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [py, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={**env, "DEBUG": "false", "SECRET_KEY": "bench"},
        check=True,
    )
    for command in ("load_reference", "load_programme", "load_demo"):
        subprocess.run(
            [py, "manage.py", command, "-v0"],
            cwd=ROOT,
            env={**env, "DEBUG": "false", "SECRET_KEY": "bench"},
            check=False,
            capture_output=True,
        )
    server = subprocess.Popen(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env={**env, "SERVE_LOAD_DATA": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(base + "/ping")
        import json

        year = None
        with urllib.request.urlopen(base + "/programme/", timeout=5) as r:  # noqa: S310
            html = r.read().decode()
            found = re.findall(r'href="/programme/(\d{4})/"', html)
            if found:
                year = found[0]
        event_ids = []
        with urllib.request.urlopen(base + "/events/", timeout=5) as r:  # noqa: S310
            event_ids = re.findall(r'href="/events/(\d+)/"', r.read().decode())
        pages = [("bare view /ping", "/ping"), ("home", "/"), ("events", "/events/")]
        if event_ids:
            pages.append(("event", f"/events/{event_ids[0]}/"))
        pages += [("programme list", "/programme/")] + (
            [("programme " + year, f"/programme/{year}/")] if year else []
        )
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(LUA)
        for _name, path in pages:  # warm the caches and the workers
            urllib.request.urlopen(base + path, timeout=10).read()  # noqa: S310
        results = []
        for name, path in pages:
            results.append(
                (name, path, run_wrk(base + path, args.seconds, args.connections, lua.name))
            )
        bare = results[0][2]["rps"]
        print(
            f"\n{args.connections} connections, {args.seconds} s a page, gunicorn ×4 on PostgreSQL, {os.cpu_count()} cores\n"
        )
        print(
            f"{'page':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs bare':>9}"
        )
        for name, _path, r in results:
            print(
                f"{name:<22}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}{r['rps'] / bare:>8.0%}"
            )
        print(json.dumps({name: r for name, _p, r in results}), file=sys.stderr)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
