"""The public sign-up, always through the rendered form: GET the event page, fill the
form that is there, POST it back."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from pzss.core.models import Activity, ActivityStatus, Person, Registration, RegistrationStatus
from pzss.events.models import SignupQuestion
from pzss.events.selectors import signed_token
from pzss.events.services.signup import registration_signup
from tests.events.conftest import form_by_action, make_event, sign_up, soup

pytestmark = pytest.mark.django_db


def soup_of_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _token_url(response) -> str:
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].startswith("/registrations/")
    return response["Location"]


def test_event_page_shows_what_when_where_seats_and_the_form(client, event):
    page = client.get(f"/events/{event.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    # An English reader sees the Cyrillic content in Latin script.
    assert "Okrugli sto: Veštine donošenja odluka" in html
    assert "CSR Sombor" in html
    assert "10:00" in html
    form = form_by_action(soup(page), f"/events/{event.pk}/register/")
    for name in ("first_name", "last_name", "email", "institution", "position", "consent"):
        assert form.find(attrs={"name": name}) is not None, name
    privacy = form.find("a", href="/privacy/")
    assert privacy is not None


def test_event_page_in_latin_shows_content_in_latin(client, event):
    client.cookies["django_language"] = "sr-latn"
    html = client.get(f"/events/{event.pk}/").content.decode()
    assert "Okrugli sto: Veštine donošenja odluka" in html


def test_sign_up_gets_a_seat_and_the_page_says_so(client, event):
    response = sign_up(client, event)
    page = client.get(_token_url(response))
    registration = Registration.objects.get(activity=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == "public"
    assert registration.institution.name == "ЦСР Сомбор"
    assert registration.person.email == "ana@example.rs"
    assert "You have a seat" in page.content.decode() or "confirmed" in page.content.decode()
    assert soup(page).find(class_="status-confirmed") is not None


def test_full_event_puts_the_next_person_on_the_waiting_list(client):
    activity = make_event(capacity=1)
    sign_up(client, activity, email="first@example.rs")
    response = sign_up(client, activity, email="second@example.rs", first="Марко")
    page = client.get(_token_url(response))
    second = Registration.objects.get(person__email="second@example.rs")
    assert second.status == RegistrationStatus.WAITLISTED
    assert soup(page).find(class_="status-waitlisted") is not None
    # The event page now says it is full and offers the waiting list.
    event_page = soup(client.get(f"/events/{activity.pk}/"))
    assert event_page.find(class_="seats-badge").text.strip()
    assert "0" not in event_page.find(class_="seats-badge").text  # "all seats are taken"


def test_the_same_email_twice_gets_the_existing_registration_back(client, event):
    sign_up(client, event, email="Ana@Example.rs")
    again = sign_up(client, event, email="ana@example.rs", first="Другa")
    assert again.status_code == 200
    assert Registration.objects.filter(activity=event).count() == 1
    assert Person.objects.filter(email__iexact="ana@example.rs").count() == 1
    # The page does not give away the other registration's personal link.
    assert signed_token(Registration.objects.get()) not in again.content.decode()


def test_repeated_posts_never_create_a_second_registration(client, event):
    page = client.get(f"/events/{event.pk}/")
    form = form_by_action(soup(page), f"/events/{event.pk}/register/")
    from tests.events.conftest import form_data, option_value

    data = form_data(form)
    data.update(
        first_name="Ана",
        last_name="Ј",
        email="ana@example.rs",
        consent="on",
        institution=option_value(form, "institution", "ЦСР Сомбор"),
    )
    for _ in range(3):
        client.post(f"/events/{event.pk}/register/", data)
    assert Registration.objects.filter(activity=event).count() == 1


def _refused(client, activity, message_part, **kwargs):
    people = Person.objects.count()
    response = sign_up(client, activity, **kwargs)
    assert response.status_code == 400
    assert message_part in response.content.decode()
    assert Registration.objects.filter(activity=activity).count() == 0
    assert Person.objects.count() == people
    return response


def test_sign_up_after_closing_is_refused(client, event):
    page = client.get(f"/events/{event.pk}/")  # the form is still on the visitor's screen
    form = form_by_action(soup(page), f"/events/{event.pk}/register/")
    event.signup.closes_at = timezone.now() - dt.timedelta(minutes=1)
    event.signup.save()
    from tests.events.conftest import form_data, option_value

    data = form_data(form)
    data.update(
        first_name="А",
        last_name="Б",
        email="a@example.rs",
        consent="on",
        institution=option_value(form, "institution", "ЦСР Сомбор"),
    )
    response = client.post(f"/events/{event.pk}/register/", data)
    assert response.status_code == 400
    assert "closed" in response.content.decode()
    assert not Registration.objects.exists()
    # and the page no longer offers the form
    assert soup(client.get(f"/events/{event.pk}/")).find("form", class_="signup-form") is None


def test_sign_up_for_a_cancelled_event_is_refused(client, event):
    page = client.get(f"/events/{event.pk}/")
    form = form_by_action(soup(page), f"/events/{event.pk}/register/")
    Activity.objects.filter(pk=event.pk).update(
        status=ActivityStatus.CANCELLED, cancel_reason="Болест"
    )
    from tests.events.conftest import form_data, option_value

    data = form_data(form)
    data.update(
        first_name="А",
        last_name="Б",
        email="a@example.rs",
        consent="on",
        institution=option_value(form, "institution", "ЦСР Сомбор"),
    )
    response = client.post(f"/events/{event.pk}/register/", data)
    assert response.status_code == 400
    assert "cancelled" in response.content.decode()
    assert not Registration.objects.exists()


def test_sign_up_without_consent_is_refused(client, event):
    _refused(client, event, "Without your consent", consent=False)


def test_sign_up_with_a_malformed_email_is_refused(client, event):
    _refused(client, event, "valid email", email="ana@@example")


def test_sign_up_with_an_institution_that_does_not_exist_is_refused(client, event):
    _refused(client, event, "Choose an institution from the list", extra={"institution": "999999"})


def test_group_event_refuses_someone_outside_the_group(client, group2):
    activity = make_event(admission="groups")
    activity.signup.admitted_groups.set([group2])
    _refused(client, activity, "members of", institution="ЦСР Стара Пазова")


def test_group_event_admits_a_member_institution(client, group2):
    activity = make_event(admission="groups")
    activity.signup.admitted_groups.set([group2])
    response = sign_up(client, activity, institution="ЦСР Сомбор")
    _token_url(response)
    assert Registration.objects.get(activity=activity).status == RegistrationStatus.CONFIRMED


def test_group_event_admits_a_listed_member_from_another_institution(client, group2):
    from pzss.core.models import Institution

    member = Person.objects.create(
        first_name="Мила",
        last_name="Милић",
        email="mila@example.rs",
        institution=Institution.objects.get(name="ЦСР Стара Пазова"),
    )
    group2.members.add(member)
    activity = make_event(admission="groups")
    activity.signup.admitted_groups.set([group2])
    response = sign_up(client, activity, email="mila@example.rs", institution="ЦСР Стара Пазова")
    _token_url(response)


def test_institution_kind_restriction(client):
    activity = make_event(
        admission="institution_kinds", admitted_institution_kinds=["children_home"]
    )
    _refused(client, activity, "kinds of institution", institution="ЦСР Сомбор")


def test_event_questions_are_asked_checked_and_stored(client, event):
    text = SignupQuestion.objects.create(activity=event, label="Тема за разговор", required=True)
    choice = SignupQuestion.objects.create(
        activity=event, label="Оброк", kind="choice", choices=["Месо", "Посно"], order=1
    )
    yesno = SignupQuestion.objects.create(
        activity=event, label="Долазите колима?", kind="yesno", required=True, order=2
    )
    # A required question left empty: refused, nothing stored.
    response = sign_up(client, event, extra={f"q_{yesno.pk}": "yes"})
    assert response.status_code == 400
    assert not Registration.objects.exists()
    page = soup(client.get(f"/events/{event.pk}/"))
    form = form_by_action(page, f"/events/{event.pk}/register/")
    assert form.find("textarea", attrs={"name": f"q_{text.pk}"}) is not None
    from tests.events.conftest import radio_values

    assert radio_values(form, f"q_{choice.pk}") == ["Месо", "Посно"]
    assert radio_values(form, f"q_{yesno.pk}") == ["yes", "no"]
    response = sign_up(
        client,
        event,
        extra={f"q_{text.pk}": "Супервизија", f"q_{choice.pk}": "Посно", f"q_{yesno.pk}": "no"},
    )
    _token_url(response)
    answers = Registration.objects.get().answers
    assert answers == {str(text.pk): "Супервизија", str(choice.pk): "Посно", str(yesno.pk): False}


def test_cancelling_by_the_personal_link_promotes_the_first_on_the_waiting_list(
    client, django_capture_on_commit_callbacks, eager_celery
):
    activity = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first_url = _token_url(sign_up(client, activity, email="first@example.rs"))
        sign_up(client, activity, email="second@example.rs")
        sign_up(client, activity, email="third@example.rs")
    assert Registration.objects.get(person__email="second@example.rs").status == "waitlisted"
    mail.outbox.clear()
    page = client.get(first_url)
    cancel_form = soup(page).find("input", attrs={"name": "action", "value": "cancel"}).parent
    assert cancel_form.name == "form"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first_url, {"action": "cancel"})
    assert response.status_code == 302
    assert Registration.objects.get(person__email="first@example.rs").status == "cancelled"
    assert Registration.objects.get(person__email="second@example.rs").status == "confirmed"
    assert Registration.objects.get(person__email="third@example.rs").status == "waitlisted"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["first@example.rs", "second@example.rs"]
    promoted = next(m for m in mail.outbox if m.to == ["second@example.rs"])
    assert promoted.attachments and promoted.attachments[0][0] == "event.ics"
    # The link of the cancelled registration says so, and offers nothing to cancel.
    page = client.get(first_url)
    assert soup(page).find(class_="status-cancelled") is not None
    assert soup(page).find("input", attrs={"name": "action"}) is None


def test_a_tampered_or_expired_link_is_404_and_changes_nothing(client, event, settings):
    url = _token_url(sign_up(client, event))
    token = url.split("/")[2]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.get(f"/registrations/{tampered}/").status_code == 404
    assert client.post(f"/registrations/{tampered}/", {"action": "cancel"}).status_code == 404
    assert client.get("/registrations/not-a-token/").status_code == 404
    from pzss.events import selectors as registration_selectors

    old = registration_selectors.TOKEN_MAX_AGE
    registration_selectors.TOKEN_MAX_AGE = -1
    try:
        assert client.post(url, {"action": "cancel"}).status_code == 404
    finally:
        registration_selectors.TOKEN_MAX_AGE = old
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_sign_up_posts_are_rate_limited_per_address(client, event, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/h"  # an hour: three requests never straddle a window
    from django.core.cache import cache

    cache.clear()
    assert sign_up(client, event, email="a1@example.rs").status_code == 302
    assert sign_up(client, event, email="a2@example.rs").status_code == 302
    blocked = sign_up(client, event, email="a3@example.rs")
    assert blocked.status_code == 429
    assert "Too many sign-ups" in blocked.content.decode()
    assert Registration.objects.count() == 2
    # Another address is not affected.
    other = sign_up(client, event, email="a4@example.rs", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_two_visitors_behind_the_proxy_do_not_share_a_sign_up_limit(client, event, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/h"  # an hour: three requests never straddle a window
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    ana = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    bojan = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert sign_up(client, event, email="a1@example.rs", **ana).status_code == 302
    assert sign_up(client, event, email="a2@example.rs", **ana).status_code == 302
    assert sign_up(client, event, email="a3@example.rs", **ana).status_code == 429
    assert sign_up(client, event, email="b1@example.rs", **bojan).status_code == 302
    # A forged entry to the left of what the proxy wrote does not buy a fresh limit.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5"}
    assert sign_up(client, event, email="a4@example.rs", **forged).status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored_by_the_sign_up_limit(
    client, event, settings
):
    settings.REGISTRATION_RATE_LIMIT = "2/h"  # an hour: three requests never straddle a window
    settings.PROXY_COUNT = 0
    for n, forged in enumerate(["203.0.113.5", "203.0.113.6"]):
        response = sign_up(client, event, email=f"a{n}@example.rs", HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 302
    blocked = sign_up(client, event, email="a9@example.rs", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429


def test_an_empty_rate_limit_turns_the_limit_off(client, event, settings):
    settings.REGISTRATION_RATE_LIMIT = ""
    for n in range(12):
        assert sign_up(client, event, email=f"x{n}@example.rs").status_code == 302


def test_confirmation_email_in_the_persons_script_with_ics_and_link(
    client, event, django_capture_on_commit_callbacks, eager_celery
):
    client.cookies["django_language"] = "sr-latn"
    with django_capture_on_commit_callbacks(execute=True):
        url = _token_url(sign_up(client, event))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Okrugli sto: Veštine donošenja odluka" in message.subject
    assert "Округли" not in message.body
    assert url in message.body
    html = message.alternatives[0][0]
    assert url in html
    ics = message.attachments[0]
    assert ics[0] == "event.ics" and "BEGIN:VEVENT" in ics[1]
    assert Registration.objects.get().language == "sr-latn"


def test_an_english_confirmation_email_is_in_latin_with_the_serbian_marked(
    client, event, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, event)
    message = mail.outbox[0]
    assert "Округли" not in message.body and "Okrugli sto" in message.body
    html = soup_of_html(message.alternatives[0][0])
    marked = {s.get_text() for s in html.select("span[lang='sr-Latn']")}
    assert "Okrugli sto: Veštine donošenja odluka" in marked
    assert "CSR Sombor" in marked
    assert f"{event.start_date.day} {event.start_date:%b %Y}" in html.get_text()


def test_event_list_shows_seats_left_and_links_to_the_event(client, django_assert_num_queries):
    for n in range(5):
        make_event(capacity=3 + n)
    # count for the paginator, the events with their seat counts
    with django_assert_num_queries(2):
        page = client.get("/events/")
    links = [a["href"] for a in soup(page).select("a.event-row")]
    assert len(links) == 5
    assert "seats left" in page.content.decode()
    for _n in range(45):
        make_event(capacity=3)
    with django_assert_num_queries(2):
        client.get("/events/")


def test_ical_feed_lists_upcoming_public_events(client, event):
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert f"UID:activity-{event.pk}@" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_after_the_event_the_link_cancels_nothing(client, event):
    url = _token_url(sign_up(client, event))
    Activity.objects.filter(pk=event.pk).update(
        start_date=timezone.localdate() - dt.timedelta(days=2)
    )
    page = soup(client.get(url))
    assert page.find("input", attrs={"name": "action"}) is None
    client.post(url, {"action": "cancel"})
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_a_name_with_invisible_formatting_characters_is_stored_clean(client, event):
    response = sign_up(client, event, first="А\u200bна\u202e", last="\u202eЈова\u200bновић\u200f")
    _token_url(response)
    person = Registration.objects.get(activity=event).person
    assert (person.first_name, person.last_name) == ("Ана", "Јовановић")


def test_the_sign_up_service_cleans_names_whoever_calls_it(event):
    from_service = registration_signup(
        activity=event,
        first_name="Ма\u200bрко\u0000",
        last_name="\ufeffМарковић",
        email="marko@example.rs",
        institution=None,
    )
    person = from_service.registration.person
    assert (person.first_name, person.last_name) == ("Марко", "Марковић")


# --- every reader: the script, the lang of the content, the dates ---------------------


def test_an_english_event_page_shows_serbian_content_in_latin_marked_sr_latn(client, event):
    page = soup(client.get(f"/events/{event.pk}/"))
    assert page.html["lang"] == "en"
    title = page.select_one("h1.event-title span[lang]")
    assert title["lang"] == "sr-Latn"
    assert title.text == "Okrugli sto: Veštine donošenja odluka"
    place = [s.text for s in page.select(".event-facts span[lang='sr-Latn']")]
    assert "CSR Sombor" in place
    # No Cyrillic is left for a reader who cannot read it, but for the script switch,
    # which says in its own lang that it is Cyrillic.
    cyrillic = [
        el for el in page.find_all(string=lambda s: any("а" <= ch <= "ш" for ch in s.lower()))
    ]
    assert [el.parent.get("lang") for el in cyrillic] == ["sr-Cyrl"]


def test_a_serbian_page_carries_no_lang_on_serbian_content(client, event):
    client.cookies["django_language"] = "sr"
    page = soup(client.get(f"/events/{event.pk}/"))
    assert page.html["lang"] == "sr-Cyrl"
    assert page.select_one("h1.event-title").text == "Округли сто: Вештине доношења одлука"
    assert not page.select("main [lang]")


def test_an_english_page_writes_dates_in_english(client, event):
    page = soup(client.get(f"/events/{event.pk}/"))
    when = page.select_one(".event-facts dd").text
    english_date = f"{event.start_date.day} {event.start_date:%b %Y}"
    assert f"{event.start_date:%A}, {english_date}" in when
    assert f"{event.start_date:%d.%m.%Y.}" not in when


def test_a_serbian_page_writes_dates_as_serbs_do(client, event):
    client.cookies["django_language"] = "sr-latn"
    page = soup(client.get(f"/events/{event.pk}/"))
    assert f"{event.start_date:%d.%m.%Y.}" in page.select_one(".event-facts dd").text
