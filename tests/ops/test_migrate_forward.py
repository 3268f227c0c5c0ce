"""A database made by the commit before the house moved (33bd560, `make setup` plus
sign-ups, a reordered waiting list, decisions, attendance, certificates and documents:
tests/fixtures/pre-house/) migrates forward to today's schema with every row kept, on
SQLite and on PostgreSQL. The migration runs in a subprocess, as `manage.py migrate` runs
on a server, and a second subprocess reads what the new code sees."""

import gzip
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "pre-house"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text())
MOVED_CONTENT_TYPES = {
    "core.certificate": "events.certificate",
    "core.eventsignup": "events.eventsignup",
    "core.signupquestion": "events.signupquestion",
    "core.attendance": "events.attendance",
    "core.document": "documents.document",
}
BIG = 2**31 - 1


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL", "CACHE_URL"}}
    env["DATABASE_URL"] = database_url
    return env


def _migrate_and_read(database_url: str) -> dict:
    env = _env(database_url)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert "core.0005_registration_waitlist_and_decisions... OK" in migrate.stdout
    assert "events.0001_initial... OK" in migrate.stdout
    facts = subprocess.run(
        [sys.executable, "-m", "tests.ops.migrated_facts"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert facts.returncode == 0, facts.stderr
    return json.loads(facts.stdout)


def _check(after: dict) -> None:
    before = EXPECTED["counts"]
    for table in (
        "core_registration",
        "core_eventsignup",
        "core_eventsignup_admitted_groups",
        "core_signupquestion",
        "core_attendance",
        "core_certificate",
        "core_document",
        "core_activity",
        "core_person",
        "core_auditentry",
    ):
        assert after["counts"][table] == before[table], table
    assert after["counts"]["answers"] == before["core_registration_with_answers"]
    assert after["audit_by_subject"] == before["core_auditentry_per_content_type"]

    # Every value of the old side table is now on its registration.
    registrations = after["registrations"]
    for pk, old in EXPECTED["facts"]["registrationextra"].items():
        new = registrations[pk]
        for name, value in old.items():
            if name == "waitlist_rank" and new["status"] == "waitlisted":
                continue  # renumbered, in the same order: checked below
            assert new[name] == value, (pk, name)
    per_status: dict[str, int] = {}
    for r in registrations.values():
        per_status[r["status"]] = per_status.get(r["status"], 0) + 1
    assert per_status == before["core_registration_per_status"]

    # The waiting lists read in the order the old code promoted in: ranked people first,
    # then everyone else by when they signed up.
    old_ranks = {
        pk: old["waitlist_rank"] for pk, old in EXPECTED["facts"]["registrationextra"].items()
    }
    for activity_id, queue in after["waiting_lists"].items():
        members = [str(pk) for pk in queue]
        old_order = sorted(
            members,
            key=lambda pk: (old_ranks.get(pk) or BIG, registrations[pk]["created_at"], int(pk)),
        )
        assert members == old_order, activity_id
        assert [registrations[pk]["waitlist_rank"] for pk in members] == list(
            range(1, len(members) + 1)
        )
    assert sum(len(q) for q in after["waiting_lists"].values()) == per_status["waitlisted"]

    # Documents keep their subjects (content types turned over to the new apps).
    for pk, old in EXPECTED["facts"]["document"].items():
        new = after["documents"][pk]
        wanted_type = MOVED_CONTENT_TYPES.get(old["content_type"], old["content_type"])
        assert new["content_type"] == wanted_type, pk
        assert new["subject_found"], pk
        for name in ("kind", "object_id", "status", "checksum"):
            assert new[name] == old[name], (pk, name)
    for pk, old in EXPECTED["facts"]["certificate"].items():
        new = after["certificates"][pk]
        assert new["registration_found"]
        assert {k: new[k] for k in old} == old


def test_a_sqlite_database_of_the_old_house_migrates_with_every_row_kept(tmp_path):
    database = tmp_path / "pre-house.sqlite3"
    with gzip.open(FIXTURE / "db.sqlite3.gz", "rb") as src, database.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    _check(_migrate_and_read(f"sqlite:///{database}"))


@pytest.mark.postgres
def test_a_postgresql_database_of_the_old_house_migrates_with_every_row_kept():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): CI's second pass runs it")
    require(shutil.which("psql") is not None, "needs psql to restore the dump")
    base = url.rsplit("/", 1)[0]
    name = f"pzss_prehouse_{uuid.uuid4().hex[:8]}"
    admin = f"{base}/postgres"
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    try:
        dump = gzip.decompress((FIXTURE / "postgres.sql.gz").read_bytes())
        restore = subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{base}/{name}"],
            input=dump,
            capture_output=True,
            timeout=120,
        )
        assert restore.returncode == 0, restore.stderr.decode()
        _check(_migrate_and_read(f"{base}/{name}"))
    finally:
        subprocess.run(
            ["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=False
        )
