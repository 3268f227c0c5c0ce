"""Builders of the catalogue's tests: a programme made through the service, and a
session of it scheduled through the service."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from training import catalogue_services as services
from training.models import AccreditationStatus, PointsRule

_count = iter(range(1, 10_000))


def programme_data(owner, **overrides) -> dict:
    today = timezone.localdate()
    n = next(_count)
    data = {
        "title": f"Помоћ у кући за децу са сметњама у развоју {n}",
        "origin": "own",
        "status": AccreditationStatus.ACCREDITED,
        "accreditation_body": "Републички завод за социјалну заштиту",
        "accreditation_number": f"110-00-{n:05d}/2024-01",
        "valid_from": today - dt.timedelta(days=365),
        "valid_until": today + dt.timedelta(days=3 * 365),
        "authors": "Саветници Завода",
        "trainers": "Ана Тренер",
        "target_group": "Стручни радници центара за социјални рад",
        "days": 2,
        "hours": Decimal("16"),
        "licence_points": Decimal("8"),
        "points_rule": PointsRule.ALL_DAYS,
        "summary": "Обука о помоћи у кући.",
        "outcomes": "Разуме потребе деце\nПланира услугу",
        "owner": owner,
    }
    data.update(overrides)
    return data


def make_programme(owner, *, published=True, **overrides):
    programme = services.programme_create(user=owner, data=programme_data(owner, **overrides))
    if published:
        programme = services.programme_publish(user=owner, programme=programme, published=True)
    return programme


def session_data(programme, *, start=None, days=None, **overrides) -> dict:
    start = start or timezone.localdate() + dt.timedelta(days=14)
    length = programme.days if days is None else days
    data = {
        "kind": services.session_kind_for(programme),
        "title": "",
        "description": "",
        "start_date": start,
        "end_date": start + dt.timedelta(days=length - 1) if length > 1 else None,
        "start_time": dt.time(10, 0),
        "place": "ЦСР Сомбор",
        "online": False,
        "municipality": None,
    }
    data.update(overrides)
    return data


def schedule(programme, user, *, capacity=20, **overrides):
    return services.session_schedule(
        user=user, programme=programme, data=session_data(programme, **overrides), capacity=capacity
    )
