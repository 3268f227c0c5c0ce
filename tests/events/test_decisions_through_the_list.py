"""The staff decisions on one registration (approve, reject, cancel, move on the waiting
list, mark attendance), each through the form the list really shows: what it says, where
it sends staff back, what it does with missing input, with a refused decision and with a
registration of another event. They share one view (DecisionView); these pin what each
of them does."""

import pytest
from django.contrib.messages import get_messages

from pzss.core.models import Registration
from tests.events.conftest import form_by_action, form_data, make_event, soup
from tests.events.test_staff_pages import _fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_en(staff_client):
    staff_client.cookies["django_language"] = "en"
    return staff_client


def _said(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _url(activity, registration, action):
    return f"/staff/events/{activity.pk}/registrations/{registration.pk}/{action}/"


def _list(activity, status=""):
    url = f"/staff/events/{activity.pk}/"
    return f"{url}?status={status}" if status else url


def _post_the_form(client, activity, registration, action, tab="", **values):
    page = soup(client.get(_list(activity, tab)))
    form = form_by_action(page, _url(activity, registration, action))
    data = form_data(form)
    data.update(values)
    return client.post(form["action"], data)


def test_approve_says_so_and_returns_to_the_tab_it_came_from(staff_en):
    activity = make_event(capacity=1, needs_approval=True)
    (pending,) = _fill(activity, 1)
    response = _post_the_form(staff_en, activity, pending, "approve", tab="pending")
    assert response.status_code == 302 and response["Location"] == _list(activity, "pending")
    assert _said(response) == [("success", "Approved; the person is told by e-mail.")]
    pending.refresh_from_db()
    assert pending.status == "confirmed"


def test_approving_what_is_not_awaiting_approval_is_refused_with_the_services_reason(staff_en):
    activity = make_event(capacity=1)
    (confirmed,) = _fill(activity, 1)
    response = staff_en.post(_url(activity, confirmed, "approve"), {"back": "confirmed"})
    assert response["Location"] == _list(activity, "confirmed")
    (said,) = _said(response)
    assert said[0] == "error" and said[1]
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"


def test_reject_without_a_reason_asks_for_one_and_changes_nothing(staff_en):
    activity = make_event(capacity=1, needs_approval=True)
    (pending,) = _fill(activity, 1)
    response = _post_the_form(staff_en, activity, pending, "reject", tab="pending", reason=" ")
    assert response["Location"] == _list(activity, "pending")
    assert _said(response) == [("error", "Say why the sign-up is rejected.")]
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_reject_with_a_reason_says_so(staff_en):
    activity = make_event(capacity=1, needs_approval=True)
    (pending,) = _fill(activity, 1)
    response = _post_the_form(staff_en, activity, pending, "reject", reason="Није из ЦСР")
    assert response["Location"] == _list(activity)
    assert _said(response) == [("success", "Rejected; the person is told by e-mail.")]
    pending.refresh_from_db()
    assert (pending.status, pending.decision_reason) == ("rejected", "Није из ЦСР")


def test_cancel_says_the_freed_seat_went_to_the_waiting_list(staff_en):
    activity = make_event(capacity=1)
    seated, waiting = _fill(activity, 2)
    response = _post_the_form(staff_en, activity, seated, "cancel", tab="confirmed")
    assert response["Location"] == _list(activity, "confirmed")
    assert _said(response) == [("success", "Cancelled; a freed seat went to the waiting list.")]
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == ("cancelled", "confirmed")


def test_cancelling_twice_is_refused_the_second_time(staff_en):
    activity = make_event(capacity=1)
    (seated,) = _fill(activity, 1)
    staff_en.post(_url(activity, seated, "cancel"), {"back": ""})
    staff_en.get(_list(activity))  # shows, and so clears, the first message
    response = staff_en.post(_url(activity, seated, "cancel"), {"back": ""})
    assert response["Location"] == _list(activity)
    (said,) = _said(response)
    assert said[0] == "error" and said[1]
    seated.refresh_from_db()
    assert seated.status == "cancelled"


def test_move_says_the_new_place_and_returns_to_the_waiting_list(staff_en):
    activity = make_event(capacity=1)
    _seat, first, second = _fill(activity, 3)
    response = _post_the_form(
        staff_en, activity, second, "move", tab="waitlisted", position="1", reason="Приоритет"
    )
    assert response["Location"] == _list(activity, "waitlisted")
    assert _said(response) == [("success", "Moved to place 1.")]
    assert [r.pk for r in Registration.objects.filter(activity=activity).waitlisted()] == [
        second.pk,
        first.pk,
    ]


def test_move_without_a_place_or_a_reason_asks_for_both(staff_en):
    activity = make_event(capacity=1)
    _seat, first, second = _fill(activity, 3)
    response = staff_en.post(_url(activity, second, "move"), {"position": "", "reason": ""})
    assert response["Location"] == _list(activity, "waitlisted")
    assert _said(response) == [("error", "Give the new place and the reason for the move.")]
    assert [r.pk for r in Registration.objects.filter(activity=activity).waitlisted()] == [
        first.pk,
        second.pk,
    ]


@pytest.mark.parametrize("action", ["approve", "reject", "cancel", "move", "attendance"])
def test_a_registration_of_another_event_is_a_404_and_stays_as_it_was(staff_en, action):
    activity, other = make_event(capacity=1), make_event(capacity=1)
    (theirs,) = _fill(other, 1)
    if action == "attendance":
        url = f"/staff/events/{activity.pk}/attendance/{theirs.pk}/"
    else:
        url = _url(activity, theirs, action)
    response = staff_en.post(url, {"reason": "Разлог", "position": "1", "present": "1"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "confirmed"


def test_marking_attendance_without_htmx_returns_to_the_day(staff_en):
    activity = make_event(length_days=2)
    (seated,) = _fill(activity, 1)
    day = activity.start_date.isoformat()
    url = f"/staff/events/{activity.pk}/attendance/{seated.pk}/"
    response = staff_en.post(url, {"day": day, "present": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/events/{activity.pk}/attendance/?day={day}"
    assert _said(response) == []
    seated.refresh_from_db()
    assert seated.status == "attended"


def test_a_refused_attendance_mark_answers_htmx_with_400_and_the_reason(staff_en):
    activity = make_event(capacity=1)
    _seat, waiting = _fill(activity, 2)
    url = f"/staff/events/{activity.pk}/attendance/{waiting.pk}/"
    response = staff_en.post(url, {"present": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Only confirmed participants can be marked present or absent." in (
        response.content.decode()
    )
    # Without htmx the same refusal is a message on the attendance page.
    response = staff_en.post(url, {"present": "1"})
    assert response.status_code == 302
    assert _said(response) == [
        ("error", "Only confirmed participants can be marked present or absent.")
    ]
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"
