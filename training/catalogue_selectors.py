"""Reads of the training catalogue: the public catalogue (published programmes only, the
institute's own accredited ones first) and its upcoming sessions; the staff list and
page of a programme with its sessions' counts; the owner's programmes whose
accreditation ends soon."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from pzss.core.models import SEAT_STATUSES, Activity, RegistrationStatus
from pzss.events.selectors import seats_left, with_seats_taken
from pzss.lib.roles import is_staff_member
from training.catalogue_services import expiry_horizon
from training.models import AccreditationStatus, TrainingProgramme, TrainingSession

PAGE_SIZE = 25
QUERY_MAX = 100


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


@dataclass(frozen=True)
class CatalogueFilters:
    """The catalogue's filters from the query string: the accreditation status (a value
    that is not one is ignored) and words of the target group."""

    status: str | None = None
    target: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "CatalogueFilters":
        status = query.get("status")
        return cls(
            status=status if status in AccreditationStatus.values else None,
            target=(query.get("target") or "").strip()[:QUERY_MAX],
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.target)

    def apply(self, qs: QuerySet[TrainingProgramme]) -> QuerySet[TrainingProgramme]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.target:
            qs = qs.filter(target_group__icontains=self.target)
        return qs


def _upcoming_sessions(today: dt.date) -> QuerySet[Activity]:
    """Public, open activities from today on that are sessions of a published programme,
    with their sign-up and seats taken (one aggregate)."""
    return with_seats_taken(
        Activity.objects.public()
        .upcoming(today)
        .filter(training_session__programme__is_published=True)
        .select_related("signup", "municipality", "training_session__programme")
        .order_by("start_date", "start_time", "id")
    )


def public_catalogue(*, filters: CatalogueFilters) -> list[TrainingProgramme]:
    """The published programmes, own accredited first, each with its upcoming sessions
    (`upcoming`, prefetched in one query)."""
    today = timezone.localdate()
    sessions = TrainingSession.objects.filter(
        activity__in=Activity.objects.public().upcoming(today)
    ).select_related("activity")
    return list(
        filters.apply(TrainingProgramme.objects.published())
        .select_related("provider")
        .prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="upcoming"))
        .catalogue_order()
    )


def _with_seats_left(activities) -> list[Activity]:
    rows = list(activities)
    for activity in rows:
        activity.seats_left = seats_left(activity)  # from the annotated count: no query
    return rows


def public_upcoming_sessions() -> list[Activity]:
    return _with_seats_left(_upcoming_sessions(timezone.localdate()))


def public_programme(*, slug: str) -> TrainingProgramme:
    """A published programme (any other is DoesNotExist: a 404)."""
    return TrainingProgramme.objects.published().select_related("provider").get(slug=slug)


def programme_upcoming_sessions(*, programme: TrainingProgramme) -> list[Activity]:
    return _with_seats_left(
        _upcoming_sessions(timezone.localdate()).filter(training_session__programme=programme)
    )


# --- staff ----------------------------------------------------------------------------------


def programmes_page(*, user, filters: CatalogueFilters, number) -> Page:
    """The staff list: every programme, with its owner (joined) and its number of
    sessions (annotated)."""
    _require_staff(user)
    qs = (
        filters.apply(TrainingProgramme.objects.all())
        .select_related("owner", "provider")
        .annotate(session_count=Count("sessions"))
        .catalogue_order()
    )
    return Paginator(qs, PAGE_SIZE).get_page(number)


def programme_for_staff(*, user, pk: int) -> TrainingProgramme:
    _require_staff(user)
    return TrainingProgramme.objects.select_related("owner", "provider").get(pk=pk)


def programme_sessions(*, user, programme: TrainingProgramme) -> list[TrainingSession]:
    """The programme's sessions, newest first, with their registrations that hold or
    held a seat, their waiting list and their certificates counted (annotated)."""
    _require_staff(user)
    return list(
        TrainingSession.objects.filter(programme=programme)
        .select_related("activity")
        .annotate(
            registered=Count(
                "activity__registrations",
                filter=Q(activity__registrations__status__in=SEAT_STATUSES),
                distinct=True,
            ),
            waiting=Count(
                "activity__registrations",
                filter=Q(activity__registrations__status=RegistrationStatus.WAITLISTED),
                distinct=True,
            ),
            attended=Count(
                "activity__registrations",
                filter=Q(activity__registrations__status=RegistrationStatus.ATTENDED),
                distinct=True,
            ),
            certificates=Count("activity__certificates", distinct=True),
        )
        .order_by("-activity__start_date", "-id")
    )


def expiring_programmes(*, user, today: dt.date | None = None) -> list[TrainingProgramme]:
    """The user's programmes whose accreditation ends within six months, soonest first."""
    if not is_staff_member(user):
        return []
    today = today or timezone.localdate()
    return list(
        TrainingProgramme.objects.expiring(today=today, until=expiry_horizon(today))
        .filter(owner=user)
        .order_by("valid_until", "title")
    )
