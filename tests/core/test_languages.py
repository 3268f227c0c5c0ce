"""The three readers of every page: Serbian in Cyrillic, Serbian in Latin, English."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from programme import services
from programme.models import RevisionStatus
from pzss.core.models import ActivityKind, StandingGroup
from pzss.events.documents import render_certificate
from pzss.events.models import Certificate, EventSignup
from tests.core.soup import soup
from tests.events.conftest import make_event
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "mark", "lang"),
    [("sr", "ПЗСЗ", None), ("sr-latn", "PZSZ", None), ("en", "PZSZ", "sr-Latn")],
)
def test_the_institute_mark_is_in_the_readers_script(client, language, mark, lang):
    client.cookies["django_language"] = language
    brand = soup(client.get("/")).select_one(".brand-mark")
    assert brand.text == mark
    assert brand.get("lang") == lang


@pytest.mark.parametrize("language", ["sr-latn", "en"])
def test_a_latin_or_english_home_page_has_no_cyrillic_but_the_script_switch(client, language):
    client.cookies["django_language"] = language
    page = soup(client.get("/"))
    cyrillic = page.find_all(string=lambda s: any("а" <= ch <= "ш" for ch in s.lower()))
    assert [(el.strip(), el.parent.get("lang")) for el in cyrillic] == [("Ћирилица", "sr-Cyrl")]


# --- words that mean one thing (the Serbian pages) -------------------------------------


@pytest.fixture
def sr(client):
    client.cookies["django_language"] = "sr"
    return client


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return soup(response).get_text(" ", strip=True)


def test_logging_in_and_signing_up_for_an_event_are_different_words(sr):
    event = make_event()
    login = soup(sr.get("/accounts/login/"))
    event_page = soup(sr.get(f"/events/{event.pk}/"))
    assert login.select_one("main form button[type=submit]").get_text(strip=True) == (
        "Пријавите се"
    )
    assert login.select_one("main h1").get_text(strip=True) == "Пријављивање за запослене"
    header = event_page.select_one(".site-header a[href='/accounts/login/']")
    assert header.get_text(strip=True) == "Пријављивање за запослене"
    signup = event_page.select_one("form.signup-form button[type=submit]")
    assert signup.get_text(strip=True) == "Пријавите учешће"
    assert event_page.select_one("#signup-h").get_text(strip=True) == "Пријава учешћа"
    # The event's words never name logging in, nor the login's words the event.
    assert "Пријави се" not in event_page.get_text() and "Пријава за запослене" not in (
        event_page.get_text()
    )
    assert "учешћ" not in login.select_one("main").get_text()


def test_a_programmes_changed_version_is_never_called_a_revizija(sr, staff_user):
    published = make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    services.revision_amend(user=None, programme=published.programme)
    sr.force_login(staff_user)
    pages = [
        "/programme/2030/",
        "/programme/2030/revisions/",
        "/programme/2030/compare/?a=1&b=2",
        "/programme/2030/edit/",
    ]
    for url in pages:
        assert "евизиј" not in _text(sr, url).lower(), url
    history = _text(sr, "/programme/2030/revisions/")
    assert "Верзије и историја измена" in history and "Измене и допуне верзије 1." in history


def test_a_job_is_a_radno_mesto_not_a_pozicija(sr, staff_user):
    event = make_event()
    for url in (f"/events/{event.pk}/", "/privacy/"):
        assert "озициј" not in _text(sr, url).lower(), url
    form = soup(sr.get(f"/events/{event.pk}/"))
    assert (
        form.find("label", attrs={"for": "id_position"})
        .get_text(strip=True)
        .startswith("Радно место")
    )
    sr.force_login(staff_user)
    assert "озициј" not in _text(sr, f"/staff/events/{event.pk}/add/").lower()


def test_the_time_frame_column_reads_vreme_realizacije(sr):
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    page = soup(sr.get("/programme/2030/"))
    headers = {th.get_text(strip=True) for th in page.select("table th")}
    assert "Време реализације" in headers and "Рок" not in headers


def test_a_standing_groups_name_is_not_labelled_as_a_persons(sr, staff_user):
    sr.force_login(staff_user)
    group = StandingGroup.objects.order_by("pk").first()
    form = soup(sr.get(f"/staff/support/groups/{group.pk}/"))
    label = form.find("label", attrs={"for": "id_name"}).get_text(" ", strip=True)
    assert label.startswith("Назив групе") and "Име и презиме" not in label


def test_the_button_that_opens_sign_up_says_to_open_it(sr, staff_user):
    sr.force_login(staff_user)
    activity = make_event()
    EventSignup.objects.filter(activity=activity).delete()
    page = soup(sr.get(f"/staff/events/{activity.pk}/"))
    settings_url = f"/staff/events/{activity.pk}/settings/"
    buttons = {a.get_text(strip=True) for a in page.select(f"main a[href='{settings_url}']")}
    assert "Отвори пријаве" in buttons and "Пријаве отворене" not in buttons


@pytest.mark.parametrize(
    ("kind", "participation"),
    [
        (ActivityKind.ROUND_TABLE, "учешће на округлом столу"),
        (ActivityKind.ACCREDITED_TRAINING, "учешће на акредитованој обуци"),
        (ActivityKind.WORKSHOP, "учешће на радионици"),
    ],
)
def test_the_certificate_names_the_participation_in_a_form_without_gender(kind, participation):
    certificate = Certificate(
        number="2026-0001",
        code="ABCD2345",
        person_name="Марија Петровић",
        institution_name="ЦСР Сомбор",
        activity_title="Вештине доношења одлука",
        activity_kind=kind,
        start_date=dt.date(2026, 3, 12),
        place="Сомбор",
        hours=6,
    )
    with translation.override("sr"):
        html = render_certificate(certificate, "sr").html
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert participation in text
    assert "/ла" not in text and "учествовао" not in text
    # The person, then what they took part in, with no verb that would need a gender.
    assert text.index("Марија Петровић") < text.index(f"за {participation}")
