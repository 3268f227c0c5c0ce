"""The daily beat task: the adviser is e-mailed once per request per step (soon due,
overdue), so running it twice sends nothing again; the dashboard lists the same."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from support import request_services as services
from support.models import DeadlineReminder, SupportRequest
from support.request_tasks import send_deadline_reminders
from tests.support.request_builders import public_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(staff_user):
    staff_user.email = "savetnik@pzs.example"
    staff_user.save()
    return staff_user


def _due_in(adviser, days: int, **extra) -> SupportRequest:
    req = public_request(**extra)
    services.request_assign(user=adviser, request=req, adviser=adviser)
    SupportRequest.objects.filter(pk=req.pk).update(
        deadline=timezone.localdate() + dt.timedelta(days=days)
    )
    return SupportRequest.objects.get(pk=req.pk)


def test_reminders_are_sent_once_per_request_and_step(
    adviser, eager_celery, django_capture_on_commit_callbacks
):
    soon = _due_in(adviser, 2, subject="Ускоро")
    late = _due_in(adviser, -1, subject="Касни")
    _due_in(adviser, 10, subject="Има времена")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["savetnik@pzs.example"] * 2
    subjects = " ".join(m.subject for m in mail.outbox)
    assert soon.number in subjects and late.number in subjects
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 0
    assert len(mail.outbox) == 2
    assert set(DeadlineReminder.objects.values_list("step", flat=True)) == {"soon", "overdue"}


def test_a_soon_due_request_is_reminded_again_when_overdue(
    adviser, eager_celery, django_capture_on_commit_callbacks
):
    req = _due_in(adviser, 1)
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders()
    SupportRequest.objects.filter(pk=req.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 1
    assert len(mail.outbox) == 2


def test_an_answered_request_is_not_reminded(adviser, eager_celery):
    req = _due_in(adviser, -2)
    services.request_reply(user=adviser, request=req, text="Одговор.", status="answered")
    assert send_deadline_reminders() == 0


def test_the_advisers_dashboard_lists_overdue_and_soon_due_requests(adviser, staff_client):
    late = _due_in(adviser, -1, subject="Касни захтев")
    page = staff_client.get(reverse("core:dashboard")).content.decode()
    assert "support-request-deadlines" in page and late.number in page
