"""iCalendar (RFC 5545) for activities: the .ics attached to confirmations and the public
feed of upcoming events, written with the `icalendar` library (escaping, folding and
dates are its business). Takes any object with an activity's fields, so this helper
knows no model."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from pzss.lib.translit import for_language

UID_DOMAIN = "pzs.gov.rs"
DEFAULT_HOURS = 3


def _event(activity, *, language: str, url: str = "") -> Event:
    last = activity.end_date or activity.start_date
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    if activity.start_time:
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(activity.start_date, activity.start_time, tzinfo=tz)
        if last == activity.start_date:
            hours = float(activity.hours) if activity.hours else DEFAULT_HOURS
            end = start + dt.timedelta(hours=hours)
        else:
            end = dt.datetime.combine(last, activity.start_time, tzinfo=tz) + dt.timedelta(
                hours=DEFAULT_HOURS
            )
        # In UTC: every calendar reads it without a time-zone definition.
        event.add("dtstart", start.astimezone(dt.UTC))
        event.add("dtend", end.astimezone(dt.UTC))
    else:
        event.add("dtstart", activity.start_date)
        event.add("dtend", last + dt.timedelta(days=1))
    event.add("summary", for_language(activity.title, language))
    place = "Online" if activity.online else for_language(activity.place, language)
    if place:
        event.add("location", place)
    if activity.description:
        event.add("description", for_language(activity.description, language))
    if url:
        event.add("url", url)
    if activity.status == "cancelled":
        event.add("status", "CANCELLED")
    return event


def calendar(
    activities: Iterable,
    *,
    language: str,
    url_for: Callable[[object], str] | None = None,
    name: str = "",
) -> str:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.INSTITUTE['web']}//PZSZ portal//SR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", for_language(name, language))
    for activity in activities:
        cal.add_component(
            _event(activity, language=language, url=url_for(activity) if url_for else "")
        )
    return cal.to_ical().decode("utf-8")
