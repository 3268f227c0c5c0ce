"""Concurrent writes to the student practice, for real on PostgreSQL (threads, each
with its own connection): the row locks of training.practice_services keep the
agreement's places and the student's hours within their limits."""

import datetime as dt
from decimal import Decimal

import pytest

from pzss.core.models import Activity, ActivityKind
from tests.concurrency import at_once
from tests.training.practice_builders import log_hours, make_agreement, make_student
from training.models import HoursEntry, PracticeStudent
from training.practice_services import hours_add, hours_confirm


@pytest.mark.django_db(transaction=True)
def test_two_students_for_the_last_place_at_once_one_is_refused(on_postgres, staff_user):
    agreement = make_agreement(staff_user, max_students=3)
    for n in range(2):
        make_student(staff_user, agreement, n)
    errors = at_once(*(lambda n=n: make_student(staff_user, agreement, 10 + n) for n in (1, 2)))
    assert len(errors) == 1 and "allows 3 students" in str(errors[0])
    assert PracticeStudent.objects.filter(agreement=agreement).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_entries_at_once_do_not_pass_the_agreements_hours(on_postgres, staff_user):
    agreement = make_agreement(staff_user)
    student = make_student(staff_user, agreement, 1)
    log_hours(staff_user, student, 84)
    errors = at_once(
        *(
            lambda d=d: hours_add(
                user=staff_user,
                student=student,
                date=dt.date(agreement.year, 9, d),
                hours=Decimal(4),
                description="Рад",
            )
            for d in (1, 2)
        )
    )
    assert len(errors) == 1 and "2 remain" in str(errors[0])
    total = sum(e.hours for e in HoursEntry.objects.filter(student=student))
    assert total == Decimal(88)


@pytest.mark.django_db(transaction=True)
def test_two_entries_of_one_day_at_once_do_not_pass_eight_hours(on_postgres, staff_user):
    agreement = make_agreement(staff_user)
    student = make_student(staff_user, agreement, 1)
    day = dt.date(agreement.year, 9, 1)
    errors = at_once(
        *(
            lambda: hours_add(
                user=staff_user, student=student, date=day, hours=Decimal(5), description="Рад"
            )
            for _ in range(2)
        )
    )
    assert len(errors) == 1
    assert HoursEntry.objects.filter(student=student, date=day).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_completions_at_once_make_one_activity(on_postgres, staff_user):
    agreement = make_agreement(staff_user)
    last_entries = []
    for n in range(2):
        student = make_student(staff_user, agreement, n)
        entries = log_hours(staff_user, student, 90)
        for entry in entries[:-1]:
            hours_confirm(user=staff_user, entry=entry)
        last_entries.append(entries[-1])
    errors = at_once(*(lambda e=e: hours_confirm(user=staff_user, entry=e) for e in last_entries))
    assert errors == []
    activity = Activity.objects.get(kind=ActivityKind.STUDENT_PRACTICE)
    assert activity.registrations.count() == 2
