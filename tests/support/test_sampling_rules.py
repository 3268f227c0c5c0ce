"""The case-file sample: numbers only, reproducible draws, frame versions, criteria."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from support import visit_selectors as selectors
from support import visit_services as services
from support.models import SampleDraw, SampleFrame
from support.visit_sampling import draw, parse_frame
from tests.support.visit_builders import VALID_JMBG, frame_files, make_visit

pytestmark = pytest.mark.django_db


def test_parse_frame_reads_numbers_ages_and_care():
    files = parse_frame(text="551-12/2021; 7; family\n551-13/2021;3;домски\n\n551-14/2021")
    assert files == [
        {"number": "551-12/2021", "age": 7, "care": "family"},
        {"number": "551-13/2021", "age": 3, "care": "residential"},
        {"number": "551-14/2021", "age": None, "care": ""},
    ]


@pytest.mark.parametrize(
    "line",
    ["Петар Петровић; 7; family", "Marko Jovanović", "Петровић", f"{VALID_JMBG}; 7", "551 12"],
)
def test_names_and_jmbg_in_the_frame_are_refused(line):
    with pytest.raises(ValidationError) as exc:
        parse_frame(text=f"551-1/2021; 4; family\n{line}")
    text = " ".join(exc.value.messages)
    assert "Line 2" in text
    if line.startswith(VALID_JMBG):
        assert "JMBG" in text


def test_a_file_listed_twice_and_a_bad_age_are_refused():
    with pytest.raises(ValidationError, match="twice"):
        parse_frame(text="551-1/2021\n551-1/2021")
    with pytest.raises(ValidationError, match="whole number"):
        parse_frame(text="551-1/2021; seven")


def test_parse_frame_reads_a_csv_upload_with_a_header():
    upload = SimpleUploadedFile("frame.csv", b"number,age,care\n551-1/2021,4,family\n")
    assert parse_frame(upload=upload) == [{"number": "551-1/2021", "age": 4, "care": "family"}]


def test_parse_frame_reads_an_xlsx_column():
    book = Workbook()
    sheet = book.active
    sheet.append(["Број", "Узраст", "Смештај"])
    sheet.append(["551-2/2021", 9, "residential"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("frame.xlsx", buffer.getvalue())
    assert parse_frame(upload=upload) == [{"number": "551-2/2021", "age": 9, "care": "residential"}]


def test_the_draw_is_python_random_sample_over_the_sorted_eligible_list():
    eligible = ["b-2", "a-1", "c-3", "d-4", "e-5"]
    assert draw(eligible=eligible, size=3, seed=42) == random.Random(42).sample(sorted(eligible), 3)
    # The order the frame was typed in does not matter.
    assert draw(eligible=list(reversed(eligible)), size=3, seed=42) == draw(
        eligible=eligible, size=3, seed=42
    )


def test_same_seed_and_frame_give_the_same_files(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=10
    )
    sample = services.sample_draw(user=staff_user, frame=frame, seed=12345)
    assert len(sample.numbers) == 10
    assert sample.numbers == random.Random(12345).sample(frame.eligible_numbers(), 10)
    assert selectors.redraw(sample) == sample.numbers
    view = selectors.draws_of(selectors.frames_of(visit))[0]
    assert view.reproduced and not view.superseded


def test_the_seed_is_drawn_at_draw_time_and_stored(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=None, care="", size=5
    )
    sample = services.sample_draw(user=staff_user, frame=frame)
    assert 0 <= sample.seed < 2**32
    assert SampleDraw.objects.get().seed == sample.seed


def test_criteria_filter_the_eligible_files(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="family", size=3
    )
    expected = sorted(
        f["number"] for f in frame_files() if f["age"] <= 10 and f["care"] == "family"
    )
    assert frame.eligible_numbers() == expected
    sample = services.sample_draw(user=staff_user, frame=frame, seed=7)
    assert set(sample.numbers) <= set(expected)
    assert (sample.max_age, sample.care, sample.size) == (10, "family", 3)


def test_a_file_without_an_age_is_not_eligible_under_an_age_criterion(staff_user):
    visit = make_visit(staff_user)
    files = [
        {"number": "1/2021", "age": None, "care": ""},
        {"number": "2/2021", "age": 4, "care": ""},
    ]
    frame = services.frame_save(
        user=staff_user, visit=visit, files=files, max_age=10, care="", size=1
    )
    assert frame.eligible_numbers() == ["2/2021"]


def test_a_sample_larger_than_the_eligible_frame_is_refused(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(12), max_age=10, care="", size=11
    )
    eligible = len(frame.eligible_numbers())
    assert eligible < 11
    with pytest.raises(ValidationError) as exc:
        services.sample_draw(user=staff_user, frame=frame, seed=1)
    assert f"larger than the {eligible} eligible" in str(exc.value)
    assert not SampleDraw.objects.exists()


def test_a_changed_frame_is_a_new_version_and_a_new_draw_keeps_the_old(staff_user):
    visit = make_visit(staff_user)
    first = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=10
    )
    old = services.sample_draw(user=staff_user, frame=first, seed=99)
    # The same frame again is no new version; drawing it again is refused.
    same = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=10
    )
    assert same.pk == first.pk
    with pytest.raises(ValidationError, match="drawn already"):
        services.sample_draw(user=staff_user, frame=first, seed=100)
    changed = services.frame_save(
        user=staff_user, visit=visit, files=frame_files()[:-1], max_age=10, care="", size=10
    )
    assert changed.version == 2
    new = services.sample_draw(user=staff_user, frame=changed, seed=99)
    assert SampleFrame.objects.filter(visit=visit).count() == 2
    assert SampleDraw.objects.count() == 2
    old.refresh_from_db()
    assert old.numbers  # kept as it was
    views = selectors.draws_of(selectors.frames_of(visit))
    assert [(v.draw.pk, v.superseded) for v in views] == [(new.pk, False), (old.pk, True)]
    assert all(v.reproduced for v in views)


def test_only_the_latest_frame_can_be_drawn(staff_user):
    visit = make_visit(staff_user)
    first = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=5
    )
    services.frame_save(
        user=staff_user, visit=visit, files=frame_files(30), max_age=10, care="", size=5
    )
    with pytest.raises(ValidationError, match="latest"):
        services.sample_draw(user=staff_user, frame=first, seed=1)
