"""E-mails to people who signed up: in the language and script they used (Serbian in
Cyrillic or Latin, or English), as plain text and HTML, with the event's .ics and the
personal link to manage the registration."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from pzss.core.models import Registration, RegistrationStatus
from pzss.events.selectors import (
    certificate_url,
    event_url,
    manage_url,
    waitlist_position,
)
from pzss.lib.ical import calendar
from pzss.lib.translit import for_language

# Which kinds of message still make sense for a registration in each status: a task that
# runs late must not confirm a seat that was cancelled in the meantime.
VALID_FOR = {
    "confirmed": {RegistrationStatus.CONFIRMED},
    "pending": {RegistrationStatus.PENDING},
    "waitlisted": {RegistrationStatus.WAITLISTED},
    "promoted": {RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING},
    "approved": {RegistrationStatus.CONFIRMED},
    "cancelled": {RegistrationStatus.CANCELLED},
    "rejected": {RegistrationStatus.REJECTED},
    "reminder": {RegistrationStatus.CONFIRMED},
    "certificate": {RegistrationStatus.ATTENDED},
    "message": set(RegistrationStatus.values),
}
WITH_CALENDAR = {"confirmed", "promoted", "approved", "reminder"}


def kind_for(registration: Registration, kind: str) -> str:
    """`received` is said according to what the sign-up got: a seat, a wait for approval or
    a place on the waiting list."""
    if kind == "received":
        return {
            RegistrationStatus.CONFIRMED: "confirmed",
            RegistrationStatus.PENDING: "pending",
            RegistrationStatus.WAITLISTED: "waitlisted",
        }.get(registration.status, "")
    return kind


def language_of(registration: Registration) -> str:
    language = (registration.language or "sr").lower()
    return language if language in {"sr", "sr-latn", "en"} else "sr"


def _texts(kind: str, registration: Registration) -> tuple[str, list[str]]:
    """Subject and the opening paragraphs (already translated: call inside override). Only
    the asked kind's are translated: a worker sends one e-mail after another."""
    position = waitlist_position(registration) if kind == "waitlisted" else None
    reason = registration.decision_reason
    texts = {
        "confirmed": lambda: (
            _("Your seat is confirmed"),
            [_("Thank you for signing up. Your seat at the event is confirmed.")],
        ),
        "pending": lambda: (
            _("Your sign-up was received"),
            [
                _(
                    "Thank you for signing up. Your seat is held while the organisers "
                    "review sign-ups; we will write to you with their decision."
                )
            ],
        ),
        "waitlisted": lambda: (
            _("You are on the waiting list"),
            [
                _("Thank you for signing up. All seats are taken, so you are on the waiting list.")
                + (" " + _("Your place on the list: %(n)d.") % {"n": position} if position else ""),
                _("When a seat frees, the first person on the list gets it at once and an e-mail."),
            ],
        ),
        "promoted": lambda: (
            _("A seat is free for you"),
            [
                _("A seat has freed and it is yours: you are no longer on the waiting list.")
                if registration.status == RegistrationStatus.CONFIRMED
                else _(
                    "A seat has freed and is held for you while the organisers review "
                    "sign-ups; we will write to you with their decision."
                )
            ],
        ),
        "approved": lambda: (
            _("Your sign-up is approved"),
            [_("The organisers approved your sign-up. Your seat at the event is confirmed.")],
        ),
        "cancelled": lambda: (
            _("Your registration is cancelled"),
            [_("Your registration for the event is cancelled. Thank you for letting us know.")],
        ),
        "rejected": lambda: (
            _("Your sign-up was not accepted"),
            [_("We are sorry: the organisers could not accept your sign-up.")]
            + ([_("Reason: %(reason)s") % {"reason": reason}] if reason else []),
        ),
        "reminder": lambda: (
            _("Reminder: the event is tomorrow"),
            [_("This is a reminder that you are expected at the event tomorrow.")],
        ),
        "certificate": lambda: (
            _("Your certificate of attendance"),
            [_("Thank you for taking part. Your certificate of attendance is attached.")],
        ),
    }
    return texts[kind]()


def registration_email(
    registration: Registration,
    kind: str,
    *,
    subject: str = "",
    body: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
    certificate=None,
) -> EmailMultiAlternatives:
    """The message of `kind` for this registration. For `message` (staff writing to
    participants) the subject and body are given."""
    language = language_of(registration)
    activity = registration.activity
    with translation.override(language):
        if kind == "message":
            title, paragraphs = subject, body.split("\n\n")
        else:
            title, paragraphs = _texts(kind, registration)
        event_title = for_language(activity.title, language)
        place = _("Online") if activity.online else for_language(activity.place, language)
        if activity.municipality and not activity.online:
            place = f"{place}, {for_language(activity.municipality.name, language)}"
        dates = formats.date_format(activity.start_date, "SHORT_DATE_FORMAT")
        if activity.end_date and activity.end_date != activity.start_date:
            dates += " – " + formats.date_format(activity.end_date, "SHORT_DATE_FORMAT")
        context = {
            "kind": kind,
            "title": title,
            "paragraphs": [p.strip() for p in paragraphs if p.strip()],
            "name": for_language(registration.person.first_name, language),
            "event_title": event_title,
            "event_kind": activity.get_kind_display(),
            "dates": dates,
            "time": activity.start_time.strftime("%H:%M") if activity.start_time else "",
            "place": place,
            "online": activity.online,
            "event_url": event_url(activity),
            "manage_url": manage_url(registration)
            if registration.status not in {RegistrationStatus.REJECTED}
            else "",
            "status": registration.get_status_display(),
            "certificate_url": certificate_url(certificate) if certificate else "",
            "institute": {k: for_language(v, language) for k, v in settings.INSTITUTE.items()},
            "LANGUAGE_CODE": language,
        }
        text = render_to_string("events/emails/registration.txt", context)
        html = render_to_string("events/emails/registration.html", context)
        full_subject = f"{title}: {event_title}"
    message = EmailMultiAlternatives(
        subject=full_subject[:250],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.person.email],
    )
    message.attach_alternative(html, "text/html")
    if kind in WITH_CALENDAR:
        ics = calendar([activity], language=language, url_for=event_url)
        message.attach("event.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    return message
