"""What the public may see: only activities marked public, never cancelled or draft data,
and never anyone's personal data."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from pzss.core.models import Activity, ActivityStatus, Institution
from pzss.core.registration_selectors import with_seats_taken
from pzss.core.translit import to_cyrillic, to_latin


def public_upcoming_activities(
    *, area: int | None = None, kind: str | None = None
) -> QuerySet[Activity]:
    today = timezone.localdate()
    qs = (
        Activity.objects.filter(
            is_public=True,
            status__in=[ActivityStatus.PLANNED, ActivityStatus.SCHEDULED],
            start_date__gte=today,
        )
        .select_related("municipality", "signup")
        .order_by("start_date", "start_time", "id")
    )
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(kind=kind)
    return with_seats_taken(qs)


def public_event(pk: int) -> Activity:
    """An event page: any public activity, upcoming or past (a past one says so)."""
    return with_seats_taken(
        Activity.objects.filter(is_public=True)
        .select_related("municipality", "signup")
        .prefetch_related("questions")
    ).get(pk=pk)


def public_event_for_signup(pk: int) -> Activity:
    """What a sign-up POST needs of its event (the sign-up options and questions), without
    the seat count that only the page shows."""
    return (
        Activity.objects.filter(is_public=True)
        .select_related("municipality", "signup")
        .prefetch_related("questions")
        .get(pk=pk)
    )


def institution_search(q: str, limit: int = 30) -> QuerySet[Institution]:
    qs = Institution.objects.filter(is_active=True).order_by("name")
    q = (q or "").strip()
    if not q:
        return qs
    cond = Q()
    for term in {q, to_latin(q), to_cyrillic(q)}:
        cond |= Q(name__icontains=term) | Q(short_name__icontains=term)
    return qs.filter(cond)[:limit]
