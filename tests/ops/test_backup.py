"""`make backup` and `make restore` (scripts/backup.sh) bring back the database and the
media folder after they were wiped."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from pzss.core.models import Activity, ActivityKind, Area, Institution
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER'] or 'postgres'}@{host}:{port}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_backup_then_wipe_then_restore_finds_the_data(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip(
            "backups are of PostgreSQL (this run is on SQLite; CI's PostgreSQL run covers it)"
        )
    require(shutil.which("pg_dump") and shutil.which("pg_restore"), "needs pg_dump and pg_restore")
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    activity = Activity.objects.create(
        area=Area.RESEARCH,
        kind=ActivityKind.REPORT,
        title="Обједињени извештај ЦСР",
        start_date="2026-03-01",
    )
    media = tmp_path / "media"
    (media / "activities" / str(activity.pk)).mkdir(parents=True)
    (media / "activities" / str(activity.pk) / "zapisnik.pdf").write_bytes(b"%PDF-1.4 zapisnik")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    connection.close()
    done = subprocess.run(
        ["bash", "scripts/backup.sh", "backup"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    backup_dir = done.stdout.strip().splitlines()[-1]
    assert (Path(backup_dir) / "database.dump").stat().st_size > 0

    # Wipe: the data and the files are gone.
    Activity.objects.all().delete()
    Institution.objects.filter(name="ЦСР Нови Сад").delete()
    shutil.rmtree(media)
    assert not Activity.objects.exists()
    connection.close()

    done = subprocess.run(
        ["bash", "scripts/backup.sh", "restore", backup_dir],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    connection.close()
    assert Activity.objects.get(pk=activity.pk).title == "Обједињени извештај ЦСР"
    assert Institution.objects.filter(name="ЦСР Нови Сад").exists()
    assert (
        media / "activities" / str(activity.pk) / "zapisnik.pdf"
    ).read_bytes() == b"%PDF-1.4 zapisnik"


def test_restore_refuses_a_corrupted_backup(tmp_path):
    require(shutil.which("sha256sum") is not None, "needs sha256sum")
    backup = tmp_path / "pzss-x"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"dump")
    (backup / "media.tar.gz").write_bytes(b"tar")
    with open(backup / "SHA256SUMS", "w") as sums:
        subprocess.run(
            ["sha256sum", "database.dump", "media.tar.gz"], cwd=backup, check=True, stdout=sums
        )
    (backup / "database.dump").write_bytes(b"tampered")
    done = subprocess.run(
        ["bash", "scripts/backup.sh", "restore", str(backup)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/nothing_here"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert "checksums" in done.stderr
