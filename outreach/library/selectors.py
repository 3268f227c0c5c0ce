"""Reads of the library: the public list with its facets, a publication and its files for
the reader, and the staff list."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, QuerySet
from django.http import QueryDict

from outreach.models import Publication, PublicationFile, PublicationKind
from pzss.core.models import Area
from pzss.lib.roles import is_staff_member

PER_PAGE = 20
FACETS = ("year", "kind", "area")


def _int_or_none(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10_000 else None


@dataclass(frozen=True)
class LibraryFilters:
    """The facets chosen, read from the query string. A value that is not one of the
    facet's values is ignored, so a bookmarked or mistyped address still shows a list."""

    year: int | None = None
    kind: str | None = None
    area: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "LibraryFilters":
        kind = query.get("kind")
        area = _int_or_none(query.get("area"))
        return cls(
            year=_int_or_none(query.get("year")),
            kind=kind if kind in PublicationKind.values else None,
            area=area if area in Area.values else None,
        )

    def as_lookups(self, *, without: str | None = None) -> dict:
        return {
            name: getattr(self, name)
            for name in FACETS
            if name != without and getattr(self, name) is not None
        }

    @property
    def active(self) -> bool:
        return bool(self.as_lookups())


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool
    href: str = ""  # the list with this value chosen, or no longer chosen


@dataclass
class Library:
    page: Page
    filters: LibraryFilters
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def _files_prefetch() -> Prefetch:
    return Prefetch(
        "files", queryset=PublicationFile.objects.select_related("document").order_by("order")
    )


def public_publications() -> QuerySet[Publication]:
    return Publication.objects.published()


def latest_publications(*, count: int = 3, area: int | None = None) -> list[Publication]:
    """The publications published last (of one area, if given), newest first; one query
    (their pages, not their files, are linked)."""
    qs = public_publications()
    if area is not None:
        qs = qs.filter(area=area)
    newest = F("published_at").desc(nulls_last=True)
    return list(qs.order_by(newest, "-year", "-pk")[:count])


def _toggle_href(filters: LibraryFilters, name: str, value, selected: bool) -> str:
    """The address of the list with `value` chosen (or, if it is, no longer chosen), the
    other facets kept and the page back to the first."""
    params = QueryDict(mutable=True)
    for key, chosen in filters.as_lookups(without=name).items():
        params[key] = str(chosen)
    if not selected:
        params[name] = str(value)
    return "?" + params.urlencode() if params else "?"


def library_page(
    *, filters: LibraryFilters, number: str | None, per_page: int = PER_PAGE
) -> Library:
    """One page of the published publications with the chosen facets, and each facet's
    values with how many publications each would show (counted with the other facets
    applied, so every count is what its link leads to).

    Queries: the page's count and rows, the rows' files, one count per facet (3)."""
    base = public_publications()
    rows = base.filter(**filters.as_lookups()).prefetch_related(_files_prefetch())
    page = Paginator(rows, per_page).get_page(number)
    facets = {}
    labels = {
        "kind": dict(PublicationKind.choices),
        "area": dict(Area.choices),
    }
    for name in FACETS:
        counted = (
            base.filter(**filters.as_lookups(without=name))
            .exclude(**{f"{name}__isnull": True})
            .values(name)
            .annotate(n=Count("pk"))
            .order_by()
        )
        values = [(row[name], row["n"]) for row in counted]
        if name == "year":
            values.sort(key=lambda item: -item[0])
        else:
            order = list(labels[name])
            values.sort(key=lambda item: order.index(item[0]) if item[0] in order else 99)
        chosen = getattr(filters, name)
        facets[name] = [
            FacetValue(
                value=value,
                label=str(labels.get(name, {}).get(value, value)),
                count=count,
                selected=value == chosen,
                href=_toggle_href(filters, name, value, value == chosen),
            )
            for value, count in values
        ]
    return Library(page=page, filters=filters, facets=facets)


def publication_for_user(*, user, slug: str) -> Publication:
    """A published publication for anyone; a draft only for staff (else DoesNotExist)."""
    qs = Publication.objects.select_related("goal__section__revision__programme")
    if not is_staff_member(user):
        qs = qs.published()
    return qs.prefetch_related(_files_prefetch()).get(slug=slug)


def publication_file_for_user(*, user, slug: str, pk: int) -> PublicationFile:
    qs = PublicationFile.objects.select_related("publication", "document")
    if not is_staff_member(user):
        qs = qs.filter(publication__in=Publication.objects.published())
    return qs.get(publication__slug=slug, pk=pk)


# --- staff ---------------------------------------------------------------------------------


def staff_publication_page(*, user, number: str | None, per_page: int = 25) -> Page:
    """Every publication, drafts first, for staff. Queries: count, rows, the rows' files."""
    if not is_staff_member(user):
        return Paginator(Publication.objects.none(), per_page).get_page(1)
    rows = Publication.objects.annotate(file_count=Count("files")).order_by(
        "status", "-year", "-updated_at", "-pk"
    )
    return Paginator(rows, per_page).get_page(number)


def publication_for_staff(*, user, pk: int) -> Publication:
    if not is_staff_member(user):
        raise Publication.DoesNotExist
    return (
        Publication.objects.select_related("goal__section__revision__programme")
        .prefetch_related(_files_prefetch())
        .get(pk=pk)
    )


def goal_choices():
    """The goals a publication can belong to: those of the programmes in force."""
    goal_model = Publication._meta.get_field("goal").related_model
    return (
        goal_model.objects.filter(section__revision__status="published")
        .select_related("section__revision__programme")
        .order_by("-section__revision__programme__year", "section__area", "order")
    )
