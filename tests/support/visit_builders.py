"""Builders for the working visits' tests: a centre, a home for adults, a planned visit
and a frame of case files."""

import datetime as dt

from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from support import visit_services as services

VALID_JMBG = "0101990710008"


def make_institution(name: str, kind: str = InstitutionKind.CSW) -> Institution:
    return Institution.objects.create(name=name, kind=kind)


def make_visit(user, institution=None, *, day: dt.date | None = None):
    return services.visit_plan(
        user=user,
        institution=institution or make_institution("Центар за социјални рад Тест"),
        start_date=day or timezone.localdate() + dt.timedelta(days=10),
        lead=user,
        reason="Редован надзор.",
        questions="Процена у року?\nПлан услуга?",
    )


def frame_files(n: int = 40, *, year: int = 2021) -> list[dict]:
    """`n` files 551-1/2021 …: ages 0–17 in turn, every third in residential care."""
    return [
        {
            "number": f"551-{i}/{year}",
            "age": (i * 7) % 18,
            "care": "residential" if i % 3 == 0 else "family",
        }
        for i in range(1, n + 1)
    ]
