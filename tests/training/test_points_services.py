"""Trainings held elsewhere: entered by staff with their evidence, checked by its
content; a bad file or a bad date is refused with the field named and nothing stored."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pzss.core.models import AuditEntry
from tests.factories import PersonFactory
from tests.training.points_builders import PNG_HEADER, make_external, pdf_upload
from training import points_services as services
from training.models import ExternalTraining

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Супервизија у социјалној заштити",
    "provider": "Републички завод за социјалну заштиту",
    "accreditation_number": "110-00-127/2019",
    "start_date": dt.date(2020, 10, 12),
    "end_date": dt.date(2020, 10, 14),
    "hours": Decimal("24"),
    "licence_points": Decimal("24"),
    "note": "",
}


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_training_held_elsewhere_is_stored_with_its_evidence_and_audited(staff_user, settings):
    person = PersonFactory()

    training = services.external_training_add(
        user=staff_user, person=person, data=DATA, upload=pdf_upload("Уверење.pdf")
    )

    training.refresh_from_db()
    assert training.entered_by == staff_user
    assert training.evidence_name == "Уверење.pdf"
    assert training.evidence_content_type == "application/pdf"
    assert training.evidence.name.startswith(f"training/evidence/{person.pk}/")
    assert training.evidence.read().startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="external_training_add")
    assert entry.object_id == person.pk and entry.actor == staff_user
    assert entry.changes["licence_points"] == [None, "24"]


def test_a_training_held_elsewhere_needs_its_evidence(staff_user, settings):
    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user, person=PersonFactory(), data=DATA, upload=None
        )
    assert "evidence" in exc.value.message_dict
    assert not ExternalTraining.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(
    staff_user, settings
):
    fake = SimpleUploadedFile("uverenje.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")

    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user, person=PersonFactory(), data=DATA, upload=fake
        )

    assert "not accepted" in exc.value.message_dict["evidence"][0]
    assert not ExternalTraining.objects.exists()
    assert _files(settings) == []


def test_a_file_of_a_kind_the_portal_does_not_take_is_refused(staff_user, settings):
    script = SimpleUploadedFile("uverenje.exe", b"MZ\x90\x00", "application/octet-stream")
    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user, person=PersonFactory(), data=DATA, upload=script
        )
    assert "evidence" in exc.value.message_dict


def test_a_file_over_the_limit_is_refused(staff_user, settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user, person=PersonFactory(), data=DATA, upload=pdf_upload()
        )
    assert "at most" in exc.value.message_dict["evidence"][0]
    assert not ExternalTraining.objects.exists()


def test_a_last_day_before_the_first_is_refused_and_its_file_is_not_kept(staff_user, settings):
    data = {**DATA, "end_date": dt.date(2020, 10, 1)}
    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user, person=PersonFactory(), data=data, upload=pdf_upload()
        )
    assert "end_date" in exc.value.message_dict
    assert not ExternalTraining.objects.exists()
    assert _files(settings) == []


def test_negative_points_are_refused(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.external_training_add(
            user=staff_user,
            person=PersonFactory(),
            data={**DATA, "licence_points": Decimal("-1")},
            upload=pdf_upload(),
        )
    assert "licence_points" in exc.value.message_dict


def test_only_staff_enter_trainings_held_elsewhere(plain_user):
    with pytest.raises(PermissionDenied):
        services.external_training_add(
            user=plain_user, person=PersonFactory(), data=DATA, upload=pdf_upload()
        )


def test_a_correction_with_a_new_file_replaces_the_evidence(
    staff_user, settings, django_capture_on_commit_callbacks
):
    training = make_external(PersonFactory(), staff_user, day=dt.date(2021, 1, 1))
    old = Path(training.evidence.path)
    png = SimpleUploadedFile("scan.png", PNG_HEADER, "image/png")

    with django_capture_on_commit_callbacks(execute=True):
        services.external_training_update(
            user=staff_user,
            training=training,
            data={"licence_points": Decimal("5"), "title": "Исправљен назив"},
            upload=png,
        )

    training.refresh_from_db()
    assert training.licence_points == Decimal("5") and training.title == "Исправљен назив"
    assert training.evidence_name == "scan.png" and training.evidence_content_type == "image/png"
    assert not old.exists()
    assert Path(training.evidence.path).exists()
    entry = AuditEntry.objects.get(action="external_training_update")
    assert set(entry.changes) >= {"licence_points", "title", "evidence_name"}


def test_a_correction_with_a_bad_file_changes_nothing(staff_user, settings):
    training = make_external(PersonFactory(), staff_user, day=dt.date(2021, 1, 1), points="4")
    before = _files(settings)
    with pytest.raises(ValidationError) as exc:
        services.external_training_update(
            user=staff_user,
            training=training,
            data={"licence_points": Decimal("9")},
            upload=SimpleUploadedFile("x.pdf", b"plain text", "application/pdf"),
        )
    assert "evidence" in exc.value.message_dict
    training.refresh_from_db()
    assert training.licence_points == Decimal("4")
    assert _files(settings) == before


def test_removing_a_training_removes_its_evidence(
    staff_user, settings, django_capture_on_commit_callbacks
):
    training = make_external(PersonFactory(), staff_user, day=dt.date(2021, 1, 1))
    path = Path(training.evidence.path)

    with django_capture_on_commit_callbacks(execute=True):
        services.external_training_delete(user=staff_user, training=training)

    assert not ExternalTraining.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.filter(action="external_training_delete").exists()
