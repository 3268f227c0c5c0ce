"""Background jobs: queued → working with its counts → done (a file, data) or failed with
a reason the requester reads in their language; safe to run twice; transient errors go to
Celery's retry; only the requester (or an administrator) sees a job; finished jobs and
their files go after JOB_RETENTION_DAYS."""

import datetime as dt
import io
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pzss.documents import jobs
from pzss.documents.jobs import job_request, job_run, jobs_delete_old, run_job
from pzss.documents.models import Job, JobStatus
from pzss.lib import jobs as registry
from pzss.lib.jobs import JobFailed, JobKind
from tests.core.soup import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def kind(monkeypatch):
    """Register a job kind for one test: `kind(run, **options)` returns its name."""

    def register(run, name="test_job", **options):
        monkeypatch.setitem(
            registry._KINDS, name, JobKind(kind=name, run=run, label="Test job", **options)
        )
        return name

    return register


@pytest.fixture
def queued(monkeypatch):
    """Jobs are queued, not run: the test runs them when it wants (`job_run`)."""
    sent: list[int] = []
    monkeypatch.setattr(run_job, "delay", sent.append)
    return sent


def _status(client, job) -> str:
    return f"/staff/documents/jobs/{job.pk}/status/"


def _text(response) -> str:
    return soup(response).get_text(" ", strip=True).replace("\xa0", " ")


