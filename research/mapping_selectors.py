"""Reads of the service mapping: the rounds and their services for staff, the summary
tables and the map (the same numbers on the staff and the public pages), and what the
public may see — published rounds only, never a draft."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from pzss.core.models import District, Municipality
from pzss.lib.charts import Chart, municipality_map
from pzss.lib.roles import is_staff_member
from pzss.lib.slugs import slug_base
from pzss.lib.translit import for_language
from research.models import LocalService, ServiceKind, ServiceMapping

# The figures the map can be coloured by: (key, label, the sum it shows).
FIGURES: dict[str, tuple] = {
    "services": (gettext_lazy("Services"), "services"),
    "users": (gettext_lazy("Users"), "users"),
    "capacity": (gettext_lazy("Capacity"), "capacity"),
    "funding": (gettext_lazy("Funding, thousand RSD"), "funding"),
}
DEFAULT_FIGURE = "services"


def _staff_only(user) -> None:
    if not is_staff_member(user):
        raise ServiceMapping.DoesNotExist


def _totals() -> dict:
    return {
        "services": Count("id"),
        "users": Coalesce(Sum("users"), 0),
        "capacity": Coalesce(Sum("capacity"), 0),
        "funding": Coalesce(Sum("funding"), Decimal("0")),
    }


# --- staff --------------------------------------------------------------------------------


def service_mappings(*, user) -> QuerySet[ServiceMapping]:
    """Every round, newest first, with its counts (one query)."""
    _staff_only(user)
    return ServiceMapping.objects.annotate(
        service_count=Count("services"),
        municipality_count=Count("services__municipality", distinct=True),
        user_count=Coalesce(Sum("services__users"), 0),
    ).order_by("-year")


def service_mapping_for_user(*, user, pk: int) -> ServiceMapping:
    _staff_only(user)
    return ServiceMapping.objects.get(pk=pk)


def local_service_for_user(*, user, pk: int) -> LocalService:
    _staff_only(user)
    return LocalService.objects.select_related("mapping", "municipality", "provider").get(pk=pk)


@dataclass(frozen=True)
class ServiceFilters:
    municipality: int | None = None
    kind: str = ""

    @classmethod
    def from_query(cls, query) -> "ServiceFilters":
        try:
            municipality = int(query.get("municipality") or 0) or None
        except ValueError:
            municipality = None
        kind = query.get("kind") or ""
        return cls(municipality=municipality, kind=kind if kind in ServiceKind.values else "")


def mapping_services_page(
    *, user, mapping: ServiceMapping, filters: ServiceFilters, number, per_page: int = 50
) -> Page:
    """A page of the round's services (a count and a page of rows: 2 queries)."""
    _staff_only(user)
    services = LocalService.objects.filter(mapping=mapping).select_related(
        "municipality", "provider"
    )
    if filters.municipality:
        services = services.filter(municipality_id=filters.municipality)
    if filters.kind:
        services = services.filter(kind=filters.kind)
    return Paginator(
        services.order_by("municipality__name", "kind", "name", "pk"), per_page
    ).get_page(number)


# --- the summary, for staff and the public alike ------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    label: str
    services: int
    users: int
    capacity: int
    funding: Decimal
    municipalities: int = 0

    @property
    def funding_thousands(self) -> int:
        """In thousands of RSD, as the tables show it: a column of budget lines to the
        dinar would not fit beside the others on a phone."""
        return int((self.funding / 1000).quantize(Decimal("1")))


@dataclass(frozen=True)
class MappingSummary:
    by_district: list[SummaryRow]
    by_kind: list[SummaryRow]
    total: SummaryRow


def mapping_summary(mapping: ServiceMapping) -> MappingSummary:
    """The round by district and by kind of service, with the totals (3 queries)."""
    services = LocalService.objects.filter(mapping=mapping)
    districts = {
        row["municipality__district"]: row
        for row in services.values("municipality__district").annotate(
            **_totals(), municipalities=Count("municipality", distinct=True)
        )
    }
    by_district = []
    for district in District.objects.order_by("order", "name"):
        row = districts.get(district.pk)
        by_district.append(
            SummaryRow(
                label=_content(_district_label(district.name)),
                services=row["services"] if row else 0,
                users=row["users"] if row else 0,
                capacity=row["capacity"] if row else 0,
                funding=row["funding"] if row else Decimal("0"),
                municipalities=row["municipalities"] if row else 0,
            )
        )
    kinds = {row["kind"]: row for row in services.values("kind").annotate(**_totals())}
    by_kind = [
        SummaryRow(
            label=str(label),
            services=kinds[kind]["services"],
            users=kinds[kind]["users"],
            capacity=kinds[kind]["capacity"],
            funding=kinds[kind]["funding"],
        )
        for kind, label in ServiceKind.choices
        if kind in kinds
    ]
    total = SummaryRow(
        label=_("Total"),
        services=sum(r.services for r in by_district),
        users=sum(r.users for r in by_district),
        capacity=sum(r.capacity for r in by_district),
        funding=sum((r.funding for r in by_district), Decimal("0")),
        municipalities=sum(r.municipalities for r in by_district),
    )
    return MappingSummary(by_district=by_district, by_kind=by_kind, total=total)


