"""Browser journeys on the production stack: `make serve` (gunicorn, a Celery worker and
beat, DEBUG off, WhiteNoise) on PostgreSQL and Redis, driven by Playwright in Debian's
Chromium. They run in CI's PostgreSQL pass; without PostgreSQL, a broker or Chromium
they are skipped with the reason (on CI a missing Chromium is a failure)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 360, "height": 800}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self, base_url: str, mail_dir: Path, env: dict, database_url: str):
        self.base_url = base_url
        self.mail_dir = mail_dir
        self.env = env
        self.database_url = database_url

    def messages(self):
        """Every e-mail the portal sent, oldest first (file backend)."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            raw = path.read_bytes()
            for chunk in raw.split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(
                        BytesParser(policy=policy.default).parsebytes(chunk.strip() + b"\n")
                    )
        return found

    def wait_for_mail(self, to: str, contains: str = "", timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages():
                if to in str(message["To"]) and contains in _text(message):
                    return message
            time.sleep(0.5)
        raise AssertionError(f"no e-mail to {to} containing {contains!r} within {timeout} s")

    def sql(self, query: str) -> str:
        return subprocess.run(
            ["psql", self.database_url, "-Atc", query], capture_output=True, text=True, check=True
        ).stdout.strip()

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def _text(message) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    return (body.get_content() if body else "") + str(message["Subject"])


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith("postgres") or not broker.startswith("redis"):
        pytest.skip("browser journeys run on the production stack: CI's PostgreSQL and Redis pass")
    require(Path(CHROMIUM).exists(), "needs Debian's Chromium at /usr/bin/chromium")
    require(shutil.which("psql") is not None, "needs psql")
    server_url, test_db = database.rsplit("/", 1)
    # Named after the suite's own database (pzss -> pzss_e2e) unless E2E_DB_NAME says
    # otherwise: two suites on one server would otherwise drop each other's stack database.
    db_name = os.environ.get("E2E_DB_NAME") or f"{test_db.split('?')[0]}_e2e"
    subprocess.run(
        [
            "psql",
            f"{server_url}/postgres",
            "-qc",
            f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)",
        ],
        check=True,
    )
    subprocess.run(
        ["psql", f"{server_url}/postgres", "-qc", f"CREATE DATABASE {db_name}"], check=True
    )
    root = tmp_path_factory.mktemp("stack")
    mail_dir = root / "mail"
    mail_dir.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "e2e-" + "x" * 60,
        "DATABASE_URL": f"{server_url}/{db_name}",
        "CELERY_BROKER_URL": broker.rsplit("/", 1)[0] + "/" + os.environ.get("E2E_BROKER_DB", "14"),
        "CACHE_URL": broker.rsplit("/", 1)[0] + "/" + os.environ.get("E2E_CACHE_DB", "15"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(root / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "REGISTRATION_RATE_LIMIT": "",
        "PORT": str(port),
        "WEB_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    py = str(ROOT / ".venv/bin/python")
    for command in (["migrate", "-v0"], ["load_reference"], ["load_programme"], ["load_demo"]):
        subprocess.run(
            [py, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    subprocess.run(["redis-cli", "-u", env["CACHE_URL"], "FLUSHDB"], capture_output=True)
    log = open(root / "serve.log", "wb")  # noqa: SIM115 — closed at teardown
    server = subprocess.Popen(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        env={**env, "SERVE_LOAD_DATA": "false"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(  # noqa: S310
                base_url + "/healthz", timeout=3
            ) as r,
        ):
            if r.status == 200:
                break
        if time.monotonic() > deadline or server.poll() is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            raise AssertionError(
                "the stack did not come up:\n" + (root / "serve.log").read_text()[-4000:]
            )
        time.sleep(0.5)
    yield Stack(base_url, mail_dir, env, env["DATABASE_URL"])
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="session")
def browser(stack):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(
        base_url=stack.base_url,
        viewport={"width": 1366, "height": 900},
        locale="sr-RS",
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors
    yield page
    context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/staff/**")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}.png"))


# People signed up for the crowded event: more than its seats, so its registrations page
# has confirmed rows and waiting rows (the widest, with their reject and move forms).
CROWD_SETUP = """
from pzss.core.models import Activity, Institution
from pzss.events.services.signup import registration_signup
activity = Activity.objects.get(pk={pk})
institution = Institution.objects.get(name="ЦСР Сомбор")
for n in range({people}):
    registration_signup(activity=activity, first_name="Александра", last_name=f"Милошевић-Стојановић {{n}}",
        email=f"guzva{{n}}@csr-primer.rs", institution=institution, position="case_manager")
"""


@pytest.fixture(scope="session")
def sample(stack):
    """The pages the phone and accessibility checks open: an event open for sign-up, a
    crowded one (confirmed and waiting rows on its staff page) and the activity with the
    most participants (the widest staff table)."""
    from tests.e2e.test_journey_events import EVENT_SETUP

    event = int(
        stack.manage(
            "shell",
            "-c",
            EVENT_SETUP.format(title="Округли сто „Телефон и читач екрана“", seats=20),
        ).split()[-1]
    )
    crowded = int(
        stack.manage(
            "shell", "-c", EVENT_SETUP.format(title="Округли сто „Пуна сала“", seats=4)
        ).split()[-1]
    )
    stack.manage("shell", "-c", CROWD_SETUP.format(pk=crowded, people=7))
    activity = int(
        stack.sql(
            "SELECT activity_id FROM core_registration GROUP BY activity_id"
            " ORDER BY count(*) DESC, activity_id LIMIT 1"
        )
    )
    news = stack.sql(
        "SELECT year || '/' || slug FROM outreach_newsitem WHERE status = 'published'"
        " ORDER BY published_at DESC, id DESC LIMIT 1"
    )
    publication = stack.sql(
        "SELECT slug FROM outreach_publication WHERE status = 'published'"
        " AND source_key IS NULL ORDER BY id LIMIT 1"
    )
    return {
        "event": event,
        "crowded": crowded,
        "activity": activity,
        "news": news.strip(),
        "publication": publication.strip(),
    }


def public_pages(sample) -> list[str]:
    return [
        "/",
        "/events/",
        f"/events/{sample['event']}/",
        "/programme/",
        "/programme/2021/",
        "/certificates/",
        "/privacy/",
        "/news/",
        f"/news/{sample['news']}/",
        "/publications/",
        "/publications/?kind=report",
        f"/publications/{sample['publication']}/",
        "/areas/i/",
        "/areas/ii/",
        "/areas/iii/",
        "/areas/iv/",
        "/search/",
        "/search/?q=izvestaj",
    ]


def staff_pages(sample) -> list[str]:
    return [
        "/staff/",
        "/staff/activities/",
        "/staff/activities/new/",
        f"/staff/activities/{sample['activity']}/",
        f"/staff/events/{sample['event']}/",
        f"/staff/events/{sample['crowded']}/",
        f"/staff/events/{sample['crowded']}/?status=waitlisted",
        "/staff/support/",
        "/programme/2021/realisation/",
    ]


def phone_context(browser, stack, *, viewport=PHONE):
    """A browser context 360 px wide by default. CSP is bypassed so that the accessibility
    check can inject axe-core as a script (the portal's CSP rightly refuses that)."""
    context = browser.new_context(
        base_url=stack.base_url, viewport=viewport, locale="sr-RS", bypass_csp=True
    )
    context.set_default_timeout(20_000)
    return context
