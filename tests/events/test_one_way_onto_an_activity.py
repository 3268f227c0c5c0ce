"""Every path that puts a person on an activity, or takes one off, goes through the one
service that holds the activity's lock: seats, per-institution limits and the waiting list
are obeyed whichever page staff use, a freed seat goes to the first person waiting, and
every page reads the waiting list in the order the service promotes in."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from pzss.core.models import Institution, Person, Registration, RegistrationStatus
from pzss.lib.translit import to_latin
from tests.events.conftest import form_by_action, form_data, make_event, soup

pytestmark = pytest.mark.django_db

SEATED = [
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.ABSENT,
]


@pytest.fixture
def staff_en(staff_client):
    staff_client.cookies["django_language"] = "en"
    return staff_client


def _public_signup(client, activity, n, *, institution="ЦСР Сомбор"):
    from tests.events.conftest import sign_up

    for i in range(n):
        response = sign_up(
            client, activity, first=f"Особа{i}", email=f"p{i}@example.rs", institution=institution
        )
        assert response.status_code == 302, response.content


def _person(name: str, institution: str = "ЦСР Сомбор") -> Person:
    return Person.objects.create(
        first_name=name,
        last_name="Тест",
        email=f"{name.lower()}@example.rs",
        institution=Institution.objects.get(name=institution),
    )


def _seated(activity) -> int:
    return Registration.objects.filter(activity=activity, status__in=SEATED).count()


def _status(activity, person) -> str:
    return Registration.objects.get(activity=activity, person=person).status


def test_adding_a_participant_to_a_full_activity_puts_them_on_the_waiting_list(client, staff_en):
    activity = make_event(capacity=1)
    _public_signup(client, activity, 1)
    person = _person("Marko")

    response = staff_en.post(
        f"/staff/activities/{activity.pk}/participants/add/", {"person": person.pk}
    )

    assert response.status_code in (200, 302)
    assert _status(activity, person) == RegistrationStatus.WAITLISTED
    assert _seated(activity) == 1


def test_a_person_typed_inline_into_a_full_activity_goes_to_the_waiting_list(client, staff_en):
    activity = make_event(capacity=1)
    _public_signup(client, activity, 1)

    staff_en.post(
        f"/staff/activities/{activity.pk}/participants/add/",
        {"new-first_name": "Јелена", "new-last_name": "Нова", "new-email": "jelena@example.rs"},
    )

    person = Person.objects.get(email="jelena@example.rs")
    assert _status(activity, person) == RegistrationStatus.WAITLISTED
    assert _seated(activity) == 1


def test_an_import_into_a_full_activity_puts_the_rest_on_the_waiting_list(
    client, staff_en, run_jobs
):
    activity = make_event(capacity=2)
    _public_signup(client, activity, 1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Име", "Презиме", "Е-пошта"])
    for i in range(3):
        writer.writerow([f"Увезен{i}", "Тест", f"import{i}@example.rs"])
    url = f"/staff/activities/{activity.pk}/participants/import/"
    upload = SimpleUploadedFile("list.csv", out.getvalue().encode(), content_type="text/csv")
    # The preview and the import are background jobs; here they run as the request commits.
    queued = run_jobs(staff_en.post, url, {"file": upload})
    form = form_by_action(soup(staff_en.get(queued.url)), url)
    run_jobs(staff_en.post, url, {**form_data(form), "confirm": "1"})

    assert _seated(activity) == 2
    assert (
        Registration.objects.filter(
            activity=activity, status=RegistrationStatus.WAITLISTED, source="import"
        ).count()
        == 2
    )


def test_adding_a_participant_obeys_the_seats_per_institution(client, staff_en):
    activity = make_event(capacity=10, per_institution_limit=1)
    _public_signup(client, activity, 1)  # ЦСР Сомбор has used its one seat
    person = _person("Petar")

    staff_en.post(f"/staff/activities/{activity.pk}/participants/add/", {"person": person.pk})

    assert _status(activity, person) == RegistrationStatus.WAITLISTED


def test_removing_a_participant_promotes_the_first_person_waiting(
    client, staff_en, django_capture_on_commit_callbacks, eager_celery
):
    activity = make_event(capacity=1)
    _public_signup(client, activity, 2)
    first, second = Registration.objects.filter(activity=activity).order_by("id")
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(f"/staff/activities/{activity.pk}/participants/{first.pk}/remove/")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED  # kept on record, not deleted
    assert second.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox if "seat is free" in m.subject] == [["p1@example.rs"]]


def _waiting_list(staff_client, activity) -> list[tuple[str, str]]:
    """(first name, the place shown beside the status) of each row, as staff read it."""
    page = soup(staff_client.get(f"/staff/events/{activity.pk}/?status=waitlisted"))
    rows = []
    for row in page.select("tbody tr"):
        cells = row.find_all("td")
        place = cells[2].find("span", class_="small")
        rows.append((cells[0].get_text(" ", strip=True).split()[0], place and place.text.strip()))
    return rows


def test_staff_page_lists_the_waiting_list_in_promotion_order(
    client, staff_en, django_capture_on_commit_callbacks
):
    activity = make_event(capacity=1)
    _public_signup(client, activity, 4)  # Особа0 has the seat; 1, 2, 3 wait in that order
    last = Registration.objects.get(activity=activity, person__first_name="Особа3")
    staff_en.post(
        f"/staff/events/{activity.pk}/registrations/{last.pk}/move/",
        {"position": 1, "reason": "Супервизорка групе"},
    )
    add = form_by_action(soup(staff_en.get(f"/staff/events/{activity.pk}/add/")), "")
    staff_en.post(
        f"/staff/events/{activity.pk}/add/",
        {**form_data(add), "first_name": "Особа4", "last_name": "Тест", "email": "p4@example.rs"},
    )

    rows = _waiting_list(staff_en, activity)

    # The page is English, so the names typed in Cyrillic read in Latin.
    assert rows == [("Osoba3", "#1"), ("Osoba1", "#2"), ("Osoba2", "#3"), ("Osoba4", "#4")]
    shown = [name for name, _place in rows]
    promoted = []
    for _ in shown:
        seated = Registration.objects.get(activity=activity, status=RegistrationStatus.CONFIRMED)
        with django_capture_on_commit_callbacks(execute=True):
            staff_en.post(f"/staff/events/{activity.pk}/registrations/{seated.pk}/cancel/")
        promoted.append(
            Registration.objects.get(
                activity=activity, status=RegistrationStatus.CONFIRMED
            ).person.first_name
        )
    assert [to_latin(name) for name in promoted] == shown
