"""Reminders to the institutions whose report is not in: each step once, never twice for
one period and step however often beat runs, never to a report that is in, never for a
closed period or an archived data set; to the institution's address and its logins'."""

import dataclasses
import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from pzss.core.models import Institution, InstitutionAccount, InstitutionKind
from research import reminders, tasks
from research.models import Period, Reminder, ReminderStep, SubmissionStatus
from tests.research.builders import SMALL, make_data_set, make_submission

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def setup(django_user_model):
    """A monthly data set expecting two institutions of its own: one with an address and
    a login, one with only a login (the reference centres are not expected)."""
    data_set = make_data_set(dataclasses.replace(SMALL, code="rem", expected_kinds=()), year=YEAR)
    first = Institution.objects.create(
        name="Први центар", kind=InstitutionKind.OTHER, email="prvi@example.rs"
    )
    second = Institution.objects.create(name="Други центар", kind=InstitutionKind.OTHER)
    data_set.chosen_institutions.set([first, second])
    for username, email, institution in (
        ("prvi", "osoba@prvi.example.rs", first),
        ("drugi", "osoba@drugi.example.rs", second),
        ("bivsi", "bivsi@drugi.example.rs", second),
    ):
        user = django_user_model.objects.create_user(username=username, email=email, password="x")
        InstitutionAccount.objects.create(user=user, institution=institution)
    django_user_model.objects.filter(username="bivsi").update(is_active=False)
    january = Period.objects.get(data_set=data_set, start=dt.date(YEAR, 1, 1))
    return data_set, january, first, second


@pytest.fixture
def beat(run_jobs, monkeypatch):
    """`beat(day)`: one run of the beat task on that day, its e-mails sent on commit."""

    def run(day: dt.date) -> int:
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
        return run_jobs(tasks.send_period_reminders)

    return run


def test_running_the_beat_twice_sends_one_reminder_each(setup, beat):
    _data_set, january, first, second = setup
    day = january.deadline - dt.timedelta(days=2)
    assert beat(day) == 2
    assert beat(day) == 0
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(period=january, step=ReminderStep.BEFORE).count() == 2


def test_each_step_is_sent_once_in_its_window(setup, beat):
    _data_set, january, first, _second = setup
    deadline = january.deadline
    for offset in range(-5, 20):  # every day from before to well after the deadline
        beat(deadline + dt.timedelta(days=offset))
    steps = sorted(Reminder.objects.filter(institution=first).values_list("step", flat=True))
    assert steps == sorted(ReminderStep.values)
    # three steps for each of the two institutions; February's own before-step falls in
    # the same days, so count January's only
    assert Reminder.objects.filter(period=january).count() == 6


@pytest.mark.parametrize(
    "offset, step",
    [
        (-3, None),
        (-2, ReminderStep.BEFORE),
        (0, ReminderStep.BEFORE),
        (1, ReminderStep.AFTER),
        (6, ReminderStep.AFTER),
        (7, ReminderStep.OVERDUE),
        (13, ReminderStep.OVERDUE),
        (14, None),
    ],
)
def test_the_steps_windows_around_the_deadline(offset, step):
    deadline = dt.date(YEAR, 2, 5)
    assert reminders.step_for(deadline, deadline + dt.timedelta(days=offset), 2) == step


def test_the_days_before_come_from_the_settings(setup, settings):
    _data_set, january, _first, _second = setup
    settings.RESEARCH_REMINDER_DAYS_BEFORE = 5
    early = january.deadline - dt.timedelta(days=5)
    assert {d.step for d in reminders.reminders_due(today=early)} == {ReminderStep.BEFORE}


def test_nothing_is_sent_for_a_report_that_is_in(setup, beat):
    _data_set, january, first, second = setup
    make_submission(period=january, institution=first, values={})
    make_submission(
        period=january, institution=second, values={}, status=SubmissionStatus.SUBMITTED
    )
    beat(january.deadline + dt.timedelta(days=1))
    assert mail.outbox == []


def test_a_returned_report_and_a_draft_are_reminded_of(setup, beat):
    _data_set, january, first, second = setup
    make_submission(period=january, institution=first, values={}, status=SubmissionStatus.RETURNED)
    make_submission(period=january, institution=second, values={}, status=SubmissionStatus.DRAFT)
    beat(january.deadline + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    returned = next(m for m in mail.outbox if "prvi@example.rs" in m.to)
    with translation.override(reminders.EMAIL_LANGUAGE):  # the e-mails are in Serbian
        said = gettext("Your report was returned for correction: correct it and send it again.")
    assert said in returned.body


def test_a_closed_period_and_an_archived_data_set_get_no_reminders(setup, beat):
    data_set, january, _first, _second = setup
    january.closed_at = timezone.now()
    january.save(update_fields=["closed_at"])
    beat(january.deadline + dt.timedelta(days=1))
    assert mail.outbox == []
    february = Period.objects.get(data_set=data_set, start=dt.date(YEAR, 2, 1))
    data_set.is_active = False
    data_set.save(update_fields=["is_active"])
    beat(february.deadline + dt.timedelta(days=1))
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_the_institution_and_its_active_logins_are_the_recipients(setup, beat):
    _data_set, january, first, second = setup
    beat(january.deadline + dt.timedelta(days=7))
    to = {m.to[0] if len(m.to) == 1 else tuple(sorted(m.to)) for m in mail.outbox}
    assert to == {
        tuple(sorted(["prvi@example.rs", "osoba@prvi.example.rs"])),
        "osoba@drugi.example.rs",  # not the deactivated login's address
    }


def test_an_institution_without_an_address_is_not_claimed(setup, beat, django_user_model):
    _data_set, january, _first, second = setup
    django_user_model.objects.filter(username="drugi").update(email="")
    beat(january.deadline + dt.timedelta(days=1))
    assert not Reminder.objects.filter(institution=second).exists()
    # once it has one, the step still due is sent
    django_user_model.objects.filter(username="drugi").update(email="nova@drugi.example.rs")
    beat(january.deadline + dt.timedelta(days=2))
    assert Reminder.objects.filter(institution=second, step=ReminderStep.AFTER).exists()


def test_a_reminder_queued_before_the_report_came_in_is_not_sent(setup, run_jobs):
    _data_set, january, first, _second = setup
    reminder = Reminder.objects.create(
        period=january, institution=first, step=ReminderStep.AFTER, sent_to="prvi@example.rs"
    )
    make_submission(period=january, institution=first, values={})
    assert run_jobs(tasks.send_reminder_email, reminder.pk) is False
    assert mail.outbox == []


def test_the_e_mail_names_the_data_set_and_period_and_the_deadline_in_serbian(setup, beat):
    data_set, january, _first, _second = setup
    beat(january.deadline - dt.timedelta(days=1))
    message = mail.outbox[0]
    assert data_set.name in message.subject and january.label in message.subject
    assert "05.02.2025." in message.body
    html = message.alternatives[0][0]
    assert "05.02.2025." in html and 'lang="sr-Cyrl"' in html
    # the period's own page on the institution's pages, absolute
    assert f"http://testserver/reporting/periods/{january.pk}/" in message.body or (
        f"/reporting/periods/{january.pk}/" in message.body and "http" in message.body
    )