def _district_label(name: str) -> str:
    """„Севернобачки управни округ“ as „Севернобачки“: the column says it is a district,
    and the full name would take half a phone's width in every row."""
    return name.removesuffix(" управни округ")


def figure_key(value: str | None) -> str:
    return value if value in FIGURES else DEFAULT_FIGURE


def mapping_map(mapping: ServiceMapping, *, figure: str) -> Chart:
    """The 45 municipalities coloured by one figure of the round (1 query; the SVG is
    drawn once for the same numbers and kept in the cache)."""
    figure = figure_key(figure)
    label, column = FIGURES[figure]
    rows = (
        LocalService.objects.filter(mapping=mapping)
        .values("municipality__name")
        .annotate(**_totals())
    )
    values = {}
    for row in rows:
        value = row[column]
        # Whole thousands: a tile has room for five digits, not for a budget line.
        values[row["municipality__name"]] = int(value / 1000) if figure == "funding" else value
    reached = sum(1 for v in values.values() if v)
    description = _(
        "%(figure)s by municipality: %(reached)s of 45 municipalities have a figure above zero."
    ) % {"figure": label, "reached": reached}
    return municipality_map(
        title=str(label),
        description=description,
        values=values,
        label=_content,
        name_header=_("Municipality"),
        value_header=str(label),
    )


def _content(text: str) -> str:
    return for_language(text, get_language())


# --- the public ---------------------------------------------------------------------------


def published_mappings() -> QuerySet[ServiceMapping]:
    return ServiceMapping.objects.published().order_by("-year")


def public_mapping(*, year: int | None = None) -> ServiceMapping | None:
    """The published round of that year, or the latest published one; never a draft."""
    mappings = published_mappings()
    if year is not None:
        return mappings.filter(year=year).first()
    return mappings.first()


def municipality_slug(municipality: Municipality) -> str:
    return slug_base(municipality.name, fallback=str(municipality.pk), max_length=100)


def municipality_by_slug(slug: str) -> Municipality:
    """The municipality of a public address (its name in Latin letters: `backa-topola`).
    Raises Municipality.DoesNotExist. One query: 45 rows."""
    for municipality in Municipality.objects.select_related("district"):
        if municipality_slug(municipality) == slug:
            return municipality
    raise Municipality.DoesNotExist


@dataclass(frozen=True)
class MunicipalityServices:
    services: list[LocalService]
    users: int
    capacity: int
    funding: Decimal


def public_municipality_services(
    *, mapping: ServiceMapping | None, municipality: Municipality
) -> MunicipalityServices:
    """The municipality's services in a published round, with their totals (1 query)."""
    services = _published_services(mapping, municipality)
    return MunicipalityServices(
        services=services,
        users=sum(s.users for s in services),
        capacity=sum(s.capacity for s in services),
        funding=sum((s.funding for s in services), Decimal("0")),
    )


def _published_services(
    mapping: ServiceMapping | None, municipality: Municipality
) -> list[LocalService]:
    if mapping is None or not mapping.is_published:
        return []
    services = (
        LocalService.objects.published()
        .filter(mapping=mapping, municipality=municipality)
        .select_related("provider")
        .order_by("name", "pk")
    )
    # In the law's order of the kinds (the choices'), not the codes' alphabet.
    order = {kind: index for index, kind in enumerate(ServiceKind.values)}
    return sorted(services, key=lambda s: order[s.kind])


def public_municipalities(mapping: ServiceMapping) -> list[dict]:
    """Every municipality with its number of services in the round, by district, for the
    links to their pages (1 query)."""
    municipalities = (
        Municipality.objects.select_related("district")
        .annotate(service_count=Count("local_services", filter=Q(local_services__mapping=mapping)))
        .order_by("district__order", "district__name", "name")
    )
    return [
        {
            "name": m.name,
            "slug": municipality_slug(m),
            "district": m.district.name,
            "services": m.service_count,
        }
        for m in municipalities
    ]
