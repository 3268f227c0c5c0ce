"""Reminders to the institutions that have not sent a period's report: as the deadline
nears (`before`, RESEARCH_REMINDER_DAYS_BEFORE days ahead), the day after it (`after`)
and a week late (`overdue`).

Each step has a window of days, not a single day, so that a beat that was down for a day
still sends what was due; and a window has an end, so that a step missed entirely (the
portal was off for a week, or a data set was made for a past year) is not sent days
late as if it were news. A reminder is recorded (`Reminder`, unique for period,
institution and step) before it is sent, in the claiming transaction: a second run, or
two at once, finds the row and sends nothing; the e-mail is queued by the claim and goes
after its commit.

Never for a closed period, a data set that is not collecting, or a report that is in
(submitted, accepted, or accepted once and being corrected); a report returned for
correction is not in, and is reminded of."""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pzss.core.models import Institution, InstitutionAccount
from pzss.lib.translit import for_language
from research.models import Period, Reminder, ReminderStep, Submission, SubmissionStatus

log = logging.getLogger(__name__)

# The institution's own page of a period (the institutions' part of the app names it);
# without it, the e-mail links to the login, after which the institution finds its period.
PERIOD_URL_NAME = "reporting:period"
AFTER_DAYS = (1, 6)
OVERDUE_DAYS = (7, 13)
# Statuses whose report is in: no reminder. (A returned one is not among them.)
IN_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
EMAIL_LANGUAGE = "sr"


def step_windows(days_before: int | None = None) -> dict[str, tuple[int, int]]:
    """{step: (first, last) day of its window, counted from the deadline}."""
    if days_before is None:
        days_before = settings.RESEARCH_REMINDER_DAYS_BEFORE
    return {
        ReminderStep.BEFORE: (-days_before, 0),
        ReminderStep.AFTER: AFTER_DAYS,
        ReminderStep.OVERDUE: OVERDUE_DAYS,
    }


def step_for(deadline: dt.date, today: dt.date, days_before: int | None = None) -> str | None:
    offset = (today - deadline).days
    for step, (first, last) in step_windows(days_before).items():
        if first <= offset <= last:
            return step
    return None


@dataclass(frozen=True)
class Due:
    period: Period
    institution: Institution
    step: str


def reminders_due(*, today: dt.date) -> list[Due]:
    """Who should be reminded today, of which period, at which step (recorded or not)."""
    windows = step_windows()
    earliest = min(first for first, _last in windows.values())
    latest = max(last for _first, last in windows.values())
    periods = list(
        Period.objects.filter(
            closed_at__isnull=True,
            data_set__is_active=True,
            deadline__gte=today - dt.timedelta(days=latest),
            deadline__lte=today - dt.timedelta(days=earliest),
        ).select_related("data_set")
    )
    if not periods:
        return []
    sent = set(
        Submission.objects.filter(period__in=periods)
        .filter(Q(status__in=IN_STATUSES) | Q(accepted_version__isnull=False))
        .values_list("period_id", "institution_id")
    )
    expected: dict[int, list[Institution]] = {}
    out = []
    for period in periods:
        step = step_for(period.deadline, today)
        if step is None:
            continue
        data_set = period.data_set
        if data_set.pk not in expected:
            expected[data_set.pk] = list(
                data_set.expected_institutions().only("id", "name", "email").order_by("name")
            )
        for institution in expected[data_set.pk]:
            if (period.pk, institution.pk) not in sent:
                out.append(Due(period=period, institution=institution, step=step))
    return out


