"""Licence points' demo: two trainings held elsewhere, with their evidence, for a person
who also has the institute's certificates (the catalogue's demo issues them), so that
their record and transcript show both kinds. Without any certificate yet, a demo person
of the directory takes them. Made through the services as staff would; running it again
changes nothing (the person who already has the demo's trainings keeps them)."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q

from pzss.core.models import Institution, InstitutionKind, Person
from pzss.lib.roles import STAFF
from training import points_services as services
from training.models import ExternalTraining

DEMO_TRAININGS = [
    {
        "title": "Супервизија у социјалној заштити: основни ниво",
        "provider": "Републички завод за социјалну заштиту",
        "accreditation_number": "110-00-00127/2019-05",
        "start_date": dt.date(2020, 10, 12),
        "end_date": dt.date(2020, 10, 14),
        "hours": Decimal("24"),
        "licence_points": Decimal("24"),
        "note": "Уверење донето лично у Завод.",
    },
    {
        "title": "Рад са породицама у кризи: онлајн обука",
        "provider": "Удружење стручних радника социјалне заштите Србије",
        "accreditation_number": "110-00-00311/2020-05",
        "start_date": dt.date(2021, 3, 18),
        "end_date": None,
        "hours": Decimal("8"),
        "licence_points": Decimal("8"),
        "note": "",
    },
]
DEMO_PERSON = {
    "first_name": "Јована",
    "last_name": "Марковић",
    "email": "jovana.markovic@csr-primer.rs",
    "licence_number": "ЛИЦ-2017-0456",
}


def _evidence(number: int) -> SimpleUploadedFile:
    """A one-page PDF, written by hand: the demo needs no renderer to be quick."""
    text = "Uverenje o zavrsenoj obuci - demonstracioni primerak"
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return SimpleUploadedFile(f"uverenje-{number}.pdf", bytes(out), content_type="application/pdf")


def _staff_user():
    User = get_user_model()
    user = (
        User.objects.filter(is_active=True, groups__name=STAFF).order_by("username").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("username").first()
    )
    if user is None:
        user, _ = User.objects.get_or_create(
            username="savetnica", defaults={"first_name": "Јелена", "last_name": "Петровић"}
        )
        user.groups.add(Group.objects.get_or_create(name=STAFF)[0])
    return user


def _demo_person() -> Person:
    """Who already has the demo's trainings; else the person with the most standing
    certificates that carry points; else the demo's own person of the directory."""
    titles = [t["title"] for t in DEMO_TRAININGS]
    person = Person.objects.filter(external_trainings__title__in=titles).order_by("id").first()
    if person is not None:
        return person
    standing = Q(
        registrations__certificate__isnull=False,
        registrations__certificate__revoked_at__isnull=True,
    )
    person = (
        Person.objects.exclude(email="")
        .annotate(
            points_certificates=Count(
                "registrations__certificate",
                filter=standing & Q(registrations__certificate__licence_points__gt=0),
            ),
            certificates=Count("registrations__certificate", filter=standing),
        )
        .filter(certificates__gt=0)
        .order_by("-points_certificates", "-certificates", "id")
        .first()
    )
    if person is not None:
        return person
    person = Person.objects.with_email(DEMO_PERSON["email"]).first()
    if person is None:
        person = Person.objects.create(
            **DEMO_PERSON,
            institution=Institution.objects.filter(kind=InstitutionKind.CSW)
            .order_by("name")
            .first(),
        )
    return person


@transaction.atomic
def load_points_demo() -> str:
    person = _demo_person()
    user = _staff_user()
    have = set(ExternalTraining.objects.filter(person=person).values_list("title", flat=True))
    added = 0
    for number, data in enumerate(DEMO_TRAININGS, start=1):
        if data["title"] in have:
            continue
        services.external_training_add(
            user=user, person=person, data=data, upload=_evidence(number)
        )
        added += 1
    return f"Licence points: {added} trainings held elsewhere added for {person.full_name}"
