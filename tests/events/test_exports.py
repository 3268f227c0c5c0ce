"""An event's registrations exported as XLSX and CSV: at once when they are few, by a
background job when they are more than EXPORT_INLINE_MAX_ROWS — the same rows either way,
the status tab's filter kept, downloadable by the requester only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from pzss.core.models import Institution, RegistrationStatus
from pzss.documents.models import Job, JobStatus
from pzss.events.services.signup import registration_signup
from tests.events.conftest import make_event, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_of_12(staff_client):
    staff_client.cookies["django_language"] = "en"
    activity = make_event(capacity=10)
    sombor = Institution.objects.get(name="ЦСР Сомбор")
    for i in range(12):
        registration_signup(
            activity=activity,
            first_name="=cmd|' /C calc'!A0" if i == 0 else f"Особа{i:02}",
            last_name="Тест",
            email=f"p{i:02}@example.rs",
            institution=sombor,
        )
    return activity


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(fmt: str, body: bytes) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _through_a_job(client, run_jobs, url, query=None):
    queued = run_jobs(client.get, url, query or {})
    assert queued.status_code == 302 and queued.url.startswith("/staff/documents/jobs/")
    page = soup(client.get(queued.url))
    link = page.select_one(".job-status a.btn-primary")
    assert link is not None, page.select_one(".job-status")
    return client.get(link["href"]), Job.objects.get(pk=int(queued.url.split("/")[-2]))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_long_export_is_a_job_with_the_same_rows_as_a_short_one(
    staff_client, event_of_12, settings, run_jobs, fmt
):
    url = f"/staff/events/{event_of_12.pk}/export.{fmt}"
    inline = staff_client.get(url)
    assert inline.status_code == 200

    settings.EXPORT_INLINE_MAX_ROWS = 11
    download, job = _through_a_job(staff_client, run_jobs, url)

    assert download.status_code == 200
    assert download["Content-Type"] == inline["Content-Type"]
    assert download["Content-Disposition"] == inline["Content-Disposition"]
    rows = _rows(fmt, _body(download))
    assert rows == _rows(fmt, inline.content)
    assert len(rows) == 13  # the header and every registration
    assert rows[1][2].startswith("'=")  # typed text never becomes a formula
    assert (job.progress_done, job.progress_total) == (12, 12)
    assert job.params["format"] == fmt


def test_the_status_tab_filters_the_job_as_it_does_the_page(
    staff_client, event_of_12, settings, run_jobs
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    url = f"/staff/events/{event_of_12.pk}/export.csv"

    download, job = _through_a_job(staff_client, run_jobs, url, {"status": "waitlisted"})

    rows = _rows("csv", _body(download))
    assert [r[6] for r in rows[1:]] == ["Waiting list", "Waiting list"]
    assert job.back_url == f"/staff/events/{event_of_12.pk}/?status=waitlisted"
    assert job.params["status"] == RegistrationStatus.WAITLISTED


def test_only_the_requester_downloads_the_export(
    client, staff_client, event_of_12, settings, run_jobs, django_user_model
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    url = f"/staff/events/{event_of_12.pk}/export.xlsx"
    download, job = _through_a_job(staff_client, run_jobs, url)
    assert job.status == JobStatus.DONE and download.status_code == 200

    other = django_user_model.objects.create_user(username="carol", password="x")
    other.groups.add(Group.objects.get(name="staff"))
    client.force_login(other)
    assert client.get(f"/staff/documents/jobs/{job.pk}/download/").status_code == 404
