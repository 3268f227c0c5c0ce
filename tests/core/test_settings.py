"""Settings from the environment: strict booleans, no default secret in production,
and a production configuration that `check --deploy` finds clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pzss.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parents[2]
# Variables the settings read; the subprocesses start from none of them.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CSRF_TRUSTED_ORIGINS",
    "DB_CONN_MAX_AGE",
    "DB_CONN_HEALTH_CHECKS",
}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.update(DJANGO_SETTINGS_MODULE="pzss.settings", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("1", True), ("Yes", True), (" on ", True)]
    + [("false", False), ("0", False), ("no", False), ("OFF", False), ("", False)],
)
def test_env_bool_reads_the_accepted_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PZSS_TEST_FLAG", raw)
    assert env_bool("PZSS_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("typo", ["ture", "flase", "yes please", "2", "f"])
def test_env_bool_refuses_a_typo_instead_of_reading_it_as_false(monkeypatch, typo):
    monkeypatch.setenv("PZSS_TEST_FLAG", typo)
    with pytest.raises(ImproperlyConfigured, match="PZSS_TEST_FLAG"):
        env_bool("PZSS_TEST_FLAG", False)


def test_env_bool_uses_the_default_only_when_the_variable_is_absent(monkeypatch):
    monkeypatch.delenv("PZSS_TEST_FLAG", raising=False)
    assert env_bool("PZSS_TEST_FLAG", True) is True
    assert env_bool("PZSS_TEST_FLAG", False) is False


def test_env_int_refuses_a_word(monkeypatch):
    monkeypatch.setenv("PZSS_TEST_NUMBER", "twenty")
    with pytest.raises(ImproperlyConfigured, match="PZSS_TEST_NUMBER"):
        env_int("PZSS_TEST_NUMBER", 1)
    monkeypatch.setenv("PZSS_TEST_NUMBER", "")
    assert env_int("PZSS_TEST_NUMBER", 7) == 7


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("PZSS_TEST_LIST", " a.example , ,b.example,")
    assert env_list("PZSS_TEST_LIST") == ["a.example", "b.example"]


def test_a_debug_typo_stops_the_settings_from_loading():
    result = _run(["-c", "from django.conf import settings; settings.DEBUG"], DEBUG="flase")
    assert result.returncode != 0
    assert "DEBUG='flase' is not a boolean" in result.stderr


def test_the_secret_key_is_required_when_debug_is_off():
    result = _run(["-c", "from django.conf import settings; settings.DEBUG"], DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_on_runs_without_a_secret_key():
    result = _run(["-c", "from django.conf import settings; print(settings.DEBUG)"], DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_the_production_configuration_passes_check_deploy():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_connections_persist_with_health_checks_when_asked():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = _run(["-c", code], DEBUG="true", DB_CONN_MAX_AGE="60")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]
    result = _run(["-c", code], DEBUG="true", DB_CONN_HEALTH_CHECKS="false")
    assert result.stdout.split() == ["0", "False"]
