"""The iCalendar files, read back with the same library a calendar program would use."""

import datetime as dt
from types import SimpleNamespace

from icalendar import Calendar

from pzss.lib.ical import calendar


def _activity(**changes):
    fields = {
        "pk": 7,
        "title": (
            "Округли сто: Вештине доношења одлука у заштити деце, дуг наслов, с зарезом; и тачком"
        ),
        "description": "Ред један\nред два",
        "start_date": dt.date(2026, 12, 14),
        "end_date": None,
        "start_time": dt.time(10, 0),
        "hours": 6,
        "online": False,
        "place": "ЦСР Сомбор",
        "status": "scheduled",
    }
    return SimpleNamespace(**{**fields, **changes})


def _events(text: str):
    return [c for c in Calendar.from_ical(text).walk("VEVENT")]


def test_a_timed_event_reads_back_in_utc_with_its_hours_and_text():
    text = calendar([_activity()], language="sr", url_for=lambda a: "https://pzs.gov.rs/e/7/")
    [event] = _events(text)
    # 10:00 in Novi Sad in December is 09:00 UTC; the event lasts its six hours.
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 14, 15, 0, tzinfo=dt.UTC)
    assert str(event["summary"]).startswith("Округли сто: Вештине") and "; и тачком" in str(
        event["summary"]
    )
    assert str(event["description"]) == "Ред један\nред два"
    assert str(event["location"]) == "ЦСР Сомбор"
    assert str(event["url"]) == "https://pzs.gov.rs/e/7/"
    assert str(event["uid"]) == "activity-7@pzs.gov.rs"
    # Lines are folded at 75 octets, as RFC 5545 asks.
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75


def test_a_several_day_event_without_a_time_spans_whole_days_in_latin():
    activity = _activity(start_time=None, end_date=dt.date(2026, 12, 15))
    [event] = _events(calendar([activity], language="sr-latn", name="Догађаји"))
    assert event.decoded("dtstart") == dt.date(2026, 12, 14)
    assert event.decoded("dtend") == dt.date(2026, 12, 16)  # the day after the last
    assert str(event["location"]) == "CSR Sombor"


def test_a_cancelled_online_event_says_so():
    [event] = _events(calendar([_activity(status="cancelled", online=True)], language="en"))
    assert str(event["status"]) == "CANCELLED"
    assert str(event["location"]) == "Online"
