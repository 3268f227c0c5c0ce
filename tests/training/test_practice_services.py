"""The student practice's rules, held by `training.practice_services`: the agreement's
places and hours, eight hours a day in half hours, dates within the agreement's year
and not ahead, the mentor's confirmation locking an entry, the certificate only when
every hour is confirmed, and the completed practice counted towards goal II 4."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programme.models import Goal, RevisionStatus, Target
from programme.realisation import target_counts
from pzss.core.models import (
    Activity,
    ActivityKind,
    Area,
    Institution,
    InstitutionKind,
    Person,
    RegistrationStatus,
)
from pzss.documents.models import Document, DocumentStatus
from tests.programme.builders import make_revision
from tests.training.practice_builders import (
    faculty,
    log_hours,
    make_agreement,
    make_student,
    staff,
    year,
)
from training.models import HoursEntry, PracticeAgreement, PracticeStatus, PracticeStudent
from training.practice_documents import render_practice_certificate
from training.practice_services import (
    agreement_create,
    agreement_update,
    hours_add,
    hours_confirm,
    hours_delete,
    practice_certificate_issue,
    practice_student_add,
    practice_student_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(staff_user):
    return make_agreement(staff_user)


@pytest.fixture
def student(staff_user, agreement):
    return make_student(staff_user, agreement)


# --- the agreement ----------------------------------------------------------------------


def test_an_agreement_defaults_to_the_programmes_ten_students_and_ninety_hours(agreement):
    assert agreement.max_students == 10
    assert agreement.hours_per_student == Decimal(90)


def test_an_agreement_is_made_with_a_faculty_only(staff_user):
    centre = Institution.objects.get_or_create(
        name="ЦСР Тест", defaults={"kind": InstitutionKind.CSW}
    )[0]
    with pytest.raises(ValidationError) as exc:
        make_agreement(staff_user, faculty=centre)
    assert "faculty" in exc.value.message_dict


def test_one_agreement_with_a_faculty_a_year(staff_user, agreement):
    with pytest.raises(ValidationError):
        make_agreement(staff_user)


def test_an_agreements_places_cannot_fall_below_its_students(staff_user, agreement):
    for n in range(3):
        make_student(staff_user, agreement, n)
    with pytest.raises(ValidationError) as exc:
        agreement_update(user=staff_user, agreement=agreement, data={"max_students": 2})
    assert "3 students" in exc.value.message_dict["max_students"][0]
    agreement_update(user=staff_user, agreement=agreement, data={"max_students": 3})
    agreement.refresh_from_db()
    assert agreement.max_students == 3


def test_a_plain_user_cannot_make_an_agreement(plain_user):
    with pytest.raises(PermissionDenied):
        agreement_create(
            user=plain_user, data={"faculty": faculty(), "year": year(), "coordinator": plain_user}
        )


# --- students ---------------------------------------------------------------------------


def test_a_student_is_a_person_of_the_faculty(staff_user, agreement, student):
    assert student.person.institution == agreement.faculty
    assert student.status == PracticeStatus.ACTIVE


def test_the_eleventh_student_is_refused_and_nothing_is_stored(staff_user, agreement):
    for n in range(10):
        make_student(staff_user, agreement, n)
    people = Person.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_student(staff_user, agreement, 11)
    assert "allows 10 students" in exc.value.messages[0]
    assert agreement.students.count() == 10
    assert Person.objects.count() == people


def test_a_withdrawn_student_frees_the_place(staff_user, agreement):
    students = [make_student(staff_user, agreement, n) for n in range(10)]
    practice_student_withdraw(user=staff_user, student=students[0], reason="Промена смера")
    make_student(staff_user, agreement, 11)
    assert agreement.students.holding_a_place().count() == 10


def test_a_withdrawal_needs_a_reason(staff_user, student):
    with pytest.raises(ValidationError):
        practice_student_withdraw(user=staff_user, student=student, reason="  ")


def test_a_person_of_another_institution_is_not_taken_as_the_facultys_student(
    staff_user, agreement
):
    centre = Institution.objects.get_or_create(
        name="ЦСР Тест", defaults={"kind": InstitutionKind.CSW}
    )[0]
    Person.objects.create(
        first_name="Ана", last_name="Радница", email="ana@csr.example.rs", institution=centre
    )
    with pytest.raises(ValidationError) as exc:
        practice_student_add(
            user=staff_user,
            agreement=agreement,
            first_name="Ана",
            last_name="Радница",
            email="ana@csr.example.rs",
            mentor=staff_user,
            start_date=dt.date(agreement.year, 3, 1),
        )
    assert "email" in exc.value.message_dict


def test_the_same_student_twice_is_refused(staff_user, agreement, student):
    with pytest.raises(ValidationError):
        make_student(staff_user, agreement, 1)


def test_a_mentor_is_on_staff(staff_user, plain_user, agreement):
    with pytest.raises(ValidationError) as exc:
        make_student(staff_user, agreement, 2, mentor=plain_user)
    assert "mentor" in exc.value.message_dict


def test_the_practice_starts_within_the_agreements_year(staff_user, agreement):
    with pytest.raises(ValidationError) as exc:
        make_student(staff_user, agreement, 2, start=dt.date(agreement.year + 1, 1, 10))
    assert "start_date" in exc.value.message_dict


# --- the hours log ----------------------------------------------------------------------


def _add(user, student, day, hours):
    return hours_add(user=user, student=student, date=day, hours=Decimal(hours), description="Рад")


def test_an_entry_past_the_agreements_hours_is_refused_naming_what_remains(staff_user, student):
    log_hours(staff_user, student, 86)
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, dt.date(student.agreement.year, 6, 1), "6")
    message = exc.value.message_dict["hours"][0]
    assert "90 hours" in message and "86 logged" in message and "4 remain" in message
    assert HoursEntry.objects.filter(student=student).count() == 15
    _add(staff_user, student, dt.date(student.agreement.year, 6, 1), "4")


def test_more_than_eight_hours_a_day_is_refused(staff_user, student):
    day = dt.date(student.agreement.year, 4, 1)
    _add(staff_user, student, day, "6")
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, day, "2.5")
    assert "At most 8 hours a day" in exc.value.message_dict["hours"][0]
    _add(staff_user, student, day, "2")


def test_hours_are_entered_in_half_hours(staff_user, student):
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, dt.date(student.agreement.year, 4, 1), "1.3")
    assert "hours" in exc.value.message_dict


@pytest.mark.parametrize("hours", ["0", "8.5"])
def test_an_entry_is_half_an_hour_to_eight_hours(staff_user, student, hours):
    with pytest.raises(ValidationError):
        _add(staff_user, student, dt.date(student.agreement.year, 4, 1), hours)


def test_a_date_outside_the_agreements_year_is_refused(staff_user, student):
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, dt.date(student.agreement.year + 1, 1, 2), "4")
    assert "outside the agreement's year" in exc.value.message_dict["date"][0]


def test_a_date_in_the_future_is_refused(staff_user, django_user_model):
    this_year = make_agreement(staff_user, year=timezone.localdate().year)
    student = make_student(staff_user, this_year, 5, start=dt.date(this_year.year, 1, 1))
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, timezone.localdate() + dt.timedelta(days=1), "4")
    assert "date" in exc.value.message_dict


def test_a_date_before_the_students_start_is_refused(staff_user, agreement):
    student = make_student(staff_user, agreement, 3, start=dt.date(agreement.year, 5, 1))
    with pytest.raises(ValidationError):
        _add(staff_user, student, dt.date(agreement.year, 4, 30), "4")


# --- the mentor's confirmation ----------------------------------------------------------


def test_only_the_mentor_confirms(staff_user, agreement, django_user_model):
    mentor = staff(django_user_model, "mentor")
    student = make_student(staff_user, agreement, 4, mentor=mentor)
    entry = _add(staff_user, student, dt.date(agreement.year, 3, 2), "4")
    with pytest.raises(PermissionDenied):
        hours_confirm(user=staff_user, entry=entry)
    hours_confirm(user=mentor, entry=entry)
    entry.refresh_from_db()
    assert entry.confirmed_by == mentor and entry.confirmed_at is not None


def test_the_director_may_confirm_for_a_mentor(staff_user, director_user, student):
    entry = _add(staff_user, student, dt.date(student.agreement.year, 3, 2), "4")
    hours_confirm(user=director_user, entry=entry)
    assert HoursEntry.objects.get(pk=entry.pk).is_confirmed


def test_a_confirmed_entry_is_locked(staff_user, student):
    entry = _add(staff_user, student, dt.date(student.agreement.year, 3, 2), "4")
    hours_confirm(user=staff_user, entry=entry)
    with pytest.raises(ValidationError):
        hours_confirm(user=staff_user, entry=entry)
    with pytest.raises(ValidationError):
        hours_delete(user=staff_user, entry=entry)
    assert HoursEntry.objects.filter(pk=entry.pk).exists()


def test_an_unconfirmed_entry_can_be_taken_back(staff_user, student):
    entry = _add(staff_user, student, dt.date(student.agreement.year, 3, 2), "4")
    hours_delete(user=staff_user, entry=entry)
    assert not HoursEntry.objects.filter(pk=entry.pk).exists()


# --- completion, the programme, the certificate -----------------------------------------


def test_ninety_confirmed_hours_complete_the_practice(staff_user, student):
    log_hours(staff_user, student, 84, confirm_by=staff_user)
    assert PracticeStudent.objects.get(pk=student.pk).status == PracticeStatus.ACTIVE
    log_hours_last = _add(staff_user, student, dt.date(student.agreement.year, 7, 1), "6")
    hours_confirm(user=staff_user, entry=log_hours_last)
    student.refresh_from_db()
    assert student.status == PracticeStatus.COMPLETED and student.completed_at


def test_logged_but_unconfirmed_hours_do_not_complete_it(staff_user, student):
    log_hours(staff_user, student, 90)
    student.refresh_from_db()
    assert student.status == PracticeStatus.ACTIVE
    assert not Activity.objects.filter(kind=ActivityKind.STUDENT_PRACTICE).exists()


def test_the_certificate_is_refused_until_every_hour_is_confirmed(staff_user, student):
    log_hours(staff_user, student, 90)
    with pytest.raises(ValidationError) as exc:
        practice_certificate_issue(user=staff_user, student=student)
    assert "all 90 hours" in exc.value.messages[0]
    assert not Document.objects.filter(kind="practice_certificate").exists()


def test_the_certificate_of_a_completed_practice_is_a_pdf_in_serbian(
    staff_user, student, eager_celery, django_capture_on_commit_callbacks
):
    log_hours(staff_user, student, 90, confirm_by=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        document = practice_certificate_issue(user=staff_user, student=student)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    assert document.file.read(4) == b"%PDF"
    student.refresh_from_db()
    assert student.certificate_number == f"СП-{student.agreement.year}-{student.pk:04d}"
    # Asked again, the same document.
    assert practice_certificate_issue(user=staff_user, student=student).pk == document.pk


def test_the_certificate_names_the_student_faculty_period_hours_and_mentor(staff_user, student):
    log_hours(staff_user, student, 90, confirm_by=staff_user)
    practice_certificate_issue(user=staff_user, student=student)
    html = render_practice_certificate(PracticeStudent.objects.get(pk=student.pk), "sr").html
    assert "Потврда о обављеној стручној пракси" in html
    assert student.person.full_name in html
    assert student.agreement.faculty.name in html
    assert f"01.03.{student.agreement.year}." in html
    assert "90 (од 90 предвиђених)" in html
    assert staff_user.get_full_name() in html


@pytest.fixture
def programme():
    """The agreement's year's programme in force, its area II goal 4 with the 2021
    programme's two targets: at most 10 students, 90 hours."""
    revision = make_revision(year=year(), status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.TRAINING)
    goal.number = "4."
    goal.save(update_fields=["number"])
    students, hours = Target.objects.filter(goal=goal).order_by("order")
    Target.objects.filter(pk=students.pk).update(
        kind=ActivityKind.STUDENT_PRACTICE, unit="students", quantity=10, bound="at_most"
    )
    Target.objects.filter(pk=hours.pk).update(
        kind=ActivityKind.STUDENT_PRACTICE, unit="hours", quantity=90
    )
    return Target.objects.filter(goal=goal)


