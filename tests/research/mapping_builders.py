"""Builders for the service mapping's tests: rounds, services and filled-in templates."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from pzss.core.models import Municipality
from research.mapping_xlsx import COLUMNS, SHEET_TITLE
from research.models import LocalService, ServiceMapping


def make_mapping(*, year: int = 2026, published: bool = False, **extra) -> ServiceMapping:
    mapping = ServiceMapping.objects.create(
        year=year,
        title=extra.pop("title", f"Мапирање услуга {year}"),
        status="published" if published else "draft",
        published_at=timezone.now() if published else None,
        **extra,
    )
    return mapping


def municipality(name: str = "Сента") -> Municipality:
    return Municipality.objects.get(name=name)


def make_service(mapping: ServiceMapping, **fields) -> LocalService:
    values = {
        "municipality": municipality(),
        "kind": "home_care",
        "name": "Помоћ у кући за старије",
        "provider_name": "Удружење „Подршка“",
        "provider_kind": "civil",
        "users": 40,
        "capacity": 45,
        "funding": Decimal("2400000"),
        "funding_source": "local",
    }
    values.update(fields)
    return LocalService.objects.create(mapping=mapping, **values)


def make_services(mapping: ServiceMapping, count: int) -> list[LocalService]:
    names = list(Municipality.objects.order_by("name"))
    return [
        make_service(
            mapping,
            municipality=names[i % len(names)],
            name=f"Услуга {i}",
            users=i + 1,
            capacity=i + 2,
        )
        for i in range(count)
    ]


def header() -> list[str]:
    """The template's header row in the active language."""
    return [str(c.header) for c in COLUMNS]


def row(**changes) -> list:
    """A valid row of the template (in English, the tests' language), with changes."""
    values = {
        "municipality": "Сента",
        "kind": "Home care",
        "name": "Помоћ у кући за старије",
        "provider": "Удружење „Подршка“",
        "provider_kind": "Civil society",
        "users": 40,
        "capacity": 45,
        "span": "Continuous",
        "funding": 2400000,
        "funding_source": "Local budget",
        "is_licensed": "yes",
        "cooperates_health": "yes",
        "cooperates_education": "no",
        "cooperates_police": "",
        "cooperates_civil_society": "yes",
        "is_innovative": "no",
        "innovation": "",
    }
    values.update(changes)
    return [values[c.field] for c in COLUMNS]


def workbook(rows: list[list], *, header_row=None, sheet_title=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(sheet_title or SHEET_TITLE)
    ws.append(header_row if header_row is not None else header())
    for values in rows:
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "mapiranje.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
