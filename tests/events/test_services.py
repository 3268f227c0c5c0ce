"""Rules of the sign-up services that pages do not show directly: reminders, the limit
per institution, anonymisation, tasks that run late, standing groups."""

import datetime as dt

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from pzss.core.audit import audit_log
from pzss.core.models import AuditEntry, Institution, Person, Registration, RegistrationStatus
from pzss.events import tasks
from pzss.events.models import Certificate
from pzss.events.services.attendance import attendance_mark
from pzss.events.services.certificates import certificates_issue
from pzss.events.services.decisions import registration_cancel
from pzss.events.services.privacy import months_before, registrations_anonymise
from pzss.events.services.signup import registration_signup
from pzss.events.tasks import send_registration_email, send_reminders
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def _signup(activity, n, institution="ЦСР Сомбор", **kwargs):
    return registration_signup(
        activity=activity,
        first_name=f"Особа{n}",
        last_name="Тест",
        email=f"p{n}@example.rs",
        institution=Institution.objects.get(name=institution),
        **kwargs,
    ).registration


def test_reminder_goes_out_once_the_day_before(django_capture_on_commit_callbacks, eager_celery):
    tomorrow = make_event(days_ahead=1)
    later = make_event(days_ahead=5)
    seat = _signup(tomorrow, 1, language="sr-latn")
    _signup(later, 2)
    cancelled = _signup(tomorrow, 3)
    registration_cancel(registration=cancelled)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders.apply().get() == 0  # safe to run twice
    assert [m.to[0] for m in mail.outbox] == ["p1@example.rs"]
    assert "Podsetnik" in mail.outbox[0].subject or "Reminder" in mail.outbox[0].subject
    seat.refresh_from_db()
    assert seat.reminder_sent_at is not None


def test_a_late_confirmation_of_a_cancelled_registration_sends_nothing():
    activity = make_event()
    registration = _signup(activity, 1)
    registration_cancel(registration=registration)
    mail.outbox.clear()
    assert send_registration_email(registration.pk, "received") is False
    assert send_registration_email(registration.pk, "promoted") is False
    assert mail.outbox == []


def test_emails_in_each_language_and_script():
    activity = make_event()
    for n, language in enumerate(["sr", "sr-latn", "en"]):
        registration = _signup(activity, n, language=language)
        send_registration_email(registration.pk, "received")
    cyrillic, latin, english = mail.outbox
    assert "Округли сто" in cyrillic.subject
    assert "Okrugli sto" in latin.subject and "Округли" not in latin.body
    assert "Your seat is confirmed" in english.subject
    for message in mail.outbox:
        assert message.alternatives[0][1] == "text/html"
        assert "/registrations/" in message.body


def test_per_institution_limit_sends_the_extra_sign_ups_to_the_waiting_list():
    activity = make_event(capacity=10, per_institution_limit=2)
    a, b, c = (_signup(activity, n) for n in range(3))
    other = _signup(activity, 9, institution="ЦСР Кула")
    assert [r.status for r in (a, b, c, other)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "confirmed",
    ]
    # When one of Sombor's seats frees, Sombor's first waiting person gets it.
    registration_cancel(registration=a)
    c.refresh_from_db()
    assert c.status == "confirmed"


def test_signing_up_again_after_cancelling_reopens_the_same_registration():
    activity = make_event(capacity=1)
    first = _signup(activity, 1)
    registration_cancel(registration=first)
    again = _signup(activity, 1)
    assert again.pk == first.pk and again.status == "confirmed"
    assert Registration.objects.count() == 1


