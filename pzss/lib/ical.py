"""iCalendar (RFC 5545) for activities: the .ics attached to confirmations and the public
feed of upcoming events. Written by hand: a handful of properties, escaped and folded."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from pzss.core.models import Activity
from pzss.lib.translit import for_language

UID_DOMAIN = "pzs.gov.rs"
DEFAULT_HOURS = 3


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > 75:
            out.append(current.decode("utf-8"))
            current = b" "
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(activity: Activity, *, language: str, url: str = "") -> list[str]:
    last = activity.end_date or activity.start_date
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{_utc(timezone.now())}",
    ]
    if activity.start_time:
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(activity.start_date, activity.start_time, tzinfo=tz)
        hours = float(activity.hours) if activity.hours and last == activity.start_date else None
        end = (
            start + dt.timedelta(hours=hours or DEFAULT_HOURS)
            if last == activity.start_date
            else dt.datetime.combine(last, activity.start_time, tzinfo=tz)
            + dt.timedelta(hours=DEFAULT_HOURS)
        )
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{activity.start_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
        ]
    place = "Online" if activity.online else for_language(activity.place, language)
    lines.append(f"SUMMARY:{_escape(for_language(activity.title, language))}")
    if place:
        lines.append(f"LOCATION:{_escape(place)}")
    if activity.description:
        lines.append(f"DESCRIPTION:{_escape(for_language(activity.description, language))}")
    if url:
        lines.append(f"URL:{url}")
    if activity.status == "cancelled":
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar(activities: Iterable[Activity], *, language: str, url_for=None, name: str = "") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{settings.INSTITUTE['web']}//PZSZ portal//SR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(for_language(name, language))}")
    for activity in activities:
        lines += event_lines(activity, language=language, url=url_for(activity) if url_for else "")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
