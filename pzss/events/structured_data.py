"""schema.org `Event` of a public event's page (written by base.html's `json_ld` tag)."""

import datetime as dt

from django.urls import reverse
from django.utils.text import Truncator

from pzss.core.models import Activity, ActivityStatus
from pzss.lib.discovery import absolute_url
from pzss.lib.structured_data import (
    CONTEXT,
    COUNTRY,
    compact,
    iso_date,
    local_datetime,
    organization_ref,
)
from pzss.lib.translit import for_language

DESCRIPTION_WORDS = 60


def _dates(activity: Activity) -> tuple[str, str | None]:
    """Start and end: with the clock time where the start time is known (a one-day event
    that gives its hours ends that many hours later), else the days."""
    last = activity.last_date
    if activity.start_time is None:
        return iso_date(activity.start_date), iso_date(
            last
        ) if last != activity.start_date else None
    start = local_datetime(activity.start_date, activity.start_time)
    if last == activity.start_date:
        end = start + dt.timedelta(hours=float(activity.hours)) if activity.hours else None
        return iso_date(start), iso_date(end)
    return iso_date(start), iso_date(last)


def _location(activity: Activity, *, url: str, language: str) -> dict | None:
    if activity.online:
        return {"@type": "VirtualLocation", "url": url}
    place = for_language(activity.place, language).strip()
    town = for_language(activity.municipality.name, language) if activity.municipality else ""
    if not place and not town:
        return None
    address = compact(
        {"@type": "PostalAddress", "addressLocality": town, "addressCountry": COUNTRY}
    )
    return compact({"@type": "Place", "name": place or town, "address": address})


def event_structured_data(activity: Activity, *, language: str) -> dict:
    """The event as schema.org describes one: its name, dates, whether it is on or
    cancelled, where (a place with its town, or online) and who organises it. Reads the
    activity and its municipality only (the page's selector joins it)."""
    url = absolute_url(reverse("events:event", args=[activity.pk]))
    start, end = _dates(activity)
    cancelled = activity.status == ActivityStatus.CANCELLED
    description = Truncator(for_language(activity.description, language)).words(DESCRIPTION_WORDS)
    return compact(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": for_language(activity.title, language),
            "description": description,
            "url": url,
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventCancelled"
            if cancelled
            else "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
            if activity.online
            else "https://schema.org/OfflineEventAttendanceMode",
            "location": _location(activity, url=url, language=language),
            "organizer": organization_ref(language=language),
        }
    )
