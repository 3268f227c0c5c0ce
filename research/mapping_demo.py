"""The demo's service mapping: a published 2026 round with the local social services of
all 45 municipalities. The numbers are made up but of the right size — the cities larger,
home care and day care nearly everywhere, shelters and SOS lines in the seats of the
districts — and the same on every run (a seeded random, not the clock)."""

import random
from decimal import Decimal

from django.db import transaction

from pzss.core.models import Institution, InstitutionKind, Municipality
from research import mapping_services
from research.models import (
    FundingSource,
    ProviderKind,
    ProvisionSpan,
    ServiceKind,
    ServiceMapping,
)

YEAR = 2026
TITLE = "Мапирање услуга социјалне заштите у јединицама локалне самоуправе 2026"

# kind: (name, the share of municipalities that have it, users in a town, cost a user, RSD)
SERVICES = {
    ServiceKind.HOME_CARE: ("Помоћ у кући за старије", 0.95, (25, 90), 55_000),
    ServiceKind.DAY_CARE: (
        "Дневни боравак за децу и младе са сметњама у развоју",
        0.7,
        (10, 30),
        160_000,
    ),
    ServiceKind.CHILD_ASSISTANT: ("Лични пратилац детета", 0.8, (5, 35), 210_000),
    ServiceKind.PERSONAL_ASSISTANCE: ("Персонална асистенција", 0.35, (3, 12), 260_000),
    ServiceKind.SUPPORTED_HOUSING: ("Становање уз подршку за младе", 0.2, (2, 6), 420_000),
    ServiceKind.RESPITE: ("Предах смештај за децу са сметњама у развоју", 0.15, (6, 20), 140_000),
    ServiceKind.COUNSELLING: ("Саветовалиште за брак и породицу", 0.4, (20, 120), 12_000),
    ServiceKind.DROP_IN: ("Свратиште за децу улице", 0.08, (8, 25), 90_000),
}
# Only where a district has its seat (and in the larger cities).
CITY_SERVICES = {
    ServiceKind.SHELTER: ("Прихватилиште за жене и децу жртве насиља", (10, 40), 180_000),
    ServiceKind.SOS_LINE: ("СОС телефон за жене са искуством насиља", (60, 300), 4_000),
}
CIVIL_PROVIDERS = (
    "Удружење грађана „Подршка“",
    "Црвени крст",
    "Удружење „Колевка“",
    "Друштво за помоћ особама са инвалидитетом",
    "Удружење „Дуга“",
)
INNOVATIONS = (
    "Сервис за набавку лекова и намирница за старије у селима, уз волонтере.",
    "Вршњачка подршка за младе који излазе из хранитељских породица.",
    "Мобилни тим за кућне посете старијима у забаченим салашима.",
    "Радионице за родитеље деце са сметњама у развоју, у сарадњи са школама.",
)


def _provider(rng: random.Random, municipality: Municipality, csw: dict):
    """Most services by the municipality's ЦСР or a public provider; the rest by civil
    society or a private agency, named as the local government reported them."""
    draw = rng.random()
    if draw < 0.45 and municipality.pk in csw:
        return {"provider": csw[municipality.pk], "provider_kind": ProviderKind.PUBLIC}
    if draw < 0.85:
        name = f"{rng.choice(CIVIL_PROVIDERS)} {municipality.name}"
        return {"provider_name": name, "provider_kind": ProviderKind.CIVIL}
    return {
        "provider_name": f"Агенција за негу „{rng.choice(('Нега плус', 'Рука', 'Сигурна кућа'))}“",
        "provider_kind": ProviderKind.PRIVATE,
    }


def _service(rng, municipality, csw, kind, name, users_range, cost, scale) -> dict:
    users = max(1, round(rng.randint(*users_range) * scale))
    capacity = max(users, round(users * rng.uniform(1.0, 1.3)))
    funding = Decimal(round(users * cost * rng.uniform(0.8, 1.2), -3))
    project = rng.random() < 0.15
    innovative = rng.random() < 0.12
    return {
        "municipality": municipality,
        "kind": kind,
        "name": name,
        **_provider(rng, municipality, csw),
        "users": users,
        "capacity": capacity,
        "span": ProvisionSpan.PROJECT
        if project
        else rng.choice((ProvisionSpan.CONTINUOUS,) * 5 + (ProvisionSpan.OCCASIONAL,)),
        "funding": funding,
        "funding_source": FundingSource.DONORS
        if project
        else rng.choice(
            (FundingSource.LOCAL,) * 4 + (FundingSource.EARMARKED, FundingSource.PROVINCE)
        ),
        "is_licensed": not project and rng.random() < 0.7,
        "cooperates_health": rng.random() < 0.7,
        "cooperates_education": kind in {ServiceKind.DAY_CARE, ServiceKind.CHILD_ASSISTANT}
        or rng.random() < 0.2,
        "cooperates_police": kind in {ServiceKind.SHELTER, ServiceKind.SOS_LINE}
        or rng.random() < 0.1,
        "cooperates_civil_society": rng.random() < 0.5,
        "is_innovative": innovative,
        "innovation": rng.choice(INNOVATIONS) if innovative else "",
    }


@transaction.atomic
def load_mapping_demo() -> str:
    """Once: a second run finds the round and leaves it as it is."""
    if ServiceMapping.objects.filter(year=YEAR).exists():
        return "Demo service mapping: there already."
    mapping = mapping_services.service_mapping_create(user=None, year=YEAR, title=TITLE)
    rng = random.Random(YEAR)
    csw = {
        i.municipality_id: i
        for i in Institution.objects.filter(kind=InstitutionKind.CSW, municipality__isnull=False)
    }
    seats = set(
        Municipality.objects.filter(district__seat__isnull=False).values_list(
            "district__seat", flat=True
        )
    )
    count = 0
    for municipality in Municipality.objects.select_related("district").order_by("name"):
        scale = 1.0
        if municipality.is_city:
            scale = 6.0 if municipality.name == "Нови Сад" else 2.5
        for kind, (name, share, users_range, cost) in SERVICES.items():
            if rng.random() < min(1.0, share * (1.4 if municipality.is_city else 1.0)):
                data = _service(rng, municipality, csw, kind, name, users_range, cost, scale)
                mapping_services.local_service_create(user=None, mapping=mapping, **data)
                count += 1
        if municipality.name in seats or municipality.name == "Нови Сад":
            for kind, (name, users_range, cost) in CITY_SERVICES.items():
                data = _service(rng, municipality, csw, kind, name, users_range, cost, 1.0)
                mapping_services.local_service_create(user=None, mapping=mapping, **data)
                count += 1
    mapping_services.service_mapping_publish(user=None, mapping=mapping)
    return f"Demo service mapping {YEAR}: {count} local services in 45 municipalities."
