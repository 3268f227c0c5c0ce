"""`make run`: the links it prints and sends point where it serves."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_on_another_port_sends_links_to_that_port():
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", "PORT=8100"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "links in e-mails point at http://127.0.0.1:8100/" in dry


def test_a_site_url_set_by_the_environment_wins():
    env = {**os.environ, "SITE_URL": "https://portal.pzs.gov.rs"}
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "links in e-mails point at https://portal.pzs.gov.rs/" in dry
