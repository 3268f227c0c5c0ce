"""What a public page carries in its head and how it travels: a favicon, a description of
its own for search engines and link previews, and gzip — but only where the page carries
no secret. A compressed page that reflects a CSRF token or someone's personal data next to
text an attacker chooses leaks that secret through its length (BREACH), so the event page
with its sign-up form, a registrant's own page and every staff page go uncompressed."""

import datetime as dt
import gzip

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import timezone

from programme.models import RevisionStatus
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.events.models import EventSignup
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_world(staff_user):
    event = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Округли сто за супервизоре",
        start_date=timezone.localdate() + dt.timedelta(days=5),
        status=ActivityStatus.SCHEDULED,
        is_public=True,
        created_by=staff_user,
    )
    EventSignup.objects.create(activity=event, is_open=True)
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    return {
        "home": "/",
        "events": "/events/",
        "event": f"/events/{event.pk}/",
        "programmes": "/programme/",
        "programme": "/programme/2030/",
        "programme-progress": "/programme/2030/progress/",
        "certificates": "/certificates/",
        "privacy": "/privacy/",
    }


def _head(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def test_every_page_links_a_favicon_that_exists(client, public_world):
    for url in public_world.values():
        icon = _head(client, url).find("link", rel="icon")
        assert icon is not None, url
        assert finders.find(icon["href"].removeprefix("/static/")), icon["href"]


def test_every_public_page_has_a_description_of_its_own(english, public_world):
    descriptions = {}
    for name, url in public_world.items():
        meta = _head(english, url).find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"].strip(), url
        descriptions[name] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    assert "Округли сто" in descriptions["event"] or "Okrugli sto" in descriptions["event"]


def _get_gzip(client, url: str):
    return client.get(url, headers={"accept-encoding": "gzip"})


@pytest.mark.parametrize("name", ["home", "events", "programmes", "programme", "privacy"])
def test_public_pages_without_a_secret_are_served_gzipped(client, public_world, name):
    for attempt in ("miss", "hit"):  # as rendered, and again from the public cache
        response = _get_gzip(client, public_world[name])
        assert response.status_code == 200
        assert response.get("Content-Encoding") == "gzip", (name, attempt)
        assert b"<html" in gzip.decompress(response.content)
        assert "Accept-Encoding" in response.get("Vary", "")


def test_the_event_page_with_its_sign_up_form_is_never_compressed(client, public_world):
    for _ in range(2):
        response = _get_gzip(client, public_world["event"])
        assert b"csrfmiddlewaretoken" in response.content
        assert not response.has_header("Content-Encoding")


def test_a_refused_sign_up_is_never_compressed(client, public_world):
    response = client.post(
        public_world["event"] + "register/",
        {"first_name": "Весна", "email": "vesna@example.rs"},
        headers={"accept-encoding": "gzip"},
    )
    assert not response.has_header("Content-Encoding")


def test_pages_of_a_logged_in_user_are_never_compressed(staff_client, public_world):
    for url in ("/", "/programme/2030/", "/staff/", "/staff/activities/"):
        response = _get_gzip(staff_client, url)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), url


def test_the_certificate_check_with_a_persons_name_is_never_compressed(client, public_world):
    response = _get_gzip(client, "/certificates/?code=ABCDEFGHIJ")
    assert not response.has_header("Content-Encoding")
