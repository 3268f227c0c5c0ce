"""Reads of the expert-support pages: the standing groups of supervisors and lawyers."""

from django.db.models import Count, Prefetch, QuerySet

from pzss.core.models import Institution, Person, StandingGroup
from pzss.lib.roles import is_staff_member


def standing_groups(*, user) -> QuerySet[StandingGroup]:
    if not is_staff_member(user):
        return StandingGroup.objects.none()
    return StandingGroup.objects.annotate(
        institution_count=Count("institutions", distinct=True),
        member_count=Count("members", distinct=True),
    ).prefetch_related(
        Prefetch(
            "institutions",
            queryset=Institution.objects.select_related("municipality").order_by("name"),
        )
    )


def standing_group(*, user, pk: int) -> StandingGroup:
    if not is_staff_member(user):
        raise StandingGroup.DoesNotExist
    return StandingGroup.objects.prefetch_related(
        Prefetch("institutions", queryset=Institution.objects.order_by("name")),
        Prefetch("members", queryset=Person.objects.select_related("institution")),
    ).get(pk=pk)