def recipients(institution_ids) -> dict[int, list[str]]:
    """{institution: its e-mail and its accounts' e-mails}, each address once."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = list(
        Institution.objects.filter(pk__in=institution_ids)
        .exclude(email="")
        .values_list("pk", "email")
    ) + list(
        InstitutionAccount.objects.filter(institution_id__in=institution_ids, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("institution_id", "user__email")
    )
    for institution_id, email in rows:
        if email.lower() not in {e.lower() for e in found[institution_id]}:
            found[institution_id].append(email)
    return found


def reminders_claim(*, today: dt.date) -> list[int]:
    """Record today's reminders not recorded yet; returns the new rows' keys — the ones
    this run is to send. Call inside a transaction and queue the e-mails in it: under
    the unique constraint a concurrent run's insert waits for this one's commit and then
    finds the row (get_or_create), so each reminder is claimed by one run only. An
    institution without any address is skipped (and claimed once it has one)."""
    due = reminders_due(today=today)
    to = recipients({d.institution.pk for d in due})
    created_ids = []
    for item in due:
        addresses = to.get(item.institution.pk)
        if not addresses:
            log.warning("No e-mail to remind %s of %s", item.institution.pk, item.period.pk)
            continue
        reminder, created = Reminder.objects.get_or_create(
            period=item.period,
            institution=item.institution,
            step=item.step,
            defaults={"sent_to": ", ".join(addresses)[:500]},
        )
        if created:
            created_ids.append(reminder.pk)
    return created_ids


def still_due(reminder: Reminder) -> bool:
    """A reminder queued earlier is sent only if its report is still not in and the
    period still open (an e-mail that runs late must not chase a report just sent)."""
    if reminder.period.is_closed or not reminder.period.data_set.is_active:
        return False
    return (
        not Submission.objects.filter(period=reminder.period, institution=reminder.institution)
        .filter(Q(status__in=IN_STATUSES) | Q(accepted_version__isnull=False))
        .exists()
    )


def period_url(period: Period) -> str:
    try:
        path = reverse(PERIOD_URL_NAME, kwargs={"pk": period.pk})
    except NoReverseMatch:
        path = reverse("login")
    return settings.SITE_URL + path


def serbian_date(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}."


def _paragraphs(step: str, *, period: str, deadline: str, returned: bool) -> list[str]:
    texts = {
        ReminderStep.BEFORE: lambda: [
            _("The report for %(period)s is due on %(deadline)s")
            % {"period": period, "deadline": deadline},
            _("Please send it through the portal by then. If you have just sent it, thank you."),
        ],
        ReminderStep.AFTER: lambda: [
            _(
                "The deadline for the report for %(period)s was %(deadline)s, and we have "
                "not received it yet."
            )
            % {"period": period, "deadline": deadline},
            _("Please send it through the portal as soon as you can."),
        ],
        ReminderStep.OVERDUE: lambda: [
            _("The report for %(period)s is a week late: its deadline was %(deadline)s")
            % {"period": period, "deadline": deadline},
            _(
                "Please send it through the portal as soon as you can, or write to us if "
                "something keeps you from it."
            ),
        ],
    }
    out = texts[step]()
    if returned:
        out.insert(1, _("Your report was returned for correction: correct it and send it again."))
    return out


def reminder_email(reminder: Reminder) -> EmailMultiAlternatives:
    """The reminder as the institution reads it: Serbian in Cyrillic, text and HTML; the
    subject names the data set and the period."""
    period = reminder.period
    data_set = period.data_set
    returned = Submission.objects.filter(
        period=period, institution=reminder.institution, status=SubmissionStatus.RETURNED
    ).exists()
    with translation.override(EMAIL_LANGUAGE):
        name = for_language(data_set.name, EMAIL_LANGUAGE)
        title = _("Reminder: %(data_set)s, %(period)s") % {
            "data_set": name,
            "period": period.label,
        }
        context = {
            "title": title,
            "step": reminder.step,
            "institution": for_language(reminder.institution.name, EMAIL_LANGUAGE),
            "data_set": name,
            "period": period.label,
            "deadline": serbian_date(period.deadline),
            "paragraphs": _paragraphs(
                reminder.step,
                period=period.label,
                deadline=serbian_date(period.deadline),
                returned=returned,
            ),
            "period_url": period_url(period),
            "institute": {
                k: for_language(v, EMAIL_LANGUAGE) for k, v in settings.INSTITUTE.items()
            },
            "LANGUAGE_CODE": EMAIL_LANGUAGE,
        }
        text = render_to_string("research/emails/reminder.txt", context)
        html = render_to_string("research/emails/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=title[:250],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[a.strip() for a in reminder.sent_to.split(",") if a.strip()],
    )
    message.attach_alternative(html, "text/html")
    return message
