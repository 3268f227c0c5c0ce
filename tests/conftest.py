"""Shared fixtures: the reference data, one user per role, and clients logged in as them.

Services a test needs (PostgreSQL, Redis, a Celery worker, Chromium) are skipped with a
reason when missing locally, and never skipped on CI (CI=true): there a missing service
is a failure."""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

ON_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail on CI."""
    if condition:
        return
    if ON_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            _never_analyse_the_test_tables()
        call_command("load_reference", verbosity=0)


def _never_analyse_the_test_tables() -> None:
    """Autovacuum analyses a test table whenever enough rows came and went — mostly when
    the tests had just rolled them back, so its statistics say "empty", and the planner
    then loops over a test's thousand rows for every one of another's (a realisation page
    took 4 minutes instead of 5 s). Unanalysed, a table is planned by its size on disk,
    as a real database's statistics would have it."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(table)} SET (autovacuum_enabled = false)"
            )


@pytest.fixture
def on_postgres():
    """Row locks are tested on PostgreSQL (CI's PostgreSQL pass); elsewhere skipped."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI's PostgreSQL run covers it)")


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The lockout is tested on its own (tests/security); elsewhere client.login() must work.
    settings.AXES_ENABLED = False
    # Cached public pages of one test must not answer in the next (the database is
    # rolled back between tests, the cache is not).
    from django.core.cache import cache

    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def english(client):
    """Pages in English, so tests can read the messages in the source language."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Every test logs users in; the real hasher's deliberate slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="pass-1234-word", first_name=username.title(), **extra
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def staff_user(db, django_user_model):
    return _user(django_user_model, "alice", "staff", last_name="Advisor")


@pytest.fixture
def director_user(db, django_user_model):
    return _user(django_user_model, "dora", "director", last_name="Director")


@pytest.fixture
def plain_user(db, django_user_model):
    """Logged in, but with no role: must get 403 on staff pages."""
    return _user(django_user_model, "bob")


@pytest.fixture
def admin_user_(db, django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="pass-1234-word")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def director_client(client, director_user):
    client.force_login(director_user)
    return client


@pytest.fixture
def plain_client(client, plain_user):
    client.force_login(plain_user)
    return client


@pytest.fixture
def eager_celery(settings):
    """With CELERY_BROKER_URL set (CI), tasks are queued, not run: force them to run here."""
    from pzss.celery import app

    old = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = old


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """`run_jobs(client.get, url)`: the request, and the background work it queued run at
    once when its writes commit, in this process — as they do under `make run`. (With
    CELERY_BROKER_URL set tasks would go to a broker; the real worker has tests of its
    own.)"""
    from pzss.celery import app

    old = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True

    def call(method, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return method(*args, **kwargs)

    yield call
    app.conf.task_always_eager, app.conf.task_eager_propagates = old


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture(scope="module")
def real_worker(tmp_path_factory, django_db_setup, django_db_blocker):
    """A real Celery worker (solo pool) on the Redis broker, sharing the test database,
    as tests/programme/test_worker.py starts one for the programme PDF: tasks queued by
    the test go to Redis and this process runs them. Skipped without PostgreSQL and a
    broker (the embedded pass), required on CI. Tests using it must be
    `transaction=True` (the worker sees only committed rows) and store files in
    `real_worker.media` (`settings.MEDIA_ROOT = real_worker.media`)."""
    import signal
    import subprocess
    import sys
    from pathlib import Path
    from types import SimpleNamespace

    from django.db import connection

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker:
        pytest.skip("no CELERY_BROKER_URL: the embedded pass runs tasks eagerly")
    require(broker.startswith("redis://") and _redis_answers(broker), f"Redis at {broker}")
    with django_db_blocker.unblock():
        vendor = connection.vendor
        s = connection.settings_dict
    require(vendor == "postgresql", "PostgreSQL (the worker shares the test database)")
    from pzss.celery import app

    root = Path(__file__).resolve().parents[1]
    media = tmp_path_factory.mktemp("worker-media")
    log_path = tmp_path_factory.mktemp("worker-log") / "worker.log"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    env = {
        **os.environ,
        # the worker must see the test database, not the one DATABASE_URL names
        "DATABASE_URL": f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(media),
    }
    eager_before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()  # nothing left over from an earlier run
    with open(log_path, "wb") as log:  # a file, not a pipe nobody reads: it never fills
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pzss", "worker", "-P", "solo",
             "--concurrency", "1", "-Q", "celery", "--without-heartbeat", "--without-gossip",
             "--without-mingle", "-l", "INFO"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def log_tail() -> str:
        return log_path.read_text(errors="replace")[-4000:]

    try:
        yield SimpleNamespace(media=media, log=log_tail, process=worker)
    finally:
        app.conf.task_always_eager = eager_before
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
