"""The participant import and a large export delivered through a REAL Celery worker on
Redis and PostgreSQL (CI's second pass; the embedded pass has no broker and skips):

- the longest list the caps allow (5,000 rows) is previewed and imported by the worker,
  while the request that uploads it, and the one that confirms it, only queue; the page
  shows the import's progress in rows while its transaction is still open; the seats and
  the waiting list hold;
- a list over the caps (10,000 rows) fails in the worker with the cap's message and
  stores nothing;
- an export of more than EXPORT_INLINE_MAX_ROWS activities is built by the worker into a
  valid XLSX with every row;
- the import job run twice at once, by two connections, imports once.
"""

import io
import os
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import load_workbook

from pzss.core.models import Area, Person, Registration, RegistrationStatus
from pzss.documents.models import Job, JobStatus
from tests.conftest import require
from tests.core.soup import fill, find_form, soup
from tests.events.conftest import make_event
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _list(rows: int) -> bytes:
    lines = ["Ime,Prezime,E-mail"] + [
        f"Učesnik{n},Prezimenić{n},ucesnik{n}@csr.example.rs" for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _wait_for(job_id: int, worker, timeout: float, watch=None) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        if watch is not None:
            watch(job)
        if job.is_finished:
            return job
        time.sleep(0.5 if watch else 0.1)  # a watched job's page is a request: fewer
    raise AssertionError(f"job {job_id} did not finish in {timeout} s:\n{worker.log()}")


@pytest.fixture
def staff_en(staff_client, settings, real_worker):
    settings.MEDIA_ROOT = real_worker.media
    settings.CELERY_TASK_ALWAYS_EAGER = False
    staff_client.cookies["django_language"] = "en"
    return staff_client


def _upload(client, activity, content: bytes, name="lista.csv"):
    url = f"/staff/activities/{activity.pk}/participants/import/"
    form = find_form(soup(client.get(url)), containing="file")
    started = time.monotonic()
    response = client.post(url, {**fill(form, {}), "file": SimpleUploadedFile(name, content)})
    return response, time.monotonic() - started


def test_the_worker_previews_and_imports_the_longest_list_the_caps_allow(staff_en, real_worker):
    activity = make_event(capacity=4_000)

    response, seconds = _upload(staff_en, activity, _list(5_000))

    assert response.status_code == 302
    assert seconds < 5, f"the upload request took {seconds:.1f} s: it must only queue"
    preview_id = int(response.url.split("/")[-2])
    preview = _wait_for(preview_id, real_worker, timeout=240)
    assert preview.status == JobStatus.DONE, preview.error
    assert preview.result["counts"] == {"added": 5_000, "matched": 0, "refused": 0}
    assert not Registration.objects.filter(activity=activity).exists()

    page = staff_en.get(response.url)
    assert len(soup(page).select("tbody tr.import-added")) == 5_000
    form = find_form(soup(page), containing="job")
    started = time.monotonic()
    confirmed = staff_en.post(form["action"], fill(form, {}, submit="confirm"))
    assert time.monotonic() - started < 5
    assert confirmed.status_code == 302
    import_id = int(confirmed.url.split("/")[-2])

    progress = []

    def watch(job):
        # What the requester's page says while the worker's transaction is open.
        if job.status == JobStatus.WORKING:
            text = soup(staff_en.get(f"{confirmed.url}status/")).get_text(" ", strip=True)
            if "Working:" in text:
                progress.append(text)

    job = _wait_for(import_id, real_worker, timeout=400, watch=watch)

    assert job.status == JobStatus.DONE, job.error
    assert job.attempts == 1
    assert job.result == {
        "activity": activity.pk,
        "added": 5_000,
        "matched": 0,
        "waitlisted": 1_000,
        "skipped": 0,
        "refused": 0,
    }
    seen = [t for t in progress if "of 5,000 rows" in t and "Working: 0 of" not in t]
    assert seen, f"no progress in rows was shown while the import worked: {progress[:3]}"
    registrations = Registration.objects.filter(activity=activity)
    assert registrations.count() == 5_000
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 4_000
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 1_000
    done = soup(staff_en.get(confirmed.url)).get_text(" ", strip=True)
    assert "Participants imported: 5000" in done

    # The button pressed again: the same job, nobody added twice.
    again = staff_en.post(form["action"], fill(form, {}, submit="confirm"))
    assert again.url == confirmed.url
    time.sleep(1)
    assert registrations.count() == 5_000


def test_a_list_of_10_000_rows_fails_in_the_worker_with_the_caps_message(staff_en, real_worker):
    activity = make_event(capacity=20)
    people = Person.objects.count()

    response, seconds = _upload(staff_en, activity, _list(10_000))

    assert response.status_code == 302 and seconds < 5
    job = _wait_for(int(response.url.split("/")[-2]), real_worker, timeout=120)
    assert job.status == JobStatus.FAILED
    assert "The list has more than 5,000 rows." in job.error.replace("\xa0", " ")
    assert not job.input_file and job.result is None
    assert Person.objects.count() == people
    assert not Registration.objects.filter(activity=activity).exists()
    page = soup(staff_en.get(response.url)).select_one(".job-status .alert-danger")
    assert "at most 5,000 rows" in page.get_text(" ", strip=True)


def test_the_worker_builds_a_large_activity_export_with_every_row(staff_en, real_worker, settings):
    ActivityFactory.create_batch(120, area=Area.RESEARCH)
    ActivityFactory.create_batch(3, area=Area.SUPPORT)
    settings.EXPORT_INLINE_MAX_ROWS = 100

    response = staff_en.get("/staff/activities/export.xlsx", {"area": "3"})

    assert response.status_code == 302
    job = _wait_for(int(response.url.split("/")[-2]), real_worker, timeout=120)
    assert job.status == JobStatus.DONE, job.error
    assert (job.progress_done, job.progress_total) == (120, 120)
    download = staff_en.get(f"/staff/documents/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="aktivnosti-')
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 121
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"III"}


def test_the_import_run_twice_at_once_imports_once(staff_user, monkeypatch):
    """Two connections run the same import job at the same moment (a redelivered task
    while the first still runs): the job's row lock lets one import, the other finds
    the job done."""
    if not os.environ.get("DATABASE_URL"):
        # The SQLite pass has no row locks to test; CI's PostgreSQL pass runs this.
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    require(connection.vendor == "postgresql", "PostgreSQL (row locks between connections)")
    from pzss.documents import jobs as job_services
    from pzss.events import jobs as import_jobs
    from tests.events.test_concurrency import _start_empty

    _start_empty()  # the threads' audit entries must name content types that exist

    monkeypatch.setattr(job_services.run_job, "delay", lambda pk: None)
    activity = make_event(capacity=30)
    preview = job_services.job_request(
        kind=import_jobs.IMPORT_PREVIEW,
        user=staff_user,
        params={"activity": activity.pk, "filename": "lista.csv"},
        title="",
        upload=SimpleUploadedFile("lista.csv", _list(40)),
    )
    job_services.job_run(job_id=preview.pk)
    preview.refresh_from_db()
    job = import_jobs.participants_import_request(
        user=staff_user, activity=activity, preview=preview
    )

    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            job_services.job_run(job_id=job.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["added"] == 40
    registrations = Registration.objects.filter(activity=activity)
    assert registrations.count() == 40
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 10
