"""Load benchmark of the public pages on the production stack.

Starts `make serve`'s stack (scripts/serve.sh: gunicorn ×4, Celery worker and beat,
DEBUG off) on PostgreSQL and Redis, then drives each public page with wrk — 16
concurrent connections from a separate process, 20 s a page — beside a bare view
(/ping) of the same server in the same run, and prints requests per second,
p50/p95/p99 latency and the ratio to the bare view.

The last row is the public sign-up: wrk POSTs the sign-up form of a round table with 30
seats and an open waiting list, each request a new person (a unique e-mail from the wrk
thread and a counter) with the CSRF cookie and token of an event page fetched first, so
every request is a real sign-up. The server runs as behind the institute's proxy
(PROXY_COUNT=1) with the production sign-up limit (10 a minute an address), and each
request carries its own X-Forwarded-For address, as many visitors would: the limit is
counted for every request and never reached. Any answer but a redirect to the new
registration is an error. Afterwards the registrations in the database are checked
against the answers (every redirect names a registration that exists, none is missing,
seats and waiting-list places are exact), and the CPU the run cost is split by process
(gunicorn, the Celery worker sending the e-mails, PostgreSQL, Redis, wrk), with how often
a sign-up was found waiting for the event's row lock; the bare view's CPU a request is
measured alike. A second sign-up row, on a second event, pauses the Celery worker
(SIGSTOP) for the row and times the backlog of e-mails it sends afterwards: the
sign-up's own pace when the e-mails wait for a burst to end (--skip-paused leaves it out).

    .venv/bin/python bench/public_load.py [--seconds 20] [--connections 16]

Needs wrk (Debian package `wrk`), PostgreSQL and Redis (defaults: this machine's;
BENCH_DATABASE_URL, BENCH_BROKER_URL, BENCH_CACHE_URL).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
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

# The sign-up: {tokens} is a Lua list of {{cookie, form token}} pairs, one per wrk thread
# (each thread a visitor who opened the event page); {out} the folder where each thread
# writes the registration links it was redirected to.
SIGNUP_LUA = """
local pairs_ = {tokens}
local threads = {{}}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  sent = 0
  redirected = 0
  other = 0
  failed = 0
  local pair = pairs_[(id - 1) % #pairs_ + 1]
  cookie = "csrftoken=" .. pair[1] .. "; django_language=sr"
  form_token = pair[2]
  links = io.open("{out}/thread-" .. id .. ".txt", "w")
  links:setvbuf("line")
end

function request()
  n = n + 1
  sent = sent + 1
  -- One address per request: 10.<thread>.<n / 256>.<n % 256>, as the proxy appends it.
  local address = string.format("10.%d.%d.%d", id % 256, math.floor(n / 256) % 256, n % 256)
  local body = "csrfmiddlewaretoken=" .. form_token
    .. "&first_name=Bench" .. id .. "&last_name=Signup" .. n
    .. "&email=bench-" .. id .. "-" .. n .. "%40example.rs"
    .. "&institution={institution}&position=supervisor&consent=on"
  return wrk.format("POST", "{path}", {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Forwarded-For"] = address,
  }}, body)
end

function response(status, headers, body)
  if status == 302 then
    redirected = redirected + 1
    links:write(headers["Location"] or "", "\\n")
  elseif status >= 200 and status < 400 then
    other = other + 1
  else
    failed = failed + 1
  end
end

