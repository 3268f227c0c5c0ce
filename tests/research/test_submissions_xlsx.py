"""The XLSX template a centre fills in, and its upload: a good file is a draft (source
«xlsx»), every bad one is refused naming its cell, and nothing is stored."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from research.form_services import version_in_use
from research.models import Submission, SubmissionStatus
from research.submission_services import submission_upload_xlsx
from research.submission_xlsx import template_xlsx
from tests.research.builders import make_centre, make_data_set, make_institution_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # The messages are read in the source language (the default is Serbian).
    with translation.override("en"):
        yield


FIGURES = {"total": 10, "women": 6, "men": 4, "children": 3}


@pytest.fixture
def period():
    period = make_data_set().periods.order_by("start").first()
    period.deadline = timezone.localdate() + dt.timedelta(days=7)
    period.save(update_fields=["deadline"])
    return period


@pytest.fixture
def centre():
    return make_centre("ЦСР Шетња")


@pytest.fixture
def user(centre):
    return make_institution_user(centre, "csr-setnja")


def _template(period, centre):
    content = template_xlsx(
        form_version=version_in_use(period.data_set), period=period, institution=centre
    )
    return load_workbook(io.BytesIO(content))


def _row_of(sheet, code: str) -> int:
    return next(c.row for c in sheet["B"] if c.value == code)


def _filled(period, centre, figures=FIGURES, change=None) -> SimpleUploadedFile:
    workbook = _template(period, centre)
    sheet = workbook.active
    for code, value in figures.items():
        sheet[f"C{_row_of(sheet, code)}"] = value
    if change:
        change(workbook, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("aurora.xlsx", out.getvalue())


def _refused(user, period, centre, upload) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        submission_upload_xlsx(user=user, period=period, institution=centre, upload=upload)
    assert not Submission.objects.exists()
    return caught.value.messages


def test_the_template_names_the_institution_period_and_fields(period, centre):
    sheet = _template(period, centre).active
    assert sheet.title == "small"
    assert [c.value for c in sheet[1]] == ["Поље", "Шифра", "Вредност", "Јединица", "Упутство"]
    assert sheet["C2"].value == "ЦСР Шетња" and sheet["C3"].value == period.label
    assert [sheet[f"B{r}"].value for r in range(6, 10)] == ["total", "women", "men", "children"]


def test_a_good_file_is_saved_as_a_draft_from_xlsx(user, period, centre):
    submission = submission_upload_xlsx(
        user=user, period=period, institution=centre, upload=_filled(period, centre)
    )
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.current_version.source == "xlsx"
    assert submission.current_version.values == FIGURES


def test_figures_against_the_rules_are_refused_naming_their_cells(user, period, centre):
    messages = _refused(user, period, centre, _filled(period, centre, {**FIGURES, "children": 11}))
    assert any(m.startswith("cell C9:") and "cannot be more than" in m for m in messages)
    assert any(m.startswith("cell C6:") for m in messages)


def test_text_in_a_number_cell_is_refused_naming_the_cell(user, period, centre):
    messages = _refused(user, period, centre, _filled(period, centre, {**FIGURES, "men": "four"}))
    assert messages == ["cell C8: «Мушкарци» must be a number."]


def test_a_formula_is_refused_naming_the_cell(user, period, centre):
    upload = _filled(period, centre, {**FIGURES, "total": "=C7+C8"})
    assert _refused(user, period, centre, upload) == ["cell C6: a formula; type the figure itself."]


def test_a_wrong_sheet_is_refused(user, period, centre):
    def rename(workbook, sheet):
        sheet.title = "Лист1"

    messages = _refused(user, period, centre, _filled(period, centre, change=rename))
    assert "no sheet «small»" in messages[0]


def test_moved_columns_are_refused_naming_the_header_cell(user, period, centre):
    def move(workbook, sheet):
        sheet.insert_cols(1)

    messages = _refused(user, period, centre, _filled(period, centre, change=move))
    assert messages[0].startswith("cell A1:")


def test_moved_rows_are_refused_naming_the_code_cell(user, period, centre):
    def swap(workbook, sheet):
        sheet["B7"], sheet["B8"] = "men", "women"

    messages = _refused(user, period, centre, _filled(period, centre, change=swap))
    assert messages[0].startswith("cell B7:") and "«women»" in messages[0]


def test_a_file_for_another_institution_or_period_is_refused(user, period, centre):
    other = make_centre("ЦСР Друга")
    messages = _refused(user, period, centre, _filled(period, other))
    assert messages == ["cell C2: the file is for another institution (ЦСР Друга)."]
    later = period.data_set.periods.order_by("start")[1]
    messages = _refused(user, period, centre, _filled(later, centre))
    assert messages[0].startswith("cell C3: the file is for another period")


def test_a_file_larger_than_the_template_is_refused(user, period, centre):
    def grow(workbook, sheet):
        sheet["A500"] = "x"

    messages = _refused(user, period, centre, _filled(period, centre, change=grow))
    assert "rows" in messages[0]


def test_not_an_xlsx_is_refused(user, period, centre):
    upload = SimpleUploadedFile("aurora.xlsx", b"not a spreadsheet")
    assert "not accepted" in _refused(user, period, centre, upload)[0]


def test_an_empty_workbook_is_refused(user, period, centre):
    out = io.BytesIO()
    Workbook().save(out)
    assert (
        "no sheet"
        in _refused(user, period, centre, SimpleUploadedFile("a.xlsx", out.getvalue()))[0]
    )


def test_the_upload_page_shows_the_cells_and_stores_nothing(client, user, period, centre):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    upload = _filled(period, centre, {**FIGURES, "men": "four"})
    response = client.post(reverse("reporting:upload", args=[period.pk]), {"file": upload})
    assert response.status_code == 400
    assert "cell C8:" in response.content.decode()
    assert not Submission.objects.exists()
    response = client.post(
        reverse("reporting:upload", args=[period.pk]), {"file": _filled(period, centre)}
    )
    assert response.status_code == 302
    assert Submission.objects.get().current_version.source == "xlsx"


def test_the_template_download_carries_the_draft(client, user, period, centre):
    submission_upload_xlsx(
        user=user, period=period, institution=centre, upload=_filled(period, centre)
    )
    client.force_login(user)
    response = client.get(reverse("reporting:template", args=[period.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet[f"C{_row_of(sheet, 'women')}"].value == 6
