"""The XLSX import: a preview that says what each row would do (new, matched, refused and
why, naming the cell), nothing stored until the person confirms, then all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from pzss.core.models import AuditEntry, Institution
from pzss.documents.models import Job
from research import mapping_services, mapping_xlsx
from research.mapping_xlsx import MappingFileError
from research.models import LocalService
from tests.research.mapping_builders import (
    header,
    make_mapping,
    make_service,
    row,
    upload,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """Messages in the source language, in the services as on the pages."""
    with translation.override("en"):
        yield


def _preview(mapping, rows, **kwargs):
    return mapping_services.mapping_import_preview(
        mapping=mapping, content=workbook(rows, **kwargs)
    )


# --- the preview --------------------------------------------------------------------------


def test_the_preview_tells_new_matched_and_refused_rows_apart():
    mapping = make_mapping()
    existing = make_service(mapping)  # Сента, home care, "Помоћ у кући за старије"
    rows = _preview(
        mapping,
        [
            row(),  # the service already in the mapping
            row(kind="Day care", name="Дневни боравак"),
            row(municipality="Атлантида", name="Свратиште"),
        ],
    )
    assert [r.outcome for r in rows] == ["matched", "valid", "refused"]
    assert rows[0].service_id == existing.pk
    assert rows[2].reasons == [
        "row 4, column A (Municipality): no municipality „Атлантида“ in Vojvodina"
    ]


def test_the_preview_stores_nothing():
    mapping = make_mapping()
    make_service(mapping)
    _preview(mapping, [row(users=99), row(kind="Day care", name="Дневни боравак")])
    assert LocalService.objects.count() == 1
    assert LocalService.objects.get().users == 40


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"users": "четрдесет"}, "row 2, column F (Number of users): not a whole number"),
        ({"capacity": 12.5}, "row 2, column G (Capacity): not a whole number"),
        ({"users": -3}, "row 2, column F (Number of users): must not be negative"),
        ({"funding": "много"}, "row 2, column I (Funding (RSD)): not an amount"),
        ({"funding": 10.555}, "row 2, column I (Funding (RSD)): at most two decimal places"),
        (
            {"kind": "Бања"},
            "row 2, column B (Kind of service): „Бања“ is not one of the allowed values",
        ),
        ({"is_licensed": "можда"}, "row 2, column K (Licensed (yes/no)): write yes or no"),
        ({"name": ""}, "row 2, column C (Name of the service): the cell is empty"),
        (
            {"is_innovative": "yes", "innovation": ""},
            "row 2, column Q (Description of the innovative programme): "
            "describe the innovative programme",
        ),
    ],
)
def test_a_bad_cell_refuses_its_row_and_names_the_cell(changes, reason):
    rows = _preview(make_mapping(), [row(**changes)])
    assert rows[0].outcome == "refused"
    assert reason in rows[0].reasons


def test_a_formula_is_refused_and_its_cell_named():
    wb = Workbook()
    ws = wb.active
    ws.title = str(mapping_xlsx.SHEET_TITLE)
    ws.append(header())
    ws.append(row(users="=10+30"))
    out = io.BytesIO()
    wb.save(out)
    rows = mapping_services.mapping_import_preview(mapping=make_mapping(), content=out.getvalue())
    assert rows[0].outcome == "refused"
    assert rows[0].reasons == [
        "row 2, column F (Number of users): a formula; write the value itself"
    ]


def test_the_same_service_twice_in_the_file_refuses_the_second():
    rows = _preview(make_mapping(), [row(), row(users=50)])
    assert [r.outcome for r in rows] == ["valid", "refused"]
    assert rows[1].reasons == ["row 3: the same service is in row 2"]


def test_values_are_read_in_any_language_and_script():
    rows = _preview(
        make_mapping(),
        [
            row(municipality="senta", kind="home_care", provider_kind="public", span="project"),
            row(municipality="СЕНТА", name="Друга", is_licensed=True, funding="1500,50"),
        ],
    )
    assert [r.outcome for r in rows] == ["valid", "valid"], [r.reasons for r in rows]


def test_a_long_name_is_refused_by_the_models_own_rule():
    rows = _preview(make_mapping(), [row(name="у" * 300)])
    assert rows[0].outcome == "refused"
    assert rows[0].reasons[0].startswith("row 2, column C (Name of the service):")


# --- files that are not the template -------------------------------------------------------


def test_a_workbook_without_the_templates_sheet_is_refused():
    with pytest.raises(MappingFileError, match="no sheet „Services“"):
        _preview(make_mapping(), [row()], sheet_title="Sheet1")


def test_moved_columns_are_refused_naming_the_column():
    moved = header()
    moved[5], moved[6] = moved[6], moved[5]
    expected = "Column F must be „Number of users“, it is „Capacity“"
    with pytest.raises(MappingFileError, match=expected):
        _preview(make_mapping(), [row()], header_row=moved)


def test_a_cell_right_of_the_template_is_refused():
    with pytest.raises(MappingFileError, match="Cell R2 is outside the template's columns"):
        _preview(make_mapping(), [[*row(), "вишак"]])


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(MappingFileError, match="cannot be read"):
        mapping_services.mapping_import_preview(mapping=make_mapping(), content=b"PK\x03\x04junk")


def test_a_sheet_with_only_its_header_is_refused():
    with pytest.raises(MappingFileError, match="no rows under its header"):
        _preview(make_mapping(), [])


# --- the commit ---------------------------------------------------------------------------


def _as_dicts(rows):
    return [r.as_dict() for r in rows]


def test_the_commit_creates_the_new_and_updates_the_matched(staff_user):
    mapping = make_mapping()
    existing = make_service(mapping)
    csw = Institution.objects.get(name="ЦСР Сента")
    rows = _preview(
        mapping,
        [
            row(users=52, funding=3000000),
            row(kind="Day care", name="Дневни боравак", provider="ЦСР Сента"),
            row(municipality="Атлантида"),
        ],
    )
    counts = mapping_services.mapping_import_commit(
        user=staff_user, mapping=mapping, rows=_as_dicts(rows)
    )
    assert counts == {"valid": 1, "matched": 1, "refused": 1}
    existing.refresh_from_db()
    assert existing.users == 52 and existing.funding == Decimal("3000000.00")
    day_care = LocalService.objects.get(kind="day_care")
    assert day_care.provider == csw and day_care.cooperates_health
    assert AuditEntry.objects.filter(action="service_mapping_import").count() == 1


def test_the_commit_stores_nothing_when_a_row_changed_since_the_preview(staff_user):
    mapping = make_mapping()
    rows = _preview(mapping, [row(kind="Day care", name="Дневни боравак"), row()])
    # Meanwhile someone typed in the second row's service: it would now be an update.
    make_service(mapping)
    with pytest.raises(ValidationError, match="Row 3 would now be imported differently"):
        mapping_services.mapping_import_commit(
            user=staff_user, mapping=mapping, rows=_as_dicts(rows)
        )
    assert list(LocalService.objects.values_list("kind", flat=True)) == ["home_care"]


# --- through the pages and the background jobs ---------------------------------------------


def test_upload_preview_and_confirm_through_the_pages(staff_client, run_jobs):
    mapping = make_mapping()
    url = reverse("research:mapping_import", args=[mapping.pk])
    page = staff_client.get(url)
    assert page.status_code == 200 and b'name="file"' in page.content
    content = workbook([row(), row(kind="Day care", name="Дневни боравак"), row(users="x")])
    response = run_jobs(staff_client.post, url, {"file": upload(content)})
    preview = Job.objects.get(kind="service_mapping_import_preview")
    assert response.url == preview.get_absolute_url()
    shown = staff_client.get(preview.get_absolute_url()).content.decode()
    assert "row 4, column F (Number of users): not a whole number" in shown
    assert "Import 2 valid rows" in shown
    assert not LocalService.objects.exists()  # nothing until confirmed
    run_jobs(staff_client.post, url, {"confirm": "1", "job": preview.pk})
    assert LocalService.objects.filter(mapping=mapping).count() == 2
    # Confirmed twice, it is the same import.
    run_jobs(staff_client.post, url, {"confirm": "1", "job": preview.pk})
    assert Job.objects.filter(kind="service_mapping_import").count() == 1
    assert LocalService.objects.filter(mapping=mapping).count() == 2


def test_a_wrong_file_fails_its_preview_with_the_reason(staff_client, run_jobs):
    mapping = make_mapping()
    url = reverse("research:mapping_import", args=[mapping.pk])
    run_jobs(staff_client.post, url, {"file": upload(workbook([row()], sheet_title="Лист1"))})
    preview = Job.objects.get(kind="service_mapping_import_preview")
    assert preview.status == "failed" and "no sheet" in preview.error
    assert not LocalService.objects.exists()


def test_a_file_that_is_no_xlsx_is_refused_at_the_upload(staff_client):
    mapping = make_mapping()
    url = reverse("research:mapping_import", args=[mapping.pk])
    response = staff_client.post(url, {"file": upload(b"name;users\n", name="list.csv")})
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_another_persons_preview_cannot_be_confirmed(staff_client, run_jobs, director_user):
    mapping = make_mapping()
    url = reverse("research:mapping_import", args=[mapping.pk])
    run_jobs(staff_client.post, url, {"file": upload(workbook([row()]))})
    preview = Job.objects.get(kind="service_mapping_import_preview")
    staff_client.force_login(director_user)
    run_jobs(staff_client.post, url, {"confirm": "1", "job": preview.pk})
    assert not LocalService.objects.exists()


def test_the_template_downloads_and_reads_back_as_the_template(staff_client):
    mapping = make_mapping()
    expected, sheet_title = header(), str(mapping_xlsx.SHEET_TITLE)
    response = staff_client.get(reverse("research:mapping_template", args=[mapping.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb[sheet_title]
    assert [c.value for c in sheet[1]] == expected
    # Filled in, the downloaded template is what the import reads.
    sheet.append(row())
    out = io.BytesIO()
    wb.save(out)
    rows = mapping_services.mapping_import_preview(mapping=mapping, content=out.getvalue())
    assert [r.outcome for r in rows] == ["valid"]
