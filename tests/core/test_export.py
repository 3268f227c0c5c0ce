"""The XLSX export of the activity list: the same filters as the page, every matching
activity (not one page of them), readable cells."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from pzss.core.models import ActivityStatus, Area, Institution, RegistrationStatus
from pzss.lib.translit import to_latin
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


def _export(client, query: dict):
    response = client.get("/staff/activities/export.xlsx", query)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="aktivnosti-')
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_has_the_column_headers(staff_client, activities):
    sheet = _export(staff_client, {"area": "2"})
    assert [c.value for c in sheet[1]] == HEADERS


def test_the_export_has_every_filtered_activity_not_one_page(staff_client, activities):
    sheet = _export(staff_client, {"area": "2"})
    # 30 training activities, more than the list's page of 25; the 4 of area I are left out.
    assert sheet.max_row - 1 == 30
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"II"}


def test_the_export_follows_the_search_and_month_filters(staff_client, activities):
    sheet = _export(staff_client, {"area": "2", "month": "2021-03", "q": "Обука 1"})
    titles = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    # The client reads English, so the Cyrillic titles come out in Latin script.
    assert titles == {"Obuka 1", *{f"Obuka {n}" for n in range(10, 20)}}


def test_an_exported_row_has_title_dates_and_participants(staff_client, staff_user, activities):
    first = activities[0]
    sheet = _export(staff_client, {"area": "2", "order": "date"})
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


def test_the_export_is_transliterated_for_latin_readers(staff_client, activities):
    staff_client.cookies["django_language"] = "sr-latn"
    sheet = _export(staff_client, {"area": "2", "order": "date"})
    assert sheet["D2"].value == "Obuka 0"
    assert sheet["I2"].value == "CSR Šid"


def test_the_export_is_for_staff_only(plain_client, activities):
    assert plain_client.get("/staff/activities/export.xlsx").status_code == 403
    plain_client.logout()
    response = plain_client.get("/staff/activities/export.xlsx")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_sheet_is_titled_activities(staff_client, activities):
    assert _export(staff_client, {"area": "2"}).title == "Activities"


def test_text_that_looks_like_a_formula_is_exported_as_text(staff_client):
    title = '=HYPERLINK("http://example.com/x","Отвори")'
    ActivityFactory(area=Area.RESEARCH, title=title, place="=1+1")

    sheet = _export(staff_client, {"area": "3"})

    assert sheet["D2"].value == to_latin(title)
    assert sheet["D2"].data_type == "s"
    assert sheet["G2"].data_type == "s"
