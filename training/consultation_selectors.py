"""Reads of the consultations log for staff: the filtered, paged list, the counts per
subject and per month of the filtered year, and one consultation to edit."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.http import QueryDict

from pzss.core.forms import staff_users
from pzss.lib.roles import is_staff_member
from training.models import Consultation, ConsultationSubject

PAGE_SIZE = 25


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


@dataclass(frozen=True)
class ConsultationFilters:
    """The list's filters, read from the query string; a value that is not one of the
    choices is ignored, so a mistyped address still shows a list."""

    year: int | None = None
    subject: str | None = None
    adviser: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "ConsultationFilters":
        subject = query.get("subject")
        return cls(
            year=_int_or_none(query.get("year")),
            subject=subject if subject in ConsultationSubject.values else None,
            adviser=_int_or_none(query.get("adviser")),
        )

    @property
    def any(self) -> bool:
        return bool(self.year or self.subject or self.adviser)

    def apply(self, qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
        if self.year:
            qs = qs.filter(date__year=self.year)
        if self.subject:
            qs = qs.filter(subject=self.subject)
        if self.adviser:
            qs = qs.filter(adviser_id=self.adviser)
        return qs


def consultations_page(*, user, filters: ConsultationFilters, number) -> Page:
    """Newest first, the adviser and institution joined."""
    _require_staff(user)
    qs = filters.apply(
        Consultation.objects.select_related("adviser", "institution", "person")
    ).order_by("-date", "-id")
    return Paginator(qs, PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class ConsultationCounts:
    """The filtered consultations of a year: a row per subject, a column per month."""

    months: list[int]
    rows: list[tuple[str, list[int], int]]  # (subject label, count per month, total)
    month_totals: list[int]
    total: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def consultation_counts(*, user, filters: ConsultationFilters, year: int) -> ConsultationCounts:
    """Counts per subject and month (one grouped query) of `year`, with the other
    filters applied."""
    _require_staff(user)
    qs = ConsultationFilters(year=year, subject=filters.subject, adviser=filters.adviser).apply(
        Consultation.objects.all()
    )
    grouped = (
        qs.annotate(m=ExtractMonth("date"))
        .values("subject", "m")
        .annotate(n=Count("id"), minutes=Sum("minutes"))
        .order_by()
    )
    cells: dict[tuple[str, int], int] = {}
    minutes = 0
    for row in grouped:
        cells[(row["subject"], row["m"])] = row["n"]
        minutes += row["minutes"] or 0
    months = list(range(1, 13))
    rows = []
    for value, label in ConsultationSubject.choices:
        counts = [cells.get((value, m), 0) for m in months]
        rows.append((label, counts, sum(counts)))
    month_totals = [sum(r[1][i] for r in rows) for i in range(12)]
    return ConsultationCounts(
        months=months,
        rows=rows,
        month_totals=month_totals,
        total=sum(month_totals),
        minutes=minutes,
    )


def consultation_years(*, user) -> list[int]:
    _require_staff(user)
    return sorted(
        {d.year for d in Consultation.objects.dates("date", "year")},
        reverse=True,
    )


def advisers(*, user) -> QuerySet:
    _require_staff(user)
    return staff_users()


def consultation_for_staff(*, user, pk: int) -> Consultation:
    _require_staff(user)
    return Consultation.objects.select_related("adviser", "institution", "person").get(pk=pk)
