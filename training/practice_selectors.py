"""Reads of the student practice for staff: the year's agreements with their places
taken, an agreement's students with their hours (a mentor's own students first), a
student's hours log and certificate."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from pzss.documents.models import Document
from pzss.lib.roles import is_staff_member
from training.models import HoursEntry, PracticeAgreement, PracticeStatus, PracticeStudent
from training.practice_services import PRACTICE_CERTIFICATE


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def agreement_years(*, user) -> list[int]:
    _require_staff(user)
    return list(
        PracticeAgreement.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


def agreements_of_year(*, user, year: int | None) -> QuerySet[PracticeAgreement]:
    """The year's agreements (every year's when None), with the faculty and coordinator
    joined and the places taken and students completed counted."""
    _require_staff(user)
    qs = PracticeAgreement.objects.select_related("faculty", "coordinator").annotate(
        taken=Count("students", filter=~Q(students__status=PracticeStatus.WITHDRAWN)),
        completed=Count("students", filter=Q(students__status=PracticeStatus.COMPLETED)),
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "faculty__name", "id")


def agreement_for_staff(*, user, pk: int) -> PracticeAgreement:
    _require_staff(user)
    return PracticeAgreement.objects.select_related("faculty", "coordinator", "activity").get(pk=pk)


class StudentRow:
    """A student on the agreement's page, with the widths of its progress bar."""

    def __init__(self, student: PracticeStudent, needed: Decimal):
        self.student = student
        self.confirmed = student.confirmed_hours or Decimal(0)
        self.unconfirmed = student.unconfirmed_hours or Decimal(0)
        self.needed = needed
        self.remaining = max(needed - self.confirmed - self.unconfirmed, Decimal(0))

    def _percent(self, value) -> int:
        return min(100, round(value * 100 / self.needed)) if self.needed else 0

    @property
    def confirmed_percent(self) -> int:
        return self._percent(self.confirmed)

    @property
    def unconfirmed_percent(self) -> int:
        return min(self._percent(self.unconfirmed), 100 - self.confirmed_percent)


def agreement_students(*, user, agreement: PracticeAgreement) -> list[StudentRow]:
    """The agreement's students with their confirmed and unconfirmed hours (summed in
    the database, one query), the reader's own mentees first."""
    _require_staff(user)
    qs = (
        agreement.students.select_related("person", "mentor")
        .with_hours()
        .annotate(
            mine=Case(When(mentor_id=user.pk, then=Value(0)), default=Value(1)),
            withdrawn=Case(
                When(status=PracticeStatus.WITHDRAWN, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("withdrawn", "mine", "person__last_name", "person__first_name", "id")
    )
    return [StudentRow(s, agreement.hours_per_student) for s in qs]


def my_students(*, user) -> list[StudentRow]:
    """The reader's own mentees still in practice, across agreements (the list's top)."""
    _require_staff(user)
    qs = (
        PracticeStudent.objects.filter(mentor=user, status=PracticeStatus.ACTIVE)
        .select_related("person", "agreement__faculty")
        .with_hours()
        .order_by("person__last_name", "person__first_name", "id")
    )
    return [StudentRow(s, s.agreement.hours_per_student) for s in qs]


def student_for_staff(*, user, pk: int) -> PracticeStudent:
    _require_staff(user)
    return (
        PracticeStudent.objects.select_related(
            "person", "mentor", "agreement__faculty", "agreement__coordinator"
        )
        .with_hours()
        .get(pk=pk)
    )


def student_hours(*, user, student: PracticeStudent) -> QuerySet[HoursEntry]:
    _require_staff(user)
    return student.hours.select_related("entered_by", "confirmed_by").order_by("date", "id")


def entry_for_staff(*, user, pk: int) -> HoursEntry:
    _require_staff(user)
    return HoursEntry.objects.select_related("student").get(pk=pk)


def certificate_document(*, user, student: PracticeStudent) -> Document | None:
    """The newest certificate document of the student, if one was issued."""
    _require_staff(user)
    return (
        Document.objects.filter(
            kind=PRACTICE_CERTIFICATE,
            content_type=ContentType.objects.get_for_model(PracticeStudent),
            object_id=student.pk,
        )
        .order_by("-created_at", "-id")
        .first()
    )
