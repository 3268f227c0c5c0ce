"""Builders for the student practice's and consultations' tests: a faculty, an
agreement of last year (every date of it in the past, whenever the tests run), a
student with a mentor, and hours."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from training.models import HoursEntry, PracticeAgreement
from training.practice_services import (
    agreement_create,
    hours_add,
    hours_confirm,
    practice_student_add,
)

FACULTY = "Филозофски факултет Универзитета у Новом Саду – студијски програм социјалног рада"


def year() -> int:
    """Last year: a practice all of whose days are past."""
    return timezone.localdate().year - 1


def faculty() -> Institution:
    return Institution.objects.get_or_create(
        name=FACULTY,
        defaults={"short_name": "Филозофски факултет", "kind": InstitutionKind.FACULTY},
    )[0]


def staff(django_user_model, username: str):
    user = django_user_model.objects.create_user(
        username=username, password="pass-1234-word", first_name=username.title(), last_name="М."
    )
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    return user


def make_agreement(user, **overrides) -> PracticeAgreement:
    data = {
        "faculty": faculty(),
        "year": year(),
        "study_programme": "социјални рад, друга година",
        "coordinator": user,
        **overrides,
    }
    return agreement_create(user=user, data=data)


def make_student(user, agreement, n: int = 1, mentor=None, start=None):
    return practice_student_add(
        user=user,
        agreement=agreement,
        first_name=f"Студент{n}",
        last_name="Студентић",
        email=f"student{n}@ff.example.rs",
        mentor=mentor or user,
        start_date=start or dt.date(agreement.year, 3, 1),
    )


def practice_days(agreement, count: int) -> list[dt.date]:
    """`count` distinct days of the agreement's year from March on."""
    first = dt.date(agreement.year, 3, 1)
    return [first + dt.timedelta(days=i) for i in range(count)]


def log_hours(user, student, total: int, *, confirm_by=None) -> list[HoursEntry]:
    """`total` hours in days of 6, each confirmed by `confirm_by` when given."""
    entries = []
    days = practice_days(student.agreement, total // 6 + 1)
    left = Decimal(total)
    for day in days:
        if not left:
            break
        hours = min(Decimal(6), left)
        entry = hours_add(user=user, student=student, date=day, hours=hours, description="Рад")
        if confirm_by is not None:
            hours_confirm(user=confirm_by, entry=entry)
        entries.append(entry)
        left -= hours
    return entries
