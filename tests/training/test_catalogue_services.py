"""The catalogue's write path: a programme's accreditation rules, publishing, and a
session scheduled as an area II activity with its sign-up, refused whole when it falls
outside the accreditation or does not fit the programme."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, AuditEntry, Institution, RegistrationStatus
from pzss.events.models import EventSignup
from pzss.events.services.participants import registration_add_by_staff
from pzss.events.services.signup import registration_signup
from tests.training.catalogue_builders import make_programme, programme_data, schedule
from training import catalogue_services as services
from training.models import AccreditationStatus, TrainingProgramme, TrainingSession

pytestmark = pytest.mark.django_db


def _errors(exc) -> dict:
    return exc.value.message_dict


@pytest.mark.parametrize("field", ["accreditation_body", "accreditation_number", "valid_from"])
def test_an_accredited_programme_needs_its_body_number_and_start(staff_user, field):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            user=staff_user,
            data=programme_data(staff_user, **{field: None if field == "valid_from" else ""}),
        )
    assert field in _errors(exc)
    assert not TrainingProgramme.objects.exists()


def test_an_accreditation_cannot_end_before_it_begins(staff_user):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            user=staff_user,
            data=programme_data(
                staff_user, valid_from=today, valid_until=today - dt.timedelta(days=1)
            ),
        )
    assert "valid_until" in _errors(exc)


def test_a_programme_in_preparation_needs_no_accreditation(staff_user):
    programme = services.programme_create(
        user=staff_user,
        data=programme_data(
            staff_user,
            status=AccreditationStatus.IN_PREPARATION,
            accreditation_body="",
            accreditation_number="",
            valid_from=None,
            valid_until=None,
        ),
    )
    assert programme.slug
    assert AuditEntry.objects.filter(action="programme_create", object_id=programme.pk).exists()


def test_a_partner_programme_names_its_provider(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            user=staff_user, data=programme_data(staff_user, origin="partner")
        )
    assert "provider" in _errors(exc)
    provider = Institution.objects.order_by("name").first()
    programme = services.programme_create(
        user=staff_user, data=programme_data(staff_user, origin="partner", provider=provider)
    )
    assert programme.provider == provider


def test_only_staff_write_the_catalogue(plain_user, staff_user):
    with pytest.raises(PermissionDenied):
        services.programme_create(user=plain_user, data=programme_data(staff_user))


def test_a_status_change_is_its_own_step_in_the_history(staff_user):
    programme = make_programme(staff_user, published=False)
    services.programme_update(
        user=staff_user,
        programme=programme,
        data={"status": AccreditationStatus.EXPIRED, "trainers": "Нови тренер"},
    )
    accreditation = AuditEntry.objects.get(action="programme_accreditation", object_id=programme.pk)
    assert accreditation.changes["status"] == ["accredited", "expired"]
    update = AuditEntry.objects.get(action="programme_update", object_id=programme.pk)
    assert "trainers" in update.changes


def test_a_change_that_breaks_the_accreditation_rules_stores_nothing(staff_user):
    programme = make_programme(staff_user, published=False)
    with pytest.raises(ValidationError) as exc:
        services.programme_update(
            user=staff_user, programme=programme, data={"accreditation_number": ""}
        )
    assert "accreditation_number" in _errors(exc)
    programme.refresh_from_db()
    assert programme.accreditation_number


def test_publishing_twice_is_refused_and_unpublishing_is_recorded(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError):
        services.programme_publish(user=staff_user, programme=programme, published=True)
    services.programme_publish(user=staff_user, programme=programme, published=False)
    assert not TrainingProgramme.objects.published().filter(pk=programme.pk).exists()
    assert AuditEntry.objects.filter(action="programme_unpublish", object_id=programme.pk).exists()


# --- sessions -----------------------------------------------------------------------------


def test_a_session_of_an_accredited_programme_is_an_accredited_training_with_its_number(
    staff_user,
):
    programme = make_programme(staff_user)
    session = schedule(programme, staff_user, capacity=12)
    activity = session.activity
    assert activity.area == 2
    assert activity.kind == ActivityKind.ACCREDITED_TRAINING
    assert activity.is_public and activity.capacity == 12
    assert activity.title == programme.title
    assert activity.hours == programme.hours
    signup = EventSignup.objects.get(activity=activity)
    assert signup.accreditation_number == programme.accreditation_number
    assert signup.licence_points == programme.licence_points
    assert list(activity.responsible.all()) == [staff_user]


def test_a_session_of_a_programme_not_accredited_is_an_education_without_points(staff_user):
    programme = make_programme(
        staff_user,
        status=AccreditationStatus.SUBMITTED,
        accreditation_number="",
        valid_from=None,
        valid_until=None,
    )
    session = schedule(programme, staff_user)
    assert session.activity.kind == ActivityKind.EDUCATION
    signup = EventSignup.objects.get(activity=session.activity)
    assert signup.accreditation_number == "" and signup.licence_points is None


def _nothing_stored():
    assert not Activity.objects.exists()
    assert not EventSignup.objects.exists()
    assert not TrainingSession.objects.exists()


def test_a_programme_in_preparation_cannot_be_scheduled_as_accredited(staff_user):
    programme = make_programme(
        staff_user,
        status=AccreditationStatus.IN_PREPARATION,
        accreditation_number="",
        valid_from=None,
        valid_until=None,
    )
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, kind=ActivityKind.ACCREDITED_TRAINING)
    assert "kind" in _errors(exc)
    assert "In preparation" in _errors(exc)["kind"][0]
    _nothing_stored()


def test_an_accredited_programme_is_not_scheduled_as_an_education(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, kind=ActivityKind.EDUCATION)
    assert "kind" in _errors(exc)
    _nothing_stored()


def test_a_session_that_begins_after_the_accreditation_ends_is_refused(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, start=programme.valid_until + dt.timedelta(days=1))
    assert "start_date" in _errors(exc)
    assert "outside the programme's accreditation" in _errors(exc)["start_date"][0]
    _nothing_stored()


def test_a_session_whose_last_day_is_past_the_accreditation_is_refused(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, start=programme.valid_until)
    assert "end_date" in _errors(exc)
    _nothing_stored()


def test_a_session_before_the_accreditation_begins_is_refused(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, start=programme.valid_from - dt.timedelta(days=3))
    assert "start_date" in _errors(exc)
    _nothing_stored()


def test_a_session_on_the_last_day_of_a_one_day_accreditation_is_accepted(staff_user):
    programme = make_programme(staff_user, days=1)
    session = schedule(programme, staff_user, start=programme.valid_until)
    assert session.activity.start_date == programme.valid_until


def test_a_session_shorter_than_its_programme_is_refused(staff_user):
    programme = make_programme(staff_user, days=3)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, days=2)
    assert "end_date" in _errors(exc)
    _nothing_stored()


def test_a_refused_sign_up_stores_no_activity(staff_user):
    programme = make_programme(staff_user)
    with pytest.raises(ValidationError) as exc:
        schedule(programme, staff_user, capacity=-1)
    assert "capacity" in _errors(exc)
    _nothing_stored()


def test_sign_ups_over_the_capacity_go_to_the_waiting_list(staff_user):
    programme = make_programme(staff_user)
    activity = schedule(programme, staff_user, capacity=1).activity
    first, second = (
        registration_signup(
            activity=activity,
            first_name="Ана",
            last_name=name,
            email=f"{name.lower()}@example.rs",
            institution=None,
        ).registration
        for name in ("Prva", "Druga")
    )
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED


def test_staff_adding_over_the_capacity_is_refused_a_seat_by_the_events_service(staff_user):
    programme = make_programme(staff_user)
    activity = schedule(programme, staff_user, capacity=1).activity
    registration_add_by_staff(
        user=staff_user,
        activity=activity,
        first_name="А",
        last_name="Б",
        email="a@example.rs",
        institution=None,
    )
    second = registration_add_by_staff(
        user=staff_user,
        activity=activity,
        first_name="В",
        last_name="Г",
        email="v@example.rs",
        institution=None,
    )
    assert second.status == RegistrationStatus.WAITLISTED