def test_the_completed_practice_is_a_held_area_ii_activity_realising_goal_4(
    staff_user, agreement, programme, django_user_model
):
    mentor = staff(django_user_model, "mentor")
    first = make_student(staff_user, agreement, 1, mentor=mentor)
    second = make_student(staff_user, agreement, 2, mentor=mentor)
    log_hours(staff_user, first, 90, confirm_by=mentor)
    activity = Activity.objects.get(kind=ActivityKind.STUDENT_PRACTICE)
    assert activity.area == Area.TRAINING and activity.status == "held"
    assert activity.hours == Decimal(90)
    assert list(activity.institutions.all()) == [agreement.faculty]
    assert set(activity.responsible.all()) == {staff_user, mentor}
    assert [r.person for r in activity.registrations.all()] == [first.person]
    assert activity.registrations.get().status == RegistrationStatus.ATTENDED
    for target in programme:
        assert list(target.activities.all()) == [activity]
    # The second student to complete joins the same activity.
    log_hours(staff_user, second, 90, confirm_by=mentor)
    assert Activity.objects.filter(kind=ActivityKind.STUDENT_PRACTICE).count() == 1
    assert activity.registrations.count() == 2
    assert "студената: 2" in Activity.objects.get(pk=activity.pk).outcome


def test_the_programmes_realisation_counts_the_students_and_hours(staff_user, agreement, programme):
    for n in range(3):
        log_hours(staff_user, make_student(staff_user, agreement, n), 90, confirm_by=staff_user)
    counts = target_counts(programme)
    students, hours = programme.order_by("order")
    assert counts[students.pk].people == 3
    assert counts[hours.pk].hours == Decimal(90)


def test_an_administrator_may_confirm_for_a_mentor(staff_user, admin_user_, student):
    entry = _add(staff_user, student, dt.date(student.agreement.year, 3, 2), "4")
    hours_confirm(user=admin_user_, entry=entry)
    assert HoursEntry.objects.get(pk=entry.pk).confirmed_by == admin_user_


def test_a_completed_student_gets_no_more_hours(staff_user, student):
    log_hours(staff_user, student, 90, confirm_by=staff_user)
    student.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _add(staff_user, student, dt.date(student.agreement.year, 8, 1), "1")
    assert "not in practice" in exc.value.messages[0]


def test_an_agreement_file_that_is_not_what_its_name_says_is_refused(staff_user):
    with pytest.raises(ValidationError):
        agreement_create(
            user=staff_user,
            data={"faculty": faculty(), "year": year(), "coordinator": staff_user},
            upload=SimpleUploadedFile("sporazum.pdf", b"MZ not a pdf at all"),
        )
    assert not PracticeStudent.objects.exists()
    assert not PracticeAgreement.objects.exists()
