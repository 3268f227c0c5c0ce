"""Builders for the tests of licence points: certificates as the event sign-up issues
them (copied at issue, with the points earned), trainings held elsewhere with evidence."""

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from pzss.core.models import Activity, ActivityKind, Area, Registration, RegistrationStatus
from pzss.events.models import Certificate
from training.models import ExternalTraining, TrainingProgramme, TrainingSession

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
_numbers = itertools.count(1)


def pdf_upload(name: str = "uverenje.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_programme(owner, **extra) -> TrainingProgramme:
    n = next(_numbers)
    data = {
        "title": f"Програм обуке {n}",
        "slug": f"program-{n}",
        "status": "accredited",
        "accreditation_body": "Републички завод за социјалну заштиту",
        "accreditation_number": f"110-00-{n:05d}/2020",
        "valid_from": dt.date(2019, 1, 1),
        "hours": Decimal("16"),
        "licence_points": Decimal("16"),
        "owner": owner,
        **extra,
    }
    return TrainingProgramme.objects.create(**data)


def make_certificate(
    person,
    *,
    day: dt.date,
    points: str | None = "8",
    hours: str | None = "8",
    title: str | None = None,
    programme: TrainingProgramme | None = None,
    revoked: bool = False,
) -> Certificate:
    """An attended registration and its certificate; with `programme`, the activity is a
    training session of it."""
    n = next(_numbers)
    activity = Activity.objects.create(
        area=Area.TRAINING,
        kind=ActivityKind.ACCREDITED_TRAINING,
        title=title or f"Обука {n}",
        start_date=day,
        place="Нови Сад",
    )
    if programme is not None:
        TrainingSession.objects.create(activity=activity, programme=programme)
    registration = Registration.objects.create(
        activity=activity, person=person, status=RegistrationStatus.ATTENDED, token=f"t-{n}"
    )
    return Certificate.objects.create(
        registration=registration,
        activity=activity,
        number=f"{day.year}-{n:04d}",
        code=f"CODE{n:06d}",
        person_name=person.full_name,
        activity_title=activity.title,
        activity_kind=activity.kind,
        start_date=day,
        hours=Decimal(hours) if hours is not None else None,
        accreditation_number=programme.accreditation_number if programme else "",
        licence_points=Decimal(points) if points is not None else None,
        revoked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if revoked else None,
    )


def make_external(person, user, *, day: dt.date, points: str = "4", **extra) -> ExternalTraining:
    n = next(_numbers)
    training = ExternalTraining(
        person=person,
        title=extra.pop("title", f"Спољна обука {n}"),
        provider=extra.pop("provider", "Удружење"),
        start_date=day,
        hours=Decimal(extra.pop("hours", "6")),
        licence_points=Decimal(points),
        entered_by=user,
        evidence_name="uverenje.pdf",
        evidence_content_type="application/pdf",
        evidence_size=len(PDF),
        **extra,
    )
    training.evidence.save("uverenje.pdf", SimpleUploadedFile("uverenje.pdf", PDF), save=False)
    training.save()
    return training


# A 1×1 PNG.
PNG_HEADER = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)
