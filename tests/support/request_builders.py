"""Builders for the support-request tests: an institution of a kind, and a request made
through the services (the one write path)."""

from pzss.core.models import Institution
from support import request_services as services

JMBG = "0101990710008"  # a valid ЈМБГ (date and check digit hold)


def institution(name="ЦСР Нови Сад", kind="csw", **extra) -> Institution:
    return Institution.objects.get_or_create(
        name=name, defaults={"kind": kind, "email": "csr@example.rs", **extra}
    )[0]


def public_request(inst=None, **extra):
    data = {
        "institution": inst or institution(),
        "requester_name": "Саветница ЦСР",
        "requester_email": "trazilac@example.rs",
        "subject": "Процена у предмету хранитељства",
        "kind": "case",
        "description": "Молимо стручну подршку у процени.",
        **extra,
    }
    return services.request_submit_public(**data)