def test_anonymise_removes_names_and_emails_but_keeps_counts():
    old = make_event(days_ahead=0)
    recent = make_event(days_ahead=5)
    kept_person = _signup(recent, 7)
    regs = [_signup(old, n) for n in range(3)]
    attendance_mark(user=None, registration=regs[0], day=old.start_date, present=True)
    certificate = certificates_issue(user=None, activity=old)[0]
    # The event took place 13 months ago.
    long_ago = months_before(timezone.localdate(), 13)
    type(old).objects.filter(pk=old.pk).update(start_date=long_ago)
    Certificate.objects.filter(pk=certificate.pk).update(start_date=long_ago)
    call_command("anonymise_registrations", "--months", "12", stdout=open("/dev/null", "w"))  # noqa: SIM115
    statuses = sorted(Registration.objects.filter(activity=old).values_list("status", flat=True))
    assert statuses == ["attended", "confirmed", "confirmed"]
    for r in Registration.objects.filter(activity=old).select_related("person"):
        assert r.person.email == "" and "Особа" not in r.person.full_name
        assert r.institution.name == "ЦСР Сомбор"
    assert not Person.objects.filter(email__in=["p0@example.rs", "p1@example.rs"]).exists()
    assert Person.objects.filter(pk=kept_person.person_id).exists()
    certificate.refresh_from_db()
    assert certificate.person_name == "" and certificate.number
    # Running it again changes nothing.
    call_command("anonymise_registrations", "--months", "12", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Person.objects.filter(first_name="—").count() == 3


def _long_ago(activity, months=13):
    type(activity).objects.filter(pk=activity.pk).update(
        start_date=months_before(timezone.localdate(), months)
    )


def test_anonymise_removes_the_name_from_the_audit_trail_of_those_registrations(staff_user):
    old = make_event(days_ahead=0)
    recent = make_event(days_ahead=5)
    gone = _signup(old, 1)
    kept = _signup(recent, 2)
    for registration in (gone, kept):
        audit_log(
            actor=staff_user,
            action="registration_reject",
            obj=registration,
            changes={"status": ["pending", "rejected"]},
            comment=f"{registration.person.full_name} није из центра",
        )
        audit_log(actor=staff_user, action="person_create", obj=registration.person)
    _long_ago(old)
    registrations_anonymise(months=12)
    names = " ".join(AuditEntry.objects.values_list("object_repr", flat=True))
    comments = " ".join(AuditEntry.objects.values_list("comment", flat=True))
    assert "Особа1" not in names and "Особа1" not in comments
    # What happened stays: the action, who did it, what changed.
    entry = AuditEntry.objects.get(action="registration_reject", object_id=gone.pk)
    assert entry.actor == staff_user and entry.changes == {"status": ["pending", "rejected"]}
    # The recent event's trail is untouched.
    assert "Особа2" in names and "Особа2 Тест није из центра" in comments


def test_anonymisation_is_scheduled_daily_with_the_retention_setting(settings):
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "pzss.events.tasks.anonymise_old_registrations"
    )
    assert isinstance(entry["schedule"], crontab)  # once a day, at night
    old = make_event(days_ahead=0)
    registration = _signup(old, 3)
    _long_ago(old, months=13)
    settings.REGISTRATION_RETENTION_MONTHS = 24
    tasks.anonymise_old_registrations()
    registration.refresh_from_db()
    assert registration.anonymised_at is None  # 13 months is within 24
    settings.REGISTRATION_RETENTION_MONTHS = 12
    tasks.anonymise_old_registrations()
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert not Person.objects.filter(email="p3@example.rs").exists()


def test_months_before_handles_month_ends():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_waitlisted_person_is_promoted_when_a_seat_frees_and_told_by_email(
    django_capture_on_commit_callbacks, eager_celery
):
    activity = make_event(capacity=1)
    seat = _signup(activity, 1)
    waiting = _signup(activity, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=seat)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["p2@example.rs"]]
    assert len(promoted) == 1 and promoted[0].attachments[0][0] == "event.ics"


@pytest.fixture
def certificate():
    """An attended sign-up with its certificate issued."""
    activity = make_event()
    registration = registration_signup(
        activity=activity,
        first_name="Ана",
        last_name="Тест",
        email="ana@example.rs",
        institution=None,
    ).registration
    attendance_mark(user=None, registration=registration, day=activity.start_date, present=True)
    [issued] = certificates_issue(user=None, activity=activity)
    mail.outbox.clear()
    return issued


