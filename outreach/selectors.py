"""What the public may see: only activities marked public, never cancelled or draft data,
and never anyone's personal data."""

from django.db.models import QuerySet
from django.utils import timezone

from pzss.core.models import Activity, ActivityStatus


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
        .select_related("municipality")
        .order_by("start_date", "start_time", "id")
    )
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(kind=kind)
    return qs
