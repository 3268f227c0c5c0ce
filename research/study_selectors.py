"""Reads of the research register: the staff list and page of a study, the public list
and page of published studies (with only their published outputs), and the study an
activity belongs to."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict

from pzss.core.models import Activity, Institution
from pzss.lib.roles import is_staff_member
from research.models import Study, StudyActivity, StudyOutput, StudyStatus

PAGE_SIZE = 25
# Newest programme first; the id makes the order total, so pages never overlap.
STUDY_ORDER = ("-programme_year", "title", "id")
PUBLIC_PAGE_SIZE = 20


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class StudyFilters:
    """The filters of the staff list, read from the query string; a value that is not
    one of the choices is ignored, so a mistyped address still shows a list."""

    status: str | None = None
    year: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "StudyFilters":
        status = query.get("status")
        return cls(
            status=status if status in StudyStatus.values else None,
            year=_int_or_none(query.get("year")),
        )

    def apply(self, qs: QuerySet[Study]) -> QuerySet[Study]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.year:
            qs = qs.filter(programme_year=self.year)
        return qs


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def _ordered_team() -> Prefetch:
    return Prefetch("team", queryset=get_user_model().objects.order_by("last_name", "first_name"))


def _ordered_partners() -> Prefetch:
    return Prefetch("partners", queryset=Institution.objects.order_by("name"))


def studies_page(*, user, filters: StudyFilters, number) -> Page:
    """The staff list, newest programme year first, with the lead (joined) and the
    counts of outputs, published outputs and activities (annotated)."""
    _require_staff(user)
    qs = filters.apply(
        Study.objects.select_related("lead").annotate(
            output_count=Count("outputs", distinct=True),
            published_count=Count(
                "outputs", filter=Q(outputs__published_at__isnull=False), distinct=True
            ),
            activity_count=Count("study_activities", distinct=True),
        )
    ).order_by(*STUDY_ORDER)
    return Paginator(qs, PAGE_SIZE).get_page(number)


def study_years(*, user) -> list[int]:
    _require_staff(user)
    return list(
        Study.objects.order_by("-programme_year")
        .values_list("programme_year", flat=True)
        .distinct()
    )


def study_for_staff(*, user, pk: int) -> Study:
    """A study with its people, all its outputs and its activities."""
    _require_staff(user)
    return (
        Study.objects.select_related("lead")
        .prefetch_related(
            _ordered_team(),
            _ordered_partners(),
            Prefetch(
                "outputs",
                queryset=StudyOutput.objects.select_related("published_document"),
            ),
            Prefetch(
                "study_activities",
                queryset=StudyActivity.objects.select_related("activity", "activity__municipality"),
            ),
        )
        .get(pk=pk)
    )


# The states in which a study still asks work of its people.
OPEN_STATUSES = (StudyStatus.PLANNED, StudyStatus.IN_PROGRESS, StudyStatus.COMPLETED)


def studies_of_member(*, user, limit: int = 5) -> list[Study]:
    """The open studies the user leads or works on, for the dashboard (staff only)."""
    if not is_staff_member(user):
        return []
    qs = (
        Study.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(lead=user) | Q(team=user))
        .distinct()
        .order_by(*STUDY_ORDER)
    )
    return list(qs[:limit])


def output_for_staff(*, user, study_pk: int, pk: int) -> StudyOutput:
    _require_staff(user)
    return StudyOutput.objects.select_related("study").get(study_id=study_pk, pk=pk)


# --- public -------------------------------------------------------------------------------


def _published_outputs() -> Prefetch:
    return Prefetch(
        "outputs",
        queryset=StudyOutput.objects.published().order_by("-date", "-id"),
        to_attr="public_outputs",
    )


def published_studies_page(*, number) -> Page:
    """The public list: published studies, newest year first, each with its published
    outputs and its team's names (the only people it names)."""
    qs = (
        Study.objects.published()
        .select_related("lead")
        .prefetch_related(_ordered_team(), _ordered_partners(), _published_outputs())
        .order_by(*STUDY_ORDER)
    )
    return Paginator(qs, PUBLIC_PAGE_SIZE).get_page(number)


def published_study(*, slug: str) -> Study:
    return (
        Study.objects.published()
        .select_related("lead")
        .prefetch_related(
            _ordered_team(),
            _ordered_partners(),
            _published_outputs(),
            Prefetch(
                "study_activities",
                queryset=StudyActivity.objects.filter(activity__is_public=True).select_related(
                    "activity"
                ),
                to_attr="public_activities",
            ),
        )
        .get(slug=slug)
    )


def published_output(*, slug: str, pk: int) -> StudyOutput:
    """A published output of a published study: anything else does not exist here."""
    return (
        StudyOutput.objects.published()
        .select_related("study")
        .get(pk=pk, study__slug=slug, study__status=StudyStatus.PUBLISHED)
    )


def study_of_activity(*, activity: Activity) -> Study | None:
    link = StudyActivity.objects.select_related("study").filter(activity=activity).first()
    return link.study if link else None
