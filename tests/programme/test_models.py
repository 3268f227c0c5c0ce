import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from programme.models import Programme, Revision, RevisionStatus, Target, Transition
from programme.wording import plural_form, quantity_text, time_frame_text
from pzss.core.models import ActivityKind
from tests.programme.builders import first_goal, make_revision

pytestmark = pytest.mark.django_db

notes_migration = importlib.import_module("programme.migrations.0005_transition_note")


def test_one_programme_per_year_is_enforced_by_the_database():
    Programme.objects.create(year=2031)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(year=2031)


def test_second_programme_for_a_year_has_a_clear_message():
    Programme.objects.create(year=2031)
    with pytest.raises(ValidationError) as exc:
        Programme(year=2031).full_clean()
    assert "already a work programme for this year" in str(exc.value)


def test_only_one_open_revision_per_programme():
    revision = make_revision(status=RevisionStatus.DRAFT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(programme=revision.programme, number=2, title="x")


def test_adopted_revision_must_carry_the_board_decision():
    revision = make_revision(status=RevisionStatus.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(status=RevisionStatus.ADOPTED)


def test_a_revision_adopted_as_signed_carries_no_decision_number():
    revision = make_revision(status=RevisionStatus.APPROVED)
    Revision.objects.filter(pk=revision.pk).update(
        status=RevisionStatus.ADOPTED, adopted_as_signed=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(board_decision_number="1/2020")


def test_target_quantity_needs_a_unit_and_qualitative_target_has_neither():
    goal = first_goal(make_revision())
    with pytest.raises(ValidationError):
        Target(goal=goal, description="x", kind=ActivityKind.REPORT, quantity=3).full_clean()
    with pytest.raises(ValidationError):
        Target(
            goal=goal, description="x", kind=ActivityKind.REPORT, start_month=9, end_month=3
        ).full_clean()
    Target(goal=goal, description="Учешће", kind=ActivityKind.WORKING_GROUP).full_clean()


def test_a_minimum_or_maximum_needs_a_quantity():
    goal = first_goal(make_revision())
    with pytest.raises(ValidationError):
        Target(goal=goal, description="x", kind=ActivityKind.REPORT, bound="at_least").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(goal=goal, description="x", kind="report", bound="at_most")


def test_serbian_plural_forms_of_planned_quantities():
    assert [plural_form(n) for n in (1, 2, 4, 5, 11, 12, 21, 22, 25)] == [0, 1, 1, 2, 2, 2, 0, 1, 2]
    assert quantity_text(9, "visits") == "9 посета"
    assert quantity_text(4, "groups") == "4 групе"
    assert quantity_text(90, "hours") == "90 сати"
    assert quantity_text(10, "students") == "10 студената"
    assert quantity_text(None, "") == ""


def test_time_frames_read_as_quarters_or_months():
    assert time_frame_text(1, 12) == "I–IV квартал"
    assert time_frame_text(10, 12) == "IV квартал"
    assert time_frame_text(3, 5) == "март–мај"
    assert time_frame_text(6, 6) == "јун"


@pytest.mark.parametrize(
    ("stored", "note", "number"),
    [
        ("Увезено из текста програма.", "imported", None),
        ("Imported from the programme's text.", "imported", None),
        ("Преузето из програма за 2020. годину.", "copied", 2020),
        ("Copied from 2020.", "copied", 2020),
        ("Измена и допуна ревизије 1.", "amended", 1),
        ("Izmena i dopuna revizije 1.", "amended", 1),
        ("Замењен ревизијом 2.", "replaced", 2),
        ("Replaced by revision 2.", "replaced", 2),
    ],
)
def test_notes_stored_as_text_before_become_notes_in_the_readers_language(stored, note, number):
    revision = make_revision(year=2030)
    transition = Transition.objects.create(
        revision=revision, action="create", to_status="draft", comment=stored
    )
    person = Transition.objects.create(
        revision=revision, action="return", to_status="draft", comment="Допунити циљ 2."
    )

    notes_migration.notes_from_stored_text(apps, None)

    transition.refresh_from_db()
    assert (transition.note, transition.note_number, transition.comment) == (note, number, "")
    assert Transition.objects.get(pk=person.pk).comment == "Допунити циљ 2."  # a person's
    with translation.override("en"):
        assert transition.note_text.endswith(".")
        assert "евизиј" not in transition.note_text


def test_a_board_decision_stored_as_text_becomes_the_decision_note(db):
    revision = make_revision(year=2030, status=RevisionStatus.ADOPTED)
    Revision.objects.filter(pk=revision.pk).update(board_decision_number="393/2020")
    transition = Transition.objects.create(
        revision=revision, action="adopt", to_status="adopted", comment="393/2020, 14.12.2020."
    )
    notes_migration.notes_from_stored_text(apps, None)
    transition = Transition.objects.get(pk=transition.pk)
    assert (transition.note, transition.comment) == ("decision", "")
    with translation.override("sr"):
        assert transition.note_text.startswith("Одлука број 393/2020 од ")