def test_a_job_is_queued_then_working_with_its_counts_then_done_with_a_download(
    staff_client, staff_user, kind, queued
):
    seen = {}

    def run(job):
        job.progress(1200, 10_000)
        # What the requester's page shows while the work is under way.
        seen["working"] = staff_client.get(f"/staff/documents/jobs/{job.pk}/status/")
        job.set_result({"rows": 10_000})
        job.save_file("popis.csv", "text/csv; charset=utf-8", io.BytesIO(b"a,b\n1,2\n"))
        job.progress(10_000, 10_000)

    job = job_request(kind=kind(run), user=staff_user, params={}, title="Списак")
    assert queued == [job.pk]

    waiting = staff_client.get(_status(staff_client, job))
    fragment = soup(waiting).select_one(".job-status")
    assert fragment["data-hx-get"] == _status(staff_client, job)
    assert fragment["data-hx-trigger"] == "every 2s"
    assert "Waiting for a free worker." in _text(waiting)

    job = job_run(job_id=job.pk)

    working = soup(seen["working"]).select_one(".job-status")
    assert "Working: 1,200 of 10,000 rows" in working.get_text(" ", strip=True)
    bar = working.select_one("progress")
    assert (bar["value"], bar["max"]) == ("1200", "10000")
    assert working.has_attr("data-hx-get")  # still polling

    assert job.status == JobStatus.DONE and job.result == {"rows": 10_000}
    assert (job.progress_done, job.progress_total, job.attempts) == (10_000, 10_000, 1)
    assert job.started_at <= job.finished_at
    done = staff_client.get(_status(staff_client, job))
    assert done["HX-Trigger"] == "job-finished"
    assert not soup(done).select_one(".job-status").has_attr("data-hx-get")  # polling stops
    link = soup(done).select_one(".job-status a.btn-primary")
    assert link["href"] == f"/staff/documents/jobs/{job.pk}/download/"
    assert "Rows: 10,000" in _text(done)

    download = staff_client.get(link["href"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"a,b\n1,2\n"
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="popis.csv"'


def test_the_job_page_names_the_job_and_links_back(staff_client, staff_user, kind, queued):
    job = job_request(
        kind=kind(lambda job: None),
        user=staff_user,
        params={},
        title="Округли сто",
        back_url="/staff/activities/",
    )
    page = soup(staff_client.get(job.get_absolute_url()))
    assert page.h1.get_text(strip=True) == "Test job"
    assert "Okrugli sto" in page.select_one(".lead").get_text()  # English readers: Latin
    assert page.select_one(f"#job-{job.pk}[data-hx-get]") is not None
    assert page.find("a", href="/staff/activities/") is not None


@pytest.mark.parametrize(
    "error, reason",
    [
        (JobFailed("The list has more than 5,000 rows."), "The list has more than 5,000 rows."),
        (ValidationError(["One.", "Two."]), "One. Two."),
    ],
)
def test_a_job_that_cannot_be_done_fails_with_its_reason(
    staff_client, staff_user, kind, queued, error, reason
):
    def run(job):
        raise error

    job = job_run(job_id=job_request(kind=kind(run), user=staff_user, params={}, title="").pk)

    assert job.status == JobStatus.FAILED and job.error == reason
    assert job.finished_at is not None
    response = staff_client.get(_status(staff_client, job))
    assert response["HX-Trigger"] == "job-finished"
    alert = soup(response).select_one(".job-status .alert-danger").get_text(" ", strip=True)
    assert "The job could not be finished." in alert and reason in alert


def test_an_unexpected_error_fails_the_job_with_a_general_reason_and_is_logged(
    staff_user, kind, queued, caplog
):
    def run(job):
        raise KeyError("a bug")

    job = job_run(job_id=job_request(kind=kind(run), user=staff_user, params={}, title="").pk)

    assert job.status == JobStatus.FAILED
    assert f"грешке на серверу (обрада бр. {job.pk})" in job.error  # the requester's language
    assert "KeyError" not in job.error  # the reader gets words, the log the traceback
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_the_reason_is_in_the_requesters_language(staff_user, kind, queued):
    from django.utils import translation
    from django.utils.translation import gettext

    def run(job):
        raise JobFailed(gettext("The file is empty."))

    with translation.override("sr"):
        job = job_request(kind=kind(run), user=staff_user, params={}, title="")
    with translation.override("en"):  # the worker's own language does not matter
        job = job_run(job_id=job.pk)

    assert job.language == "sr"
    with translation.override("sr"):
        assert job.error == gettext("The file is empty.") != "The file is empty."


def test_a_job_that_runs_too_long_is_stopped_with_a_message(staff_user, kind, queued, settings):
    def run(job):
        raise SoftTimeLimitExceeded

    job = job_run(
        job_id=job_request(kind=kind(run, atomic=True), user=staff_user, params={}, title="").pk
    )

    minutes = round(django_settings.JOB_SOFT_TIME_LIMIT / 60)
    assert job.error == (
        f"Обрада је трајала дуже од {minutes} минута и заустављена је. Ништа није сачувано."
    )


def test_a_transient_error_queues_the_job_again_for_celerys_retry(staff_user, kind, queued):
    def run(job):
        raise ConnectionError("the storage did not answer")

    job = job_request(kind=kind(run), user=staff_user, params={}, title="")
    with pytest.raises(ConnectionError):
        job_run(job_id=job.pk, last_try=False)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    job = job_run(job_id=job.pk, last_try=True)
    assert job.status == JobStatus.FAILED
    assert (
        job.error == "Сервис који је потребан за обраду није одговорио. Покушајте поново касније."
    )


def test_the_task_hands_a_transient_error_to_celerys_retry_and_then_finishes(
    staff_user, kind, queued
):
    calls = []

    def run(job):
        calls.append(job.pk)
        if len(calls) == 1:
            raise ConnectionError("the storage did not answer")
        job.set_result({"ok": True})

    job = job_request(kind=kind(run), user=staff_user, params={}, title="")
    # Applied in-process Celery runs the retry at once; in a worker, after its countdown.
    result = run_job.apply(args=[job.pk])

    assert result.state == "SUCCESS"
    job.refresh_from_db()
    assert len(calls) == 2 and job.status == JobStatus.DONE and job.attempts == 2


def test_a_finished_job_run_again_is_left_alone(staff_user, kind, queued):
    calls = []

    def run(job):
        calls.append(job.pk)
        job.set_result({"n": len(calls)})

    job = job_request(kind=kind(run), user=staff_user, params={}, title="")
    job_run(job_id=job.pk)
    again = job_run(job_id=job.pk)

    assert calls == [job.pk]
    assert again.result == {"n": 1} and again.attempts == 1


def test_of_two_runs_at_once_the_first_to_finish_wins_and_the_others_file_goes(
    staff_user, kind, queued
):
    def run(job):
        job.save_file("mine.csv", "text/csv", io.BytesIO(b"mine"))
        mine.append(Job._meta.get_field("result_file").storage.path(job.file[0]))
        # Meanwhile another run of the same job finished.
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, result={"by": "the other run"}, finished_at=timezone.now()
        )

    mine: list[str] = []
    job = job_run(job_id=job_request(kind=kind(run), user=staff_user, params={}, title="").pk)

    assert job.result == {"by": "the other run"} and not job.result_file
    assert not Path(mine[0]).exists()


def test_an_atomic_job_finished_by_another_run_meanwhile_is_not_run_again(
    staff_user, kind, queued, monkeypatch
):
    """A redelivered task while the first is still running: the second waits on the
    job's row, finds it done once the first commits, and does not run."""
    calls = []
    name = kind(lambda job: calls.append(job.pk), atomic=True)
    job = job_request(kind=name, user=staff_user, params={}, title="")
    real_kind = jobs.job_kind

    def finished_meanwhile(kind_name):
        # Between this run's claim and its lock on the row, the other run committed.
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, result={"by": "the other"})
        return real_kind(kind_name)

    monkeypatch.setattr(jobs, "job_kind", finished_meanwhile)
    again = job_run(job_id=job.pk)

    assert calls == []
    assert again.status == JobStatus.DONE and again.result == {"by": "the other"}


