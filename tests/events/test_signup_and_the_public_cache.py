"""A sign-up and the public page cache: the seats left are never stale, and a sign-up
refreshes only the pages that show them (its event's page and the event list), so the
home page, the programme and the other events stay cached while people sign up."""

import os
import threading

import pytest
from django.db import connection, transaction

from pzss.core.models import Institution, Registration
from pzss.events.services.signup import registration_signup
from tests.conftest import require
from tests.events.conftest import make_event, sign_up, soup


def _seats_badge(client, activity) -> str:
    page = client.get(f"/events/{activity.pk}/")
    assert page.status_code == 200
    return " ".join(soup(page).find(class_="seats-badge").text.split())


def _list_badges(client) -> list[str]:
    page = soup(client.get("/events/"))
    return [" ".join(b.text.split()) for b in page.select(".badge")]


@pytest.mark.django_db
def test_the_event_page_shows_the_free_seats_left_after_a_sign_up(client):
    event = make_event(capacity=10)
    assert _seats_badge(client, event) == "10 seats left"
    again = client.get(f"/events/{event.pk}/")
    assert again["X-Cache"] == "hit"
    assert sign_up(client, event, email="ana@example.rs").status_code == 302
    after = client.get(f"/events/{event.pk}/")
    assert after["X-Cache"] == "miss"
    assert " ".join(soup(after).find(class_="seats-badge").text.split()) == "9 seats left"
    assert sign_up(client, event, email="marko@example.rs", first="Марко").status_code == 302
    assert _seats_badge(client, event) == "8 seats left"


@pytest.mark.django_db
def test_the_event_list_shows_the_free_seats_left_after_a_sign_up(client):
    event = make_event(capacity=3)
    assert "3 seats left" in _list_badges(client)
    sign_up(client, event)
    assert "2 seats left" in _list_badges(client)
    assert "3 seats left" not in _list_badges(client)


@pytest.mark.django_db
def test_a_cancellation_frees_the_seat_on_the_event_page(client):
    event = make_event(capacity=1)
    url = sign_up(client, event)["Location"]
    assert _seats_badge(client, event) == "All seats are taken"
    client.post(url, {"action": "cancel"})
    assert _seats_badge(client, event) == "1 seat left"


@pytest.mark.django_db
def test_a_sign_up_leaves_the_other_public_pages_cached(client):
    event = make_event(capacity=10)
    other = make_event(capacity=5)
    pages = ["/", f"/events/{other.pk}/", "/programme/"]
    for path in pages:
        assert client.get(path).status_code == 200
    assert sign_up(client, event).status_code == 302
    for path in pages:
        assert client.get(path)["X-Cache"] == "hit", path
    # ...while a change to an event itself still refreshes every page.
    other.title = "Трибина супервизора"
    other.save(update_fields=["title"])
    for path in pages:
        assert client.get(path)["X-Cache"] == "miss", path
    assert "Tribina supervizora" in client.get("/").content.decode()  # in Latin: English


@pytest.mark.django_db
def test_the_sign_up_post_stays_within_its_queries(client, django_assert_max_num_queries):
    event = make_event(capacity=10)
    sign_up(client, event, email="first@example.rs")  # warm: content types, the page
    page = client.get(f"/events/{event.pk}/")
    assert page.status_code == 200
    from tests.events.conftest import form_by_action, form_data, option_value

    form = form_by_action(soup(page), f"/events/{event.pk}/register/")
    data = form_data(form)
    data.update(
        first_name="Ана",
        last_name="Јовановић",
        email="ana@example.rs",
        consent="on",
        institution=option_value(form, "institution", "ЦСР Сомбор"),
    )
    # Before the lock: the event with its sign-up options, its questions, the chosen
    # institution, the person by e-mail, the new person (in a savepoint: 3 statements).
    # Under the lock: the lock, the sign-up options with the seats taken, the last place
    # waiting and the person's registration (one statement), the registration, the audit
    # entry. Inside the test's transaction the sign-up's own is a savepoint (2 more).
    # Until this test, 15: the institution was checked again and the options read apart.
    with django_assert_max_num_queries(13):
        response = client.post(f"/events/{event.pk}/register/", data)
    assert response.status_code == 302
    assert Registration.objects.filter(activity=event).count() == 2


def _postgres_only():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL): two connections, one in a transaction")
    require(connection.vendor == "postgresql", "the commit-race test needs PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_while_a_sign_up_commits_is_not_kept(client):
    """A visitor who opens the event page after the sign-up saved its registration but
    before it committed reads the old seats, and that page is stored under the bumped
    generation: the bump at commit must send the next visitor past it."""
    _postgres_only()
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    event = make_event(capacity=10)
    institution = Institution.objects.get(name="ЦСР Сомбор")
    assert _seats_badge(client, event) == "10 seats left"
    saved, may_commit, errors = threading.Event(), threading.Event(), []

    def sign_up_and_wait() -> None:
        try:
            with transaction.atomic():
                registration_signup(
                    activity=event,
                    first_name="Ана",
                    last_name="Јовановић",
                    email="ana@example.rs",
                    institution=institution,
                )
                saved.set()
                assert may_commit.wait(timeout=30)
        except Exception as exc:  # shown by the assertion below
            errors.append(exc)
            saved.set()
        finally:
            connection.close()

    thread = threading.Thread(target=sign_up_and_wait)
    thread.start()
    assert saved.wait(timeout=30)
    # Not committed yet: this visitor reads ten free seats (and the page is stored).
    assert _seats_badge(client, event) == "10 seats left"
    may_commit.set()
    thread.join(timeout=30)
    assert errors == []
    assert _seats_badge(client, event) == "9 seats left"
