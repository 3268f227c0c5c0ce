"""Reads for the staff pages. Each takes the user and returns only what the user may see,
with its joins done here so no page loops over queries."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pzss.core.models import (
    PARTICIPATING_STATUSES,
    Activity,
    ActivityFile,
    ActivityKind,
    ActivityQuerySet,
    ActivityStatus,
    Area,
    Person,
    Registration,
)
from pzss.lib.roles import is_staff_member
from pzss.lib.search import text_search

# Every count called "participants" counts the same people (Registration's
# `participating()`); in an annotation, as this condition.
PARTICIPATING = Q(registrations__status__in=PARTICIPATING_STATUSES)


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


@dataclass
class ActivityFilters:
    area: int | None = None
    kind: str | None = None
    status: str | None = None
    month: dt.date | None = None  # first day of the month
    institution: int | None = None
    q: str = ""
    order: str = "-date"  # "date" or "-date"

    @classmethod
    def from_query(cls, data) -> "ActivityFilters":
        def as_int(value):
            return int(value) if value and str(value).isdigit() else None

        area = as_int(data.get("area"))
        month = None
        raw_month = (data.get("month") or "").strip()
        if raw_month:
            try:
                month = dt.datetime.strptime(raw_month, "%Y-%m").date()
            except ValueError:
                month = None
        order = data.get("order") or "-date"
        return cls(
            area=area if area in Area.values else None,
            kind=data.get("kind") if data.get("kind") in ActivityKind.values else None,
            status=data.get("status") if data.get("status") in ActivityStatus.values else None,
            month=month,
            institution=as_int(data.get("institution")),
            q=(data.get("q") or "").strip()[:200],
            order=order if order in {"date", "-date"} else "-date",
        )


def _with_participant_counts(activities: list[Activity]) -> list[Activity]:
    """Sets `participant_count` on these activities (a page's rows) with one grouped query.
    Annotating the count on the list itself joined and grouped every matching activity's
    registrations before the LIMIT, and the paginator's COUNT carried the join too."""
    counts = dict(
        Registration.objects.filter(activity_id__in=[a.pk for a in activities])
        .participating()
        .values("activity_id")
        .annotate(n=Count("id"))
        .values_list("activity_id", "n")
    )
    for activity in activities:
        activity.participant_count = counts.get(activity.pk, 0)
    return activities


def activity_list(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    """The filtered activity list with municipality (joined) and responsible staff (one
    prefetch); `activity_page` adds the participants of the rows it shows."""
    _require_staff(user)
    qs = Activity.objects.select_related("municipality")
    if filters.area:
        qs = qs.filter(area=filters.area)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.month:
        qs = qs.filter(start_date__year=filters.month.year, start_date__month=filters.month.month)
    if filters.institution:
        qs = qs.filter(institutions__id=filters.institution)
    if filters.q:
        # Titles are stored in the script they were typed in; readers search in either.
        qs = qs.filter(text_search(["title", "description"], filters.q))
    ordering = ["start_date", "id"] if filters.order == "date" else ["-start_date", "-id"]
    return qs.order_by(*ordering).prefetch_related("responsible")


def activity_page(
    *, user, filters: ActivityFilters, number: str | int | None, per_page: int = 25
) -> Page:
    """One page of the activity list, each row with its number of participants (expected
    or came), counted for that page's rows only."""
    page = Paginator(activity_list(user=user, filters=filters), per_page).get_page(number)
    page.object_list = _with_participant_counts(list(page.object_list))
    return page


def activity_count(*, user, filters: ActivityFilters) -> int:
    """How many activities the list (and its export) has: one COUNT, without the
    export's join of registrations."""
    return activity_list(user=user, filters=filters).order_by().count()


def activity_for_export(*, user, filters: ActivityFilters) -> QuerySet[Activity]:
    # The export writes every row, so counting in the same query is what it needs.
    return (
        activity_list(user=user, filters=filters)
        .annotate(
            participant_count=Count(
                "registrations",
                filter=PARTICIPATING,
                distinct=True,
            )
        )
        .prefetch_related("institutions")
    )


def person_search(*, user, q: str, limit: int = 20) -> QuerySet[Person]:
    """People whose name or e-mail holds `q`, in either script (the participant picker)."""
    _require_staff(user)
    return Person.objects.filter(
        text_search(["last_name", "first_name", "email"], q)
    ).select_related("institution")[:limit]


def activity_for_user(*, user, pk: int) -> Activity:
    """The activity a staff page works on; to anyone else it does not exist."""
    _require_staff(user)
    return Activity.objects.get(pk=pk)


def activity_file_for_user(*, user, pk: int) -> ActivityFile:
    _require_staff(user)
    return ActivityFile.objects.select_related("activity").get(pk=pk)


def activity_detail(*, user, pk: int) -> Activity:
    _require_staff(user)
    return (
        Activity.objects.select_related("municipality", "standing_group", "created_by")
        .prefetch_related(
            "responsible",
            "institutions",
            "files",
            Prefetch(
                "registrations",
                queryset=Registration.objects.select_related("person", "institution").order_by(
                    "person__last_name", "person__first_name"
                ),
            ),
        )
        .get(pk=pk)
    )


@dataclass
class Dashboard:
    upcoming: list[Activity]
    recently_held: list[Activity]
    by_area: list[dict]
    year: int


def dashboard(*, user) -> Dashboard:
    _require_staff(user)
    today = timezone.localdate()
    upcoming = list(
        Activity.objects.upcoming(today)
        .filter(responsible=user)
        .select_related("municipality")
        .order_by("start_date", "start_time")[:10]
    )
    # Who came, counted for the eight rows shown, not for every held activity of ten years.
    recently_held = _with_participant_counts(
        list(
            Activity.objects.filter(status=ActivityStatus.HELD)
            .select_related("municipality")
            .order_by("-start_date", "-id")[:8]
        ),
    )
    counts = {
        row["area"]: row
        for row in Activity.objects.filter(start_date__year=today.year)
        .values("area")
        .annotate(
            held=Count("id", filter=Q(status=ActivityStatus.HELD)),
            planned=Count("id", filter=Q(status__in=ActivityQuerySet.OPEN_STATUSES)),
            cancelled=Count("id", filter=Q(status=ActivityStatus.CANCELLED)),
        )
    }
    by_area = [
        {
            "area": area,
            "label": area.label,
            "roman": area.roman,
            "held": counts.get(area.value, {}).get("held", 0),
            "planned": counts.get(area.value, {}).get("planned", 0),
            "cancelled": counts.get(area.value, {}).get("cancelled", 0),
        }
        for area in Area
    ]
    return Dashboard(
        upcoming=upcoming, recently_held=recently_held, by_area=by_area, year=today.year
    )


def area_overview(*, user, area: int, year: int) -> dict:
    _require_staff(user)
    qs = Activity.objects.filter(area=area, start_date__year=year)
    by_kind = (
        qs.values("kind")
        .annotate(
            total=Count("id", distinct=True),
            held=Count("id", filter=Q(status=ActivityStatus.HELD), distinct=True),
            participants=Count("registrations", filter=PARTICIPATING),
        )
        .order_by("-total")
    )
    labels = dict(ActivityKind.choices)
    return {
        "by_kind": [{**row, "label": labels.get(row["kind"], row["kind"])} for row in by_kind],
        "next": list(qs.upcoming().select_related("municipality").order_by("start_date")[:10]),
    }