def test_an_atomic_job_that_fails_leaves_nothing_written(staff_user, kind, queued):
    from pzss.core.models import Person

    def run(job):
        Person.objects.create(first_name="Ана", last_name="Анић")
        job.progress(1, 2)
        raise JobFailed("The second row is wrong.")

    job = job_run(
        job_id=job_request(kind=kind(run, atomic=True), user=staff_user, params={}, title="").pk
    )

    assert job.status == JobStatus.FAILED and job.error == "The second row is wrong."
    assert not Person.objects.filter(last_name="Анић").exists()


def test_the_uploaded_file_is_kept_until_the_job_ends_then_deleted(
    staff_user, kind, queued, django_capture_on_commit_callbacks
):
    read = []

    def run(job):
        read.append(job.read_input())

    upload = SimpleUploadedFile("lista.csv", b"Ime,Prezime\n")
    job = job_request(kind=kind(run), user=staff_user, params={}, title="", upload=upload)
    path = job.input_file.path
    assert job.input_name == "lista.csv" and path.endswith(".csv")
    assert "lista" not in path  # the stored name says nothing of the upload
    assert Path(path).read_bytes() == b"Ime,Prezime\n"

    with django_capture_on_commit_callbacks(execute=True):
        job = job_run(job_id=job.pk)

    assert read == [b"Ime,Prezime\n"]
    assert not job.input_file
    assert not Path(path).exists()


def test_a_job_whose_requester_lost_the_role_fails(staff_user, kind, queued):
    from pzss.core import selectors
    from pzss.core.selectors import ActivityFilters

    def run(job):
        selectors.activity_count(user=job.user, filters=ActivityFilters())

    job = job_request(kind=kind(run), user=staff_user, params={}, title="")
    staff_user.groups.clear()
    staff_user._pzss_groups = None

    job = job_run(job_id=job.pk)

    assert job.error == "Особа која је покренула ову обраду више нема право на то."


def test_a_key_makes_one_job_and_a_failed_one_is_queued_again(staff_user, kind, queued):
    name = kind(lambda job: None)
    first = job_request(kind=name, user=staff_user, params={}, title="", key="preview-1")
    second = job_request(kind=name, user=staff_user, params={}, title="", key="preview-1")
    assert first.pk == second.pk and queued == [first.pk]

    Job.objects.filter(pk=first.pk).update(status=JobStatus.FAILED, error="Broker down.")
    third = job_request(kind=name, user=staff_user, params={}, title="", key="preview-1")
    assert third.pk == first.pk and third.status == JobStatus.QUEUED and third.error == ""
    assert queued == [first.pk, first.pk]


# serialized_rollback, as test_render.py's own eager test: the content types stay as the
# next serialized test expects them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_broker_a_requested_job_is_shown_done_at_once(staff_user, kind):
    """`make run` runs jobs in-process (eager): the page must not say it waits."""
    from pzss.celery import app

    name = kind(lambda job: job.set_result({"ok": True}))
    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        job = job_request(kind=name, user=staff_user, params={}, title="")
    finally:
        app.conf.task_always_eager = old
    assert job.status == JobStatus.DONE and job.result == {"ok": True}


# --- who sees a job ------------------------------------------------------------------------


@pytest.fixture
def done_job(staff_user, kind, queued):
    def run(job):
        job.save_file("popis.csv", "text/csv", io.BytesIO(b"a\n"))

    return job_run(job_id=job_request(kind=kind(run), user=staff_user, params={}, title="").pk)


