"""A public event's page: its canonical address with the language alternates, OpenGraph
tags and a schema.org `Event` (dates with the time, status, place or online, organiser);
a page that is not public is a 404 with none of it; the page queries as before."""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pzss.core.models import ActivityStatus, Municipality
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _event_data(response) -> dict:
    [script] = _soup(response).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_an_event_has_its_canonical_address_and_the_three_languages(client, event):
    url = f"/events/{event.pk}/"
    soup = _soup(client.get(url + "?lang=sr-latn&ref=mail"))
    assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE}{url}?lang=sr-latn"
    alternates = {a["hreflang"]: a["href"] for a in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        "sr-Cyrl": SITE + url,
        "sr-Latn": f"{SITE}{url}?lang=sr-latn",
        "en": f"{SITE}{url}?lang=en",
        "x-default": SITE + url,
    }
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    assert og["og:title"] == "Okrugli sto: Veštine donošenja odluka"
    assert "CSR Sombor" in og["og:description"]
    assert og["og:url"] == f"{SITE}{url}?lang=sr-latn"
    assert og["og:locale"] == "sr_Latn_RS"


def test_an_event_is_a_schema_org_event_at_its_place(client):
    event = make_event()
    event.municipality = Municipality.objects.get(name="Сомбор")
    event.save(update_fields=["municipality"])
    data = _event_data(client.get(f"/events/{event.pk}/"))  # English: content in Latin
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Okrugli sto: Veštine donošenja odluka"
    assert data["url"] == f"{SITE}/events/{event.pk}/"
    start = dt.datetime.fromisoformat(data["startDate"])
    assert start.date() == event.start_date and (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() is not None  # with the time zone
    assert dt.datetime.fromisoformat(data["endDate"]) - start == dt.timedelta(hours=6)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "CSR Sombor",
        "address": {"@type": "PostalAddress", "addressLocality": "Sombor", "addressCountry": "RS"},
    }
    assert data["organizer"]["name"] == "Pokrajinski zavod za socijalnu zaštitu"
    assert data["organizer"]["url"] == f"{SITE}/"


def test_an_online_event_has_a_virtual_location_and_days_without_a_time(client):
    event = make_event(length_days=2)
    event.online, event.start_time, event.place = True, None, ""
    event.save(update_fields=["online", "start_time", "place"])
    data = _event_data(client.get(f"/events/{event.pk}/"))
    assert data["startDate"] == event.start_date.isoformat()
    assert data["endDate"] == event.end_date.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": f"{SITE}/events/{event.pk}/"}


def test_a_cancelled_event_says_so(client, event):
    event.status, event.cancel_reason = ActivityStatus.CANCELLED, "Болест предавача."
    event.save(update_fields=["status", "cancel_reason"])
    data = _event_data(client.get(f"/events/{event.pk}/"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_title_with_a_script_tag_stays_inside_the_json(client, event):
    before = client.get(f"/events/{event.pk}/").content.decode().count("<script")
    event.title = "</script><script>alert(1)</script><!--"
    event.save(update_fields=["title"])
    response = client.get(f"/events/{event.pk}/")
    html = response.content.decode()
    assert html.count("<script") == before
    assert "<script>alert" not in html and "<!--" not in html
    assert _event_data(response)["name"] == event.title


def test_an_event_that_is_not_public_is_a_404_with_no_trace_of_it(client, event):
    event.is_public = False
    event.title = "Тајни састанак"
    event.save(update_fields=["is_public", "title"])
    for query in ("", "?lang=en"):
        response = client.get(f"/events/{event.pk}/{query}")
        assert response.status_code == 404
        html = response.content.decode()
        assert "Tajni" not in html and "Тајни" not in html and "ld+json" not in html


def test_lang_serves_the_event_in_its_language_and_is_cached_apart(client, event):
    client.cookies.pop("django_language")  # this fixture's client reads English by default
    url = f"/events/{event.pk}/"
    cyrillic = client.get(url)
    assert cyrillic["X-Cache"] == "miss" and _soup(cyrillic).html["lang"] == "sr-Cyrl"
    english = client.get(url + "?lang=en")
    assert english["X-Cache"] == "miss" and _soup(english).html["lang"] == "en"
    assert "Okrugli sto" in _soup(english).h1.get_text()
    assert "django_language" not in english.cookies
    assert client.get(url + "?lang=en")["X-Cache"] == "hit"
    again = client.get(url)
    assert again["X-Cache"] == "hit" and "Округли сто" in _soup(again).h1.get_text()


def test_the_event_page_queries_as_before(client):
    event = make_event()
    event.municipality = Municipality.objects.get(name="Сомбор")
    event.save(update_fields=["municipality"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/events/{event.pk}/").status_code == 200
    # the event with its municipality, sign-up options and seats taken; its questions;
    # the form's institutions (their count, then the list). The Event's place and town are
    # read from the event the page loaded.
    assert len(captured) == 4, [q["sql"] for q in captured]
