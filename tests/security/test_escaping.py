"""Text a user typed is shown as text everywhere — pages, e-mails' pages and PDFs — never
run as HTML or script, and never makes a PDF render read a file or call out."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.documents.services import render_input
from pzss.lib.pdf import html_to_pdf
from tests.conftest import require

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src="file:///etc/passwd"><img src="http://198.51.100.7/t.png">'


@pytest.fixture
def hostile_activity(staff_user):
    activity = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title=f"Округли сто {SCRIPT}",
        description=f"Опис {IMG}",
        place=f"Сомбор {SCRIPT}",
        start_date=timezone.localdate() + dt.timedelta(days=3),
        status=ActivityStatus.SCHEDULED,
        is_public=True,
        created_by=staff_user,
    )
    activity.responsible.set([staff_user])
    return activity


def _assert_escaped(html: str) -> None:
    assert SCRIPT not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_staff_pages_escape_typed_html(staff_client, hostile_activity):
    for url in [
        "/staff/",
        "/staff/activities/",
        f"/staff/activities/{hostile_activity.pk}/",
        f"/staff/activities/{hostile_activity.pk}/edit/",
    ]:
        _assert_escaped(staff_client.get(url).content.decode())


def test_public_pages_escape_typed_html(client, hostile_activity):
    for url in ["/", "/events/", f"/events/{hostile_activity.pk}/"]:
        _assert_escaped(client.get(url).content.decode())


def test_latin_script_pages_escape_typed_html_too(client, hostile_activity):
    client.cookies["django_language"] = "sr-latn"
    html = client.get(f"/events/{hostile_activity.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "Okrugli sto &lt;script&gt;" in html


def test_the_programme_pdf_prints_typed_html_as_text(staff_user):
    require(shutil.which("pdftotext") is not None, "needs pdftotext (poppler-utils)")
    from programme.models import Goal
    from tests.programme.builders import make_revision

    revision = make_revision(year=2035)
    goal = Goal.objects.filter(section__revision=revision).first()
    goal.title = f"Циљ {SCRIPT}"
    goal.text = f"Текст {IMG}"
    goal.save(update_fields=["title", "text"])
    data = render_input("programme", revision, "sr")
    assert SCRIPT not in data.html and '<img src="file:///etc/passwd">' not in data.html
    pdf = html_to_pdf(data.html)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert '<script>alert("x")</script>' in text.replace("\n", "")
    assert "root:x:0:0" not in text