@pytest.mark.parametrize("page", ["", "status/", "download/"])
def test_another_staff_member_gets_404_for_a_job(client, django_user_model, done_job, page):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user(username="carol", password="x")
    other.groups.add(Group.objects.get_or_create(name="staff")[0])
    client.force_login(other)
    assert client.get(f"/staff/documents/jobs/{done_job.pk}/{page}").status_code == 404


@pytest.mark.parametrize("page", ["", "status/", "download/"])
def test_anonymous_visitors_are_sent_to_log_in_and_roleless_users_refused(
    client, plain_user, done_job, page
):
    url = f"/staff/documents/jobs/{done_job.pk}/{page}"
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    client.force_login(plain_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("page", ["", "status/", "download/"])
def test_an_administrator_sees_any_job(client, admin_user_, done_job, page):
    client.force_login(admin_user_)
    assert client.get(f"/staff/documents/jobs/{done_job.pk}/{page}").status_code == 200


def test_a_job_not_done_has_nothing_to_download(staff_client, staff_user, kind, queued):
    job = job_request(kind=kind(lambda job: None), user=staff_user, params={}, title="")
    assert staff_client.get(f"/staff/documents/jobs/{job.pk}/download/").status_code == 404


def test_the_status_fragment_and_the_page_read_a_bounded_number_of_queries(
    staff_client, done_job, django_assert_max_num_queries
):
    # The session, the user, the user's groups (the role check), the job.
    for url in (done_job.get_absolute_url(), f"/staff/documents/jobs/{done_job.pk}/status/"):
        with django_assert_max_num_queries(4):
            assert staff_client.get(url).status_code == 200


def test_a_working_job_reads_its_progress_from_the_cache_with_no_extra_query(
    staff_client, staff_user, kind, queued, django_assert_max_num_queries
):
    """An atomic job's own updates are invisible to other connections until it commits;
    its progress reaches the page through the cache."""
    from django.core.cache import cache

    job = job_request(kind=kind(lambda job: None), user=staff_user, params={}, title="")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.WORKING)
    cache.set(jobs.progress_cache_key(job.pk), (2_500, 5_000))

    with django_assert_max_num_queries(4):
        response = staff_client.get(f"/staff/documents/jobs/{job.pk}/status/")

    assert "Working: 2,500 of 5,000 rows" in _text(response)


# --- retention -------------------------------------------------------------------------------


def test_finished_jobs_and_their_files_go_after_the_retention_days(
    staff_user, kind, queued, django_capture_on_commit_callbacks, settings
):
    def run(job):
        job.save_file("popis.csv", "text/csv", io.BytesIO(b"a\n"))

    name = kind(run)
    old, recent = (
        job_run(job_id=job_request(kind=name, user=staff_user, params={}, title="").pk)
        for _ in range(2)
    )
    stuck = job_request(
        kind=name,
        user=staff_user,
        params={},
        title="",
        upload=SimpleUploadedFile("lista.csv", b"x"),
    )
    eight_days_ago = timezone.now() - dt.timedelta(days=8)
    Job.objects.filter(pk=old.pk).update(finished_at=eight_days_ago)
    Job.objects.filter(pk=stuck.pk).update(created_at=eight_days_ago)
    files = [old.result_file.path, stuck.input_file.path]

    settings.JOB_RETENTION_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.delete_old_jobs.apply().get() == 2

    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not any(Path(path).exists() for path in files)
    assert Path(recent.result_file.path).exists()


def test_retention_zero_keeps_every_job(staff_user, kind, queued, settings):
    job = job_run(
        job_id=job_request(kind=kind(lambda job: None), user=staff_user, params={}, title="").pk
    )
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=400))
    settings.JOB_RETENTION_DAYS = 0
    assert jobs.delete_old_jobs.apply().get() == 0
    assert jobs_delete_old(days=500) == 0
    assert Job.objects.filter(pk=job.pk).exists()


def test_beat_runs_the_job_retention_nightly():
    entry = django_settings.CELERY_BEAT_SCHEDULE["job-retention"]
    assert entry["task"] == "pzss.documents.tasks.delete_old_jobs"
    from pzss.celery import app

    assert "pzss.documents.tasks.delete_old_jobs" in app.tasks
