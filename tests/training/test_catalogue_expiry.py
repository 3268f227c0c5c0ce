"""A programme whose accreditation ends within six months warns its owner: on the
dashboard, on the programme's staff page, and by one e-mail per programme and end date,
however often the beat task runs."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from pzss.core.models import AuditEntry
from tests.training.catalogue_builders import make_programme
from training import catalogue_services as services
from training.catalogue_tasks import send_expiry_email, send_expiry_warnings
from training.models import AccreditationExpiryWarning, AccreditationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(staff_user):
    staff_user.email = "alice@pzsz.example"
    staff_user.save(update_fields=["email"])
    return staff_user


def _soon():
    return timezone.localdate() + dt.timedelta(days=90)


def _run(capture) -> int:
    """The beat task, with the e-mails it queues on commit sent."""
    with capture(execute=True):
        return send_expiry_warnings()


def test_the_owner_is_e_mailed_once_however_often_the_task_runs(
    staff_user, eager_celery, django_capture_on_commit_callbacks
):
    programme = make_programme(staff_user, valid_until=_soon())
    make_programme(staff_user)  # ends in three years: no warning
    assert _run(django_capture_on_commit_callbacks) == 1
    assert _run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@pzsz.example"]
    assert programme.accreditation_number in message.body
    assert f"/staff/training/programmes/{programme.pk}/" in message.body
    assert AccreditationExpiryWarning.objects.filter(programme=programme).count() == 1


def test_a_renewed_accreditation_is_warned_of_again_when_its_new_end_nears(
    staff_user, eager_celery, django_capture_on_commit_callbacks
):
    programme = make_programme(staff_user, valid_until=_soon())
    _run(django_capture_on_commit_callbacks)
    services.programme_update(
        user=staff_user, programme=programme, data={"valid_until": _soon() + dt.timedelta(days=30)}
    )
    assert _run(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_no_warning_beyond_six_months_nor_for_a_programme_not_accredited(staff_user):
    today = timezone.localdate()
    make_programme(staff_user, valid_until=services.expiry_horizon(today) + dt.timedelta(days=1))
    make_programme(
        staff_user,
        valid_until=today - dt.timedelta(days=1),
        valid_from=today - dt.timedelta(days=400),
    )
    make_programme(staff_user, valid_until=_soon(), status=AccreditationStatus.EXPIRED)
    assert services.expiry_warnings_claim(today=today) == []


def test_a_warning_on_the_last_day_of_the_window_is_claimed(staff_user):
    today = timezone.localdate()
    programme = make_programme(staff_user, valid_until=services.expiry_horizon(today))
    [warning_id] = services.expiry_warnings_claim(today=today)
    assert AccreditationExpiryWarning.objects.get(pk=warning_id).programme == programme


def test_the_e_mail_is_not_sent_when_the_accreditation_changed_before_it_went(
    staff_user, eager_celery
):
    programme = make_programme(staff_user, valid_until=_soon())
    [warning_id] = services.expiry_warnings_claim(today=timezone.localdate())
    services.programme_update(
        user=staff_user, programme=programme, data={"valid_until": _soon() + dt.timedelta(days=400)}
    )
    assert send_expiry_email(warning_id) is False
    assert mail.outbox == []


def test_the_dashboard_names_the_owners_programmes_that_end_soon(staff_client, staff_user):
    programme = make_programme(staff_user, valid_until=_soon())
    later = make_programme(staff_user)
    html = staff_client.get("/staff/").content.decode()
    assert "training-expiring" in html
    assert f"/staff/training/programmes/{programme.pk}/" in html
    assert f"/staff/training/programmes/{later.pk}/" not in html


def test_the_dashboard_says_nothing_to_another_adviser(client, staff_user, director_user):
    make_programme(staff_user, valid_until=_soon())
    client.force_login(director_user)
    assert "training-expiring" not in client.get("/staff/").content.decode()


def test_the_programme_page_warns_that_the_accreditation_ends(staff_user, english):
    programme = make_programme(staff_user, valid_until=_soon())
    english.force_login(staff_user)
    html = english.get(f"/staff/training/programmes/{programme.pk}/").content.decode()
    assert "The accreditation ends on" in html
    later = make_programme(staff_user)
    html = english.get(f"/staff/training/programmes/{later.pk}/").content.decode()
    assert "The accreditation ends on" not in html


def test_an_accreditation_that_ended_becomes_expired_when_the_task_runs(
    staff_user, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    lapsed = make_programme(
        staff_user,
        valid_from=today - dt.timedelta(days=800),
        valid_until=today - dt.timedelta(days=1),
    )
    current = make_programme(staff_user, valid_until=today)
    _run(django_capture_on_commit_callbacks)
    _run(django_capture_on_commit_callbacks)
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert lapsed.status == AccreditationStatus.EXPIRED
    assert current.status == AccreditationStatus.ACCREDITED
    assert (
        AuditEntry.objects.filter(action="programme_accreditation", object_id=lapsed.pk).count()
        == 1
    )