def test_two_runs_of_the_certificate_email_send_it_once(certificate, eager_celery, monkeypatch):
    """The e-mail claims its certificate before sending, as the reminders do: a second run
    that starts while the first is still sending finds it claimed."""
    real_send = EmailMultiAlternatives.send
    runs = []

    def send_while_another_run_starts(message, *args, **kwargs):
        if not runs:
            runs.append("second")
            assert tasks.send_certificate_email.apply(args=[certificate.pk]).get() is False
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_while_another_run_starts)
    assert tasks.send_certificate_email.apply(args=[certificate.pk]).get() is True
    assert [m.to for m in mail.outbox] == [["ana@example.rs"]]
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is not None


def test_a_certificate_email_that_fails_to_send_is_released_for_the_retry(certificate, monkeypatch):
    def smtp_down(message, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server did not answer")

    monkeypatch.setattr(EmailMultiAlternatives, "send", smtp_down)
    monkeypatch.setattr(tasks.send_certificate_email, "max_retries", 0)
    with pytest.raises(ConnectionRefusedError):
        tasks.send_certificate_email.apply(args=[certificate.pk], throw=True).get()
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is None


def test_anonymising_removes_the_name_from_rendered_documents_and_the_activitys_history(
    staff_user, django_capture_on_commit_callbacks
):
    """A certificate's PDF and an event's sign-in sheet print the names, and the activity's
    history says who was added: after the retention period none of them keeps a name."""
    from pzss.core.models import AuditEntry
    from pzss.documents.models import Document
    from pzss.documents.services import document_request
    from pzss.events.services.participants import participant_add

    old = make_event(days_ahead=0)
    registration = _signup(old, 1)
    added = Person.objects.create(first_name="Зорана", last_name="Додата", email="z@example.rs")
    participant_add(user=staff_user, activity=old, person=added)
    attendance_mark(user=None, registration=registration, day=old.start_date, present=True)
    with django_capture_on_commit_callbacks(execute=True):
        [certificate] = certificates_issue(user=None, activity=old)
        document_request(kind="signin_sheet", obj=old, language="sr")
    assert Document.objects.filter(kind__in=["certificate", "signin_sheet"]).count() == 2
    names = ("Особа1", "Зорана")
    assert any(n in Document.objects.get(kind="certificate").title for n in names)
    _long_ago(old)
    old.refresh_from_db()
    Certificate.objects.filter(pk=certificate.pk).update(start_date=old.start_date)

    call_command("anonymise_registrations", "--months", "12", stdout=open("/dev/null", "w"))  # noqa: SIM115

    for document in Document.objects.all():
        assert not any(n in document.title for n in names), document.title
    assert not Document.objects.filter(kind="signin_sheet", object_id=old.pk).exists()
    history = " ".join(
        AuditEntry.objects.filter(object_id=old.pk).values_list("comment", flat=True)
    )
    assert not any(n in history for n in names)


def test_waitlist_positions_follow_the_promotion_order_in_one_query_each(
    django_assert_num_queries,
):
    from pzss.events.selectors import waitlist_position
    from pzss.events.services.waitlist import waitlist, waitlist_move

    event = make_event(capacity=1)
    seated = _signup(event, 0)
    waiting = [_signup(event, n) for n in range(1, 6)]
    assert waitlist_position(seated) is None
    with django_assert_num_queries(1):
        assert waitlist_position(waiting[3]) == 4
    # Two sign-ups of the same moment keep their order by id.
    same = timezone.now()
    Registration.objects.filter(pk__in=[waiting[1].pk, waiting[2].pk]).update(created_at=same)
    assert [waitlist_position(r) for r in waiting] == [1, 2, 3, 4, 5]
    # A move renumbers the list in the database: the instances in hand are behind it.
    waitlist_move(user=None, registration=waiting[4], position=1, reason="Телефоном")
    assert [waitlist_position(r) for r in waiting] == [2, 3, 4, 5, 1]
    assert [waitlist_position(r) for r in waitlist(event)] == [1, 2, 3, 4, 5]
    # Someone who left the list has no place on it, whatever the instance says.
    registration_cancel(registration=waiting[0])
    assert waitlist_position(waiting[0]) is None
    assert waitlist_position(waiting[1]) == 2