done = function(summary, latency, requests)
  local s, r, o, f = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    r = r + thread:get("redirected")
    o = o + thread:get("other")
    f = f + thread:get("failed")
  end
  io.write(string.format("SIGNUP %d %d %d %d\\n", s, r, o, f))
  io.write(string.format("RESULT %d %d %d %d %.1f %.1f %.1f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

MAKE_EVENT = """
import datetime as dt
from django.utils import timezone
from pzss.core.models import Activity, Institution
from pzss.events.models import EventSignup
start = timezone.localdate() + dt.timedelta(days=21)
pks = []
for n in (1, 2):
    a = Activity.objects.create(area=1, kind="round_table", status="scheduled", is_public=True,
        title=f"Округли сто за супервизоре {{n}}: оптерећење пријава",
        start_date=start, start_time=dt.time(10, 0), place="ЦСР Сомбор", capacity={seats},
        hours=4)
    EventSignup.objects.create(activity=a)
    pks.append(a.pk)
print(*pks, Institution.objects.get(name="ЦСР Сомбор").pk)
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


def run_wrk(url: str, seconds: int, connections: int, script: str, timeout: int = 2) -> dict:
    """wrk's figures; a request slower than `timeout` seconds counts as an error."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(connections, 4)}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}s",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    requests, errors, status_errors, duration_us, p50, p95, p99 = match.groups()
    result = {
        "requests": int(requests),
        "rps": int(requests) / (int(duration_us) / 1e6),
        "errors": int(errors) + int(status_errors),
        "p50": float(p50) / 1000,
        "p95": float(p95) / 1000,
        "p99": float(p99) / 1000,
    }
    signup = re.search(r"SIGNUP (\d+) (\d+) (\d+) (\d+)", out)
    if signup:
        sent, redirected, other, failed = map(int, signup.groups())
        # Not a redirect to the new registration (a 200 would be "already signed up", a 4xx
        # a refusal or the limit): an error too.
        result.update(sent=sent, redirected=redirected, other=other, failed=failed)
        result["errors"] = int(errors) + other + failed
    return result


def psql(db: str, sql: str) -> str:
    return subprocess.run(
        ["psql", db, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


# --- where the CPU of the sign-up row goes ---------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User + system seconds a process has used (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _session_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[3])
    except OSError:
        return None


def cpu_by_part(server_session: int, database: str) -> dict[str, float]:
    """CPU seconds so far of the server's processes (gunicorn, the Celery worker and beat),
    of the PostgreSQL backends of the benchmark's database and of Redis, by part."""
    parts = {"gunicorn": 0.0, "celery worker": 0.0, "celery beat": 0.0, "postgresql": 0.0}
    parts["redis (shared)"] = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        command = _cmdline(pid)
        if _session_of(pid) == server_session:
            if "gunicorn" in command:
                parts["gunicorn"] += _cpu_of(pid)
            elif "celery" in command and " worker" in command:
                parts["celery worker"] += _cpu_of(pid)
            elif "celery" in command and " beat" in command:
                parts["celery beat"] += _cpu_of(pid)
        elif command.startswith("postgres: ") and f" {database} " in command:
            parts["postgresql"] += _cpu_of(pid)
        elif command.startswith("redis-server"):
            parts["redis (shared)"] += _cpu_of(pid)
    return parts


class LockSampler(threading.Thread):
    """Samples pg_stat_activity every 20 ms during the sign-up row: how many of the
    database's backends were running a statement, and how many of those were waiting for
    a lock (the event's row)."""

    def __init__(self, db: str, database: str):
        super().__init__(daemon=True)
        self.db = db
        self.stop = threading.Event()
        self.samples = 0
        self.active = 0
        self.waiting = 0
        self.sql = (
            "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = "
            "'active' AND wait_event_type = 'Lock') FROM pg_stat_activity WHERE datname = "
            f"'{database}' AND pid <> pg_backend_pid()"
        )

    def run(self):
        import psycopg2

        conn = psycopg2.connect(self.db)
        conn.autocommit = True
        with conn.cursor() as cursor:
            while not self.stop.wait(0.02):
                cursor.execute(self.sql)
                active, waiting = cursor.fetchone()
                self.samples += 1
                self.active += active
                self.waiting += waiting
        conn.close()


def fetch_csrf_pair(base: str, path: str) -> tuple[str, str]:
    """A visitor opens the event page: its CSRF cookie and the form's token."""
    with urllib.request.urlopen(base + path, timeout=10) as r:  # noqa: S310 — our own server
        html = r.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", r.headers.get("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def check_signups(db: str, event_pk: int, seats: int, links_dir: Path, result: dict) -> dict:
    """The registrations in the database against what wrk was answered."""
    tokens = []
    for file in links_dir.glob("thread-*.txt"):
        for line in file.read_text().splitlines():
            match = re.fullmatch(r"/registrations/([^./]+)\.[^/]+/", line.strip())
            tokens.append(match.group(1) if match else line)
    rows = psql(
        db,
        "SELECT status, waitlist_rank, token FROM core_registration "
        f"WHERE activity_id = {event_pk} ORDER BY id",
    ).splitlines()
    stored = {}
    statuses = {"confirmed": 0, "waitlisted": 0}
    ranks = []
    for line in rows:
        status, rank, token = line.split("|")
        stored[token] = status
        statuses[status] = statuses.get(status, 0) + 1
        if status == "waitlisted":
            ranks.append(int(rank))
    missing = [t for t in tokens if t not in stored]
    in_flight = result["sent"] - result["redirected"] - result["other"] - result["failed"]
    extra = len(stored) - len(set(tokens))
    return {
        "redirects": len(tokens),
        "distinct": len(set(tokens)),
        "stored": len(stored),
        "missing": len(missing),
        "in_flight": in_flight,
        "extra": extra,
        "confirmed": statuses.get("confirmed", 0),
        "waitlisted": statuses.get("waitlisted", 0),
        "ranks_exact": sorted(ranks) == list(range(1, len(ranks) + 1)),
        "ok": not missing
        and len(set(tokens)) == len(tokens) == result["redirected"]
        and 0 <= extra <= in_flight
        and statuses.get("confirmed", 0) == min(seats, len(stored))
        and statuses.get("confirmed", 0) + statuses.get("waitlisted", 0) == len(stored)
        and sorted(ranks) == list(range(1, len(ranks) + 1)),
    }


def worker_pids(session: int) -> list[int]:
    return [
        int(e.name)
        for e in Path("/proc").iterdir()
        if e.name.isdigit()
        and _session_of(int(e.name)) == session
        and "celery" in _cmdline(int(e.name))
        and " worker" in _cmdline(int(e.name))
    ]


def signup_row(
    *, args, base, db, database, broker, session, event_pk, institution_pk, pause_worker
) -> dict:
    """The sign-up row on its own event: wrk, then the database checked against the
    answers, the e-mails drained, and the CPU it cost each process. With `pause_worker`
    the Celery worker is stopped (SIGSTOP) during the row and sends the backlog after it:
    the sign-up's own pace when the e-mails wait for the burst to end."""
    threads = min(args.connections, 4)
    event_path = f"/events/{event_pk}/"
    links_dir = Path(tempfile.mkdtemp(prefix="pzss-bench-signup-"))
    tokens = [fetch_csrf_pair(base, event_path) for _ in range(threads)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as signup_lua:
        signup_lua.write(
            SIGNUP_LUA.format(
                tokens="{" + ", ".join(f'{{"{c}", "{t}"}}' for c, t in tokens) + "}",
                out=links_dir,
                institution=institution_pk,
                path=f"/events/{event_pk}/register/",
            )
        )
    paused = worker_pids(session) if pause_worker else []
    for pid in paused:
        os.kill(pid, signal.SIGSTOP)
    try:
        sampler = LockSampler(db, database)
        cpu_before = cpu_by_part(session, database)
        wrk_before = os.times()
        sampler.start()
        # 16 sign-ups at a time for 4 workers queue a while on a busy machine: waiting is
        # not failing (gunicorn's own timeout, 30 s, is the limit).
        result = run_wrk(
            base + event_path, args.seconds, args.connections, signup_lua.name, timeout=30
        )
        sampler.stop.set()
        wrk_after = os.times()
        cpu_after = cpu_by_part(session, database)
        sampler.join()
    finally:
        for pid in paused:
            os.kill(pid, signal.SIGCONT)
    # The requests still in flight when wrk stopped finish on the server: wait for them
    # before counting, then for the worker to send the e-mails it was queued.
    time.sleep(2)
    result["check"] = check_signups(db, event_pk, args.seats, links_dir, result)
    shutil.rmtree(links_dir, ignore_errors=True)
    drain_start = time.perf_counter()
    while time.perf_counter() - drain_start < 600:
        queued = subprocess.run(
            ["redis-cli", "-u", broker, "LLEN", "celery"], capture_output=True, text=True
        ).stdout.strip()
        if queued in ("0", ""):
            break
        time.sleep(0.2)
    result["drained"] = time.perf_counter() - drain_start
    cpu_drained = cpu_by_part(session, database)
    n = max(result["check"]["stored"], 1)
    # A PostgreSQL backend that ends takes its CPU with it (a connection past its age):
    # the figures are lower bounds, and a part never goes below zero.
    result["cpu"] = {
        part: (
            max(0.0, 1000 * (cpu_after[part] - cpu_before[part]) / n),
            max(0.0, 1000 * (cpu_drained[part] - cpu_after[part]) / n),
        )
        for part in cpu_before
    }
    wrk_cpu = (wrk_after.children_user + wrk_after.children_system) - (
        wrk_before.children_user + wrk_before.children_system
    )
    result["cpu"]["wrk"] = (1000 * wrk_cpu / n, 0.0)
    result["lock"] = (
        sampler.active / max(sampler.samples, 1),
        sampler.waiting / max(sampler.samples, 1),
        sampler.samples,
    )
    return result


def print_signup(name: str, r: dict, bare: dict, seats: int, seconds: int) -> None:
    check = r["check"]
    ratio = r["rps"] / bare["rps"]
    print(
        f"\n{name}: {ratio:.1%} of the bare view (aim ≥ 10 %: "
        f"{'met' if ratio >= 0.10 else 'not met'}); {r['redirected']} redirected to "
        f"their registration, {r['other']} other 2xx/3xx, {r['failed']} 4xx/5xx"
    )
    print(
        f"  database: {check['stored']} registrations ({check['confirmed']} confirmed of "
        f"{seats} seats, {check['waitlisted']} waiting, places 1…{check['waitlisted']} "
        f"{'exact' if check['ranks_exact'] else 'NOT EXACT'}); every redirect names one: "
        f"{check['missing']} missing, {check['distinct']} distinct of {check['redirects']}; "
        f"{check['extra']} more finished after wrk stopped ({check['in_flight']} were in "
        f"flight) — {'OK' if check['ok'] else 'FAILED'}"
    )
    n = max(check["stored"], 1)
    total = sum(during + after for during, after in r["cpu"].values())
    print(
        f"  CPU a sign-up, ms (all processes {total:.1f}; bare view {bare['cpu_total']:.2f} "
        f"a request; the two cores give {2000 * seconds / n:.1f} a sign-up at this rate):"
    )
    for part, (during, after) in r["cpu"].items():
        if during + after < 0.005:
            continue
        line = f"    {part:<16}{during:7.2f}"
        if after > 0.005:
            line += f"  + {after:.2f} after the row (the e-mail backlog)"
        print(line)
    active, waiting, samples = r["lock"]
    print(
        f"  the last e-mail left the queue {r['drained']:.1f} s after the row; statements running "
        f"at a time {active:.2f} on average, {waiting:.2f} of them waiting for a lock "
        f"({samples} samples of pg_stat_activity)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8031)
    parser.add_argument("--seats", type=int, default=30, help="seats of the sign-up's event")
    parser.add_argument("--only-signup", action="store_true", help="the bare view and sign-up")
    parser.add_argument(
        "--skip-paused", action="store_true", help="no second sign-up row with the worker paused"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    db = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pzss_bench")
    server_db, database = db.rsplit("/", 1)
    psql(server_db + "/postgres", f"DROP DATABASE IF EXISTS {database}")
    psql(server_db + "/postgres", f"CREATE DATABASE {database}")
    env = {
        **os.environ,
        "DATABASE_URL": db,
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
        "PORT": str(args.port),
        "LOG_LEVEL": "WARNING",
        # As behind the institute's proxy, with the production sign-up limit: every wrk
        # request of the sign-up row comes from its own address, so the limit is counted
        # each time and never reached.
        "PROXY_COUNT": "1",
        "REGISTRATION_RATE_LIMIT": "10/m",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    for url in (env["CELERY_BROKER_URL"], env["CACHE_URL"]):
        subprocess.run(["redis-cli", "-u", url, "FLUSHDB"], capture_output=True, check=True)
    py = str(ROOT / ".venv" / "bin" / "python")
    manage = {"cwd": ROOT, "env": {**env, "DEBUG": "false", "SECRET_KEY": "bench"}}
    subprocess.run([py, "manage.py", "migrate", "-v0"], check=True, **manage)
    for command in ("load_reference", "load_programme", "load_demo"):
        subprocess.run(
            [py, "manage.py", command, "-v0"], check=False, capture_output=True, **manage
        )
    out = subprocess.run(
        [py, "manage.py", "shell", "-c", MAKE_EVENT.format(seats=args.seats)],
        check=True,
        capture_output=True,
        text=True,
        **manage,
    ).stdout.split()
    event_pks, institution_pk = [int(out[-3]), int(out[-2])], int(out[-1])
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
            event_ids = [
                e
                for e in re.findall(r'href="/events/(\d+)/"', r.read().decode())
                if int(e) not in event_pks
            ]
        pages = [("bare view /ping", "/ping")]
        if not args.only_signup:
            pages += [("home", "/"), ("events", "/events/")]
            if event_ids:
                pages.append(("event", f"/events/{event_ids[0]}/"))
            pages += [("programme list", "/programme/")] + (
                [("programme " + year, f"/programme/{year}/")] if year else []
            )
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(LUA)
        for _name, path in pages:  # warm the caches and the workers
            urllib.request.urlopen(base + path, timeout=10).read()  # noqa: S310
        session = os.getsid(server.pid)
        results = []
        for name, path in pages:
            before = cpu_by_part(session, database)
            times = os.times()
            r = run_wrk(base + path, args.seconds, args.connections, lua.name)
            after, times_after = cpu_by_part(session, database), os.times()
            wrk_cpu = (times_after.children_user + times_after.children_system) - (
                times.children_user + times.children_system
            )
            spent = sum(after[p] - before[p] for p in before) + wrk_cpu
            r["cpu_total"] = 1000 * spent / max(r["requests"], 1)
            results.append((name, path, r))

        # The sign-up rows, last: their e-mails keep the worker busy after them. The bare
        # view again just before them: the other work on the machine drifts over a run, and
        # the sign-up is compared with the bare view of its own moment.
        before = cpu_by_part(session, database)
        times = os.times()
        again = run_wrk(base + "/ping", args.seconds, args.connections, lua.name)
        after, times_after = cpu_by_part(session, database), os.times()
        wrk_cpu = (times_after.children_user + times_after.children_system) - (
            times.children_user + times.children_system
        )
        again["cpu_total"] = (
            1000 * (sum(after[p] - before[p] for p in before) + wrk_cpu) / again["requests"]
        )
        results.append(("bare view, again", "/ping", again))
        common = {
            "args": args,
            "base": base,
            "db": db,
            "database": database,
            "broker": env["CELERY_BROKER_URL"],
            "session": session,
            "institution_pk": institution_pk,
        }
        signup = signup_row(**common, event_pk=event_pks[0], pause_worker=False)
        results.append(("public sign-up", "", signup))
        if not args.skip_paused:
            paused = signup_row(**common, event_pk=event_pks[1], pause_worker=True)
            results.append(("  e-mails after it", "", paused))

        bare = results[0][2]
        load = Path("/proc/loadavg").read_text().split()[0]
        print(
            f"\n{args.connections} connections, {args.seconds} s a page, gunicorn ×4 on "
            f"PostgreSQL, {os.cpu_count()} cores, load average {load} after the run\n"
        )
        print(
            f"{'page':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs bare':>9}"
        )
        for name, _path, r in results:
            against = again if "sign-up" in name or "e-mails" in name else bare
            print(
                f"{name:<22}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}{r['rps'] / against['rps']:>8.0%}"
            )
        print("(the pages against the first bare view, the sign-ups against the one just before)")
        bare = again
        print_signup("public sign-up", signup, bare, args.seats, args.seconds)
        rows = [signup]
        if not args.skip_paused:
            print_signup(
                "public sign-up, the worker paused (e-mails after the row)",
                paused,
                bare,
                args.seats,
                args.seconds,
            )
            rows.append(paused)
        print(json.dumps({name: r for name, _p, r in results}), file=sys.stderr)
        return 0 if all(r["check"]["ok"] and r["errors"] == 0 for r in rows) else 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        subprocess.run(
            ["redis-cli", "-u", env["CELERY_BROKER_URL"], "FLUSHDB"], capture_output=True
        )


if __name__ == "__main__":
    sys.exit(main())
