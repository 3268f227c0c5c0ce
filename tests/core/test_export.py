"""The XLSX export of the activity list: the same filters as the page, every matching
activity (not one page of them), readable cells — whether it is answered in the request
or, when the list is long, built by a background job."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from pzss.core.models import ActivityStatus, Area, Institution, RegistrationStatus
from pzss.documents.models import Job, JobStatus
from pzss.lib.translit import to_latin
from tests.core.soup import soup
from tests.factories import ActivityFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADERS = [
    "No.",
    "Area",
    "Kind",
    "Title",
    "Start date",
    "End date",
    "Place",
    "Status",
    "Institutions covered",
    "Participants",
    "Responsible staff",
]


@pytest.fixture
def activities(staff_user):
    sid = Institution.objects.get(name="ЦСР Шид")
    training = [
        ActivityFactory(
            area=Area.TRAINING,
            title=f"Обука {n}",
            start_date=dt.date(2021, 3, n + 1),
            status=ActivityStatus.HELD,
        )
        for n in range(30)
    ]
    training[0].institutions.set([sid])
    training[0].responsible.set([staff_user])
    for status in [RegistrationStatus.ATTENDED] * 3 + [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.ABSENT,
    ]:
        RegistrationFactory(activity=training[0], status=status)
    ActivityFactory.create_batch(4, area=Area.SUPPORT)
    return training


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="aktivnosti-')
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(body)).active


@pytest.fixture(params=["inline", "job"])
def export(request, staff_client, settings):
    """`export(query)`: the sheet the export link gives, answered in the request (short
    lists) or built by a background job (long ones: here, any list), downloaded from the
    job's page once it is done. Both paths must give the same sheet."""
    if request.param == "inline":
        return lambda query: _workbook(staff_client.get("/staff/activities/export.xlsx", query))
    settings.EXPORT_INLINE_MAX_ROWS = 0
    run_jobs = request.getfixturevalue("run_jobs")

    def through_a_job(query):
        queued = run_jobs(staff_client.get, "/staff/activities/export.xlsx", query)
        assert queued.status_code == 302 and queued.url.startswith("/staff/documents/jobs/")
        page = soup(staff_client.get(queued.url))
        link = page.select_one(".job-status a.btn-primary")
        assert link is not None, page.select_one(".job-status")
        return _workbook(staff_client.get(link["href"]))

    return through_a_job


def test_the_export_has_the_column_headers(export, activities):
    sheet = export({"area": "2"})
    assert [c.value for c in sheet[1]] == HEADERS


def test_the_export_has_every_filtered_activity_not_one_page(export, activities):
    sheet = export({"area": "2"})
    # 30 training activities, more than the list's page of 25; the 4 of area I are left out.
    assert sheet.max_row - 1 == 30
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"II"}


def test_the_export_follows_the_search_and_month_filters(export, activities):
    sheet = export({"area": "2", "month": "2021-03", "q": "Обука 1"})
    titles = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    # The client reads English, so the Cyrillic titles come out in Latin script.
    assert titles == {"Obuka 1", *{f"Obuka {n}" for n in range(10, 20)}}


def test_an_exported_row_has_title_dates_and_participants(export, staff_user, activities):
    first = activities[0]
    sheet = export({"area": "2", "order": "date"})
    row = sheet[2]
    assert row[0].value == first.pk
    assert row[3].value == "Obuka 0"  # English readers get Latin script
    assert row[4].is_date
    assert row[4].value.date() == dt.date(2021, 3, 1)
    assert row[4].number_format == "DD.MM.YYYY."
    assert row[5].value is None
    assert row[7].value == "Held"
    assert row[8].value == "CSR Šid"
    # Attended only: the cancelled and absent registrations are not participants.
    assert row[9].value == 3
    assert row[10].value == "Alice Advisor"


def test_the_export_is_transliterated_for_latin_readers(export, staff_client, activities):
    staff_client.cookies["django_language"] = "sr-latn"
    sheet = export({"area": "2", "order": "date"})
    assert sheet["D2"].value == "Obuka 0"
    assert sheet["I2"].value == "CSR Šid"


def test_the_export_is_for_staff_only(plain_client, activities):
    assert plain_client.get("/staff/activities/export.xlsx").status_code == 403
    plain_client.logout()
    response = plain_client.get("/staff/activities/export.xlsx")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_sheet_is_titled_activities(export, activities):
    assert export({"area": "2"}).title == "Activities"


def test_text_that_looks_like_a_formula_is_exported_as_text(export):
    title = '=HYPERLINK("http://example.com/x","Отвори")'
    ActivityFactory(area=Area.RESEARCH, title=title, place="=1+1")

    sheet = export({"area": "3"})

    assert sheet["D2"].value == to_latin(title)
    assert sheet["D2"].data_type == "s"
    assert sheet["G2"].data_type == "s"


def test_a_list_longer_than_the_threshold_is_exported_by_a_job_with_its_progress(
    staff_client, staff_user, activities, settings, monkeypatch
):
    from pzss.core import exports
    from pzss.documents import jobs

    settings.EXPORT_INLINE_MAX_ROWS = 29
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 10)
    queued = []
    monkeypatch.setattr(jobs.run_job, "delay", queued.append)
    assert staff_client.get("/staff/activities/export.xlsx", {"area": "1"}).status_code == 200
    assert queued == []  # 4 rows: answered at once

    response = staff_client.get("/staff/activities/export.xlsx", {"area": "2"})

    job = Job.objects.get(pk=queued[0])
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.kind == "activity_export" and job.requested_by == staff_user
    assert job.back_url == "/staff/activities/?area=2"
    reports = []
    real_progress = jobs._Run.progress

    def progress(run, done, total=None):
        reports.append((done, total))
        real_progress(run, done, total)

    monkeypatch.setattr(jobs._Run, "progress", progress)
    job = jobs.job_run(job_id=job.pk)

    assert job.status == JobStatus.DONE, job.error
    assert reports == [(0, 30), (10, 30), (20, 30), (30, 30), (30, 30)]
    assert (job.progress_done, job.progress_total) == (30, 30)
    assert job.result_name.startswith("aktivnosti-") and job.result_size > 0


def test_the_export_job_streams_the_workbook(
    staff_client, activities, settings, run_jobs, monkeypatch
):
    """openpyxl's write-only mode: each row goes to the file as it is made."""
    from pzss.lib import xlsx

    made = []
    real = xlsx.Workbook

    def workbook(*args, **kwargs):
        made.append(kwargs)
        return real(*args, **kwargs)

    settings.EXPORT_INLINE_MAX_ROWS = 0
    monkeypatch.setattr(xlsx, "Workbook", workbook)
    run_jobs(staff_client.get, "/staff/activities/export.xlsx", {"area": "2"})
    assert made == [{"write_only": True}]
    assert Job.objects.get().status == JobStatus.DONE
