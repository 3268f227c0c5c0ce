"""Staff pages of an event's sign-up, tried by staff, a user without a role and an
anonymous visitor; forms through the rendered page."""

import csv
import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from pzss.core.models import AuditEntry, Institution, Registration, RegistrationStatus
from pzss.documents.models import Document
from pzss.events.models import Certificate, EventSignup
from pzss.events.services.signup import registration_signup
from pzss.events.services.waitlist import waitlist, waitlist_move
from tests.core.soup import cyrillic_choices
from tests.events.conftest import form_by_action, form_data, make_event, soup

pytestmark = pytest.mark.django_db


def _fill(activity, n, *, start=0, institution=None):
    institution = institution or Institution.objects.get(name="ЦСР Сомбор")
    return [
        registration_signup(
            activity=activity,
            first_name=f"Особа{i}",
            last_name="Тест",
            email=f"p{i}@example.rs",
            institution=institution,
        ).registration
        for i in range(start, start + n)
    ]


@pytest.fixture
def staff_en(staff_client):
    staff_client.cookies["django_language"] = "en"
    return staff_client


STAFF_URLS = [
    "/staff/events/{pk}/",
    "/staff/events/{pk}/settings/",
    "/staff/events/{pk}/add/",
    "/staff/events/{pk}/message/",
    "/staff/events/{pk}/attendance/",
    "/staff/events/{pk}/export.csv",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages_open_for_staff(staff_en, event, url):
    assert staff_en.get(url.format(pk=event.pk)).status_code == 200


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages_are_403_without_a_role(plain_client, event, url):
    assert plain_client.get(url.format(pk=event.pk)).status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages_send_anonymous_visitors_to_log_in(client, event, url):
    response = client.get(url.format(pk=event.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_actions_refuse_a_user_without_a_role(plain_client, event):
    registration = _fill(event, 1)[0]
    url = f"/staff/events/{event.pk}/registrations/{registration.pk}/cancel/"
    assert plain_client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_activity_page_links_to_the_sign_up(staff_en, event):
    page = soup(staff_en.get(f"/staff/activities/{event.pk}/"))
    assert page.find("a", href=f"/staff/events/{event.pk}/") is not None


def test_registrations_list_counts_and_query_count_hold_at_5_and_50(
    staff_en, django_assert_max_num_queries
):
    activity = make_event(capacity=3)
    _fill(activity, 5)
    # session, user, groups, activity (+questions), signup, the paginator's count, a page of
    # registrations, the whole waiting list's ids (for the places),
    # counts, sign-in document, certificate counts: constant in the rows. Paging added two
    # (the count and the waiting list's ids), the same at any size.
    with django_assert_max_num_queries(16) as few:
        page = staff_en.get(f"/staff/events/{activity.pk}/")
    html = page.content.decode()
    cards = [c.text.strip() for c in soup(page).select(".count-cards .stat")]
    assert cards[0].startswith("3") and cards[1] == "2"
    assert "Osoba0" in html
    _fill(activity, 45, start=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_en.get(f"/staff/events/{activity.pk}/")


@pytest.mark.parametrize("status", ["waitlisted", "pending", "attended"])
def test_each_status_tab_has_the_same_query_count_at_5_and_50_rows(
    staff_en, django_assert_max_num_queries, status
):
    # The rows' actions, badges, labels and certificates are worked out in the view from
    # what the page's one query brought (person, institution, certificate; attendance
    # prefetched): more rows add no query. The queries are those of the list above.
    activity = make_event(capacity=1, needs_approval=True)
    from pzss.events.services.certificates import certificates_issue

    def grow(n, start):
        rows = _fill(activity, n, start=start)
        if status == "attended":
            Registration.objects.filter(pk__in=[r.pk for r in rows]).update(status="attended")
            certificates_issue(user=None, activity=activity)
        elif status == "pending":
            Registration.objects.filter(pk__in=[r.pk for r in rows]).update(status="pending")

    grow(5, 0)
    with django_assert_max_num_queries(16) as few:
        page = staff_en.get(f"/staff/events/{activity.pk}/?status={status}")
    assert len(soup(page).select("tbody tr")) >= 4
    grow(45, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = staff_en.get(f"/staff/events/{activity.pk}/?status={status}")
    assert len(soup(page).select("tbody tr")) >= 49


def test_each_row_offers_the_actions_its_status_allows(staff_en):
    activity = make_event(capacity=2, needs_approval=True)
    pending, confirmed, waiting = _fill(activity, 3)
    confirmed.status = "confirmed"
    confirmed.save(update_fields=["status"])
    html = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    base = f"/staff/events/{activity.pk}/registrations"

    def actions(registration):
        forms = html.find_all("form", action=lambda a: a and a.startswith(f"{base}/"))
        return sorted(
            f["action"].rsplit("/", 2)[1]
            for f in forms
            if f["action"].startswith(f"{base}/{registration.pk}/")
        )

    assert actions(pending) == ["approve", "cancel", "reject"]
    assert actions(confirmed) == ["cancel"]
    assert actions(waiting) == ["cancel", "move", "reject"]
    move = form_by_action(html, f"{base}/{waiting.pk}/move/")
    assert move.find("input", attrs={"name": "position"})["value"] == "1"
    assert move.find("label", attrs={"for": f"pos-{waiting.pk}"}).text == "New place"
    reject = form_by_action(html, f"{base}/{pending.pk}/reject/")
    assert reject.find("input", attrs={"name": "reason"})["placeholder"] == "Reason for rejecting"
    assert reject.find("label", attrs={"for": f"reason-{pending.pk}"}).text == "Reason"


def test_registrations_list_shows_100_a_page_and_the_rest_on_the_next(staff_en):
    activity = make_event(capacity=200)
    _fill(activity, 103)
    first = staff_en.get(f"/staff/events/{activity.pk}/")
    assert len(soup(first).select("tbody tr")) == 100
    second = staff_en.get(f"/staff/events/{activity.pk}/?page=2")
    assert len(soup(second).select("tbody tr")) == 3
    # The counts above the table are the event's, not the page's.
    assert soup(second).select(".count-cards .stat")[0].text.strip().startswith("103")


@pytest.mark.parametrize("status", ["", "waitlisted"])
def test_waiting_list_places_on_a_later_page_are_places_in_the_whole_waiting_list(staff_en, status):
    activity = make_event(capacity=1)
    _fill(activity, 104)  # one seat, 103 waiting
    last = Registration.objects.filter(activity=activity).waitlisted().last()
    waitlist_move(user=None, registration=last, position=2, reason="Ранија пријава телефоном")
    query = f"?status={status}&page=2" if status else "?page=2"
    response = staff_en.get(f"/staff/events/{activity.pk}/{query}")
    rows = response.context["registrations"]
    assert rows and all(r.status == "waitlisted" or status == "" for r in rows)
    ids = list(
        Registration.objects.filter(activity=activity).waitlisted().values_list("pk", flat=True)
    )
    for r in rows:
        if r.status == "waitlisted":
            assert r.place == ids.index(r.pk) + 1
    if status:
        assert [r.place for r in rows] == [101, 102, 103]
        assert "#103" in response.content.decode()


def test_settings_form_opens_an_event_for_a_group_with_a_question(staff_en, group2):
    activity = make_event(capacity=5)
    EventSignup.objects.filter(activity=activity).delete()
    url = f"/staff/events/{activity.pk}/settings/"
    page = soup(staff_en.get(url))
    form = page.find("main").find("form", method="post")
    data = form_data(form)
    data.update(
        capacity="12",
        admission="groups",
        admitted_groups=str(group2.pk),
        accreditation_number="A-123/2026",
        licence_points="8",
        needs_approval="on",
        **{"q-0-label": "Оброк", "q-0-kind": "choice", "q-0-choices": "Месо\nПосно"},
    )
    response = staff_en.post(url, data)
    assert response.status_code == 302, [
        e.text for e in soup(response).select(".invalid-feedback, .alert-danger, .errorlist")
    ]
    signup = EventSignup.objects.get(activity=activity)
    activity.refresh_from_db()
    assert activity.capacity == 12
    assert list(signup.admitted_groups.all()) == [group2]
    assert signup.needs_approval and signup.accreditation_number == "A-123/2026"
    assert [q.choices for q in activity.questions.all()] == [["Месо", "Посно"]]


def test_more_seats_go_to_the_waiting_list_at_once(staff_en):
    activity = make_event(capacity=1)
    _fill(activity, 3)
    url = f"/staff/events/{activity.pk}/settings/"
    data = form_data(soup(staff_en.get(url)).find("main").find("form", method="post"))
    data["capacity"] = "2"
    assert staff_en.post(url, data).status_code == 302
    statuses = dict(
        Registration.objects.filter(activity=activity).values_list("person__email", "status")
    )
    assert statuses == {
        "p0@example.rs": "confirmed",
        "p1@example.rs": "confirmed",
        "p2@example.rs": "waitlisted",
    }


def test_approve_and_reject_with_a_reason(
    staff_en, django_capture_on_commit_callbacks, eager_celery
):
    activity = make_event(capacity=1, needs_approval=True)
    first, second = _fill(activity, 2)
    assert (first.status, second.status) == ("pending", "waitlisted")
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    # Rejecting needs a reason: the form asks for it.
    reject = form_by_action(page, f"/staff/events/{activity.pk}/registrations/{first.pk}/reject/")
    data = form_data(reject)
    staff_en.post(reject["action"], data)  # no reason
    first.refresh_from_db()
    assert first.status == "pending"
    data["reason"] = "Није из центра за социјални рад"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(reject["action"], data)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "rejected"
    assert first.decision_reason == "Није из центра за социјални рад"
    # The freed seat went to the waiting list (pending again, as the event needs approval).
    assert second.status == "pending"
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.rs", "p1@example.rs"]
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    approve = form_by_action(
        page, f"/staff/events/{activity.pk}/registrations/{second.pk}/approve/"
    )
    staff_en.post(approve["action"], form_data(approve))
    second.refresh_from_db()
    assert second.status == "confirmed"


def test_move_on_the_waiting_list_records_the_reason(staff_en):
    activity = make_event(capacity=1)
    _seat, a, b, c = _fill(activity, 4)
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/?status=waitlisted"))
    move = form_by_action(page, f"/staff/events/{activity.pk}/registrations/{c.pk}/move/")
    data = form_data(move)
    data.update(position="1", reason="Супервизор групе, приоритет")
    assert staff_en.post(move["action"], data).status_code == 302
    assert [r.pk for r in waitlist(activity)] == [c.pk, a.pk, b.pk]
    entry = AuditEntry.objects.filter(action="waitlist_move").get()
    assert entry.comment == "Супервизор групе, приоритет"
    assert entry.changes == {"waitlist_position": [3, 1]}


def test_staff_add_someone_by_hand(staff_en):
    activity = make_event(capacity=1)
    _fill(activity, 1)
    url = f"/staff/events/{activity.pk}/add/"
    form = soup(staff_en.get(url)).find("main").find("form", method="post")
    data = form_data(form)
    data.update(first_name="Зоран", last_name="Зорић", email="zoran@example.rs")
    assert staff_en.post(url, data).status_code == 302
    added = Registration.objects.get(person__email="zoran@example.rs")
    assert added.status == "waitlisted" and added.source == "staff"
    data.update(email="mira@example.rs", first_name="Мира", seat_over_capacity="on")
    staff_en.post(url, data)
    assert Registration.objects.get(person__email="mira@example.rs").status == "confirmed"


def test_exports_xlsx_and_csv(staff_en):
    activity = make_event()
    _fill(activity, 3)
    response = staff_en.get(f"/staff/events/{activity.pk}/export.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 4
    response = staff_en.get(f"/staff/events/{activity.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4 and rows[1][3] == "p0@example.rs"


def test_export_never_writes_a_formula(staff_en):
    activity = make_event()
    registration_signup(
        activity=activity,
        first_name="=HYPERLINK(1)",
        last_name="X",
        email="x@example.rs",
        institution=None,
    )
    rows = list(
        csv.reader(
            io.StringIO(staff_en.get(f"/staff/events/{activity.pk}/export.csv").content.decode())
        )
    )
    assert rows[1][2].startswith("'=")


def test_email_all_confirmed(staff_en, django_capture_on_commit_callbacks, eager_celery):
    activity = make_event(capacity=2)
    _fill(activity, 3)
    url = f"/staff/events/{activity.pk}/message/"
    form = soup(staff_en.get(url + "?to=confirmed")).find("main").find("form", method="post")
    data = form_data(form)
    assert data["recipients"] == "confirmed"
    data.update(subject="Промена сале", body="Састанак је у сали 2.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_en.post(url, data).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.rs", "p1@example.rs"]
    assert "Састанак је у сали 2." in mail.outbox[0].body


def test_attendance_from_a_phone_with_htmx_toggles(staff_en):
    activity = make_event(length_days=2)
    first, second = _fill(activity, 2)
    page = staff_en.get(f"/staff/events/{activity.pk}/attendance/")
    assert page.status_code == 200
    html = soup(page)
    day_links = html.select(".day-switch a")
    assert len(day_links) == 2
    row = html.find(id=f"att-{first.pk}")
    present = [
        f for f in row.find_all("form") if f.find("input", value="1", attrs={"name": "present"})
    ][0]
    response = staff_en.post(present["action"], form_data(present), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.ATTENDED
    # The second day, absent: still attended (present at least one day).
    page2 = soup(
        staff_en.get(
            day_links[1]["href"]
            if day_links[1]["href"].startswith("/")
            else f"/staff/events/{activity.pk}/attendance/{day_links[1]['href']}"
        )
    )
    row = page2.find(id=f"att-{first.pk}")
    absent = [
        f for f in row.find_all("form") if f.find("input", value="0", attrs={"name": "present"})
    ][0]
    staff_en.post(absent["action"], form_data(absent), HTTP_HX_REQUEST="true")
    first.refresh_from_db()
    assert first.status == RegistrationStatus.ATTENDED
    assert sorted((a.day, a.present) for a in first.attendance.all())[1][1] is False
    # Only absent on the one day marked: absent.
    row = page2.find(id=f"att-{second.pk}")
    absent = [
        f for f in row.find_all("form") if f.find("input", value="0", attrs={"name": "present"})
    ][0]
    staff_en.post(absent["action"], form_data(absent))
    second.refresh_from_db()
    assert second.status == RegistrationStatus.ABSENT


def test_issue_certificates_in_one_click_and_email_them(
    staff_en, django_capture_on_commit_callbacks, eager_celery
):
    activity = make_event(accreditation_number="A-77/2026", licence_points=4)
    first, second = _fill(activity, 2)
    from pzss.events.services.attendance import attendance_mark

    attendance_mark(user=None, registration=first, day=activity.start_date, present=True)
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    issue = form_by_action(page, f"/staff/events/{activity.pk}/certificates/issue/")
    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(issue["action"], form_data(issue))
    certificate = Certificate.objects.get()
    assert certificate.registration == first
    assert certificate.accreditation_number == "A-77/2026"
    assert certificate.licence_points == 4
    document = Document.objects.get(kind="certificate")
    assert document.status == "ready" and document.pages == 1
    # Issuing again issues nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(issue["action"], form_data(issue))
    assert Certificate.objects.count() == 1
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/?status=attended"))
    send = form_by_action(page, f"/staff/events/{activity.pk}/certificates/email/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(send["action"], form_data(send))
    assert [m.to[0] for m in mail.outbox] == ["p0@example.rs"]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    # The public page verifies it, showing only what the certificate shows.
    staff_en.logout()
    verify = staff_en.get(f"/certificates/{certificate.code}/")
    assert verify.status_code == 200
    html = verify.content.decode()
    assert "Особа0 Тест" in html and "A-77/2026" in html
    assert "p0@example.rs" not in html
    assert staff_en.get("/certificates/NOSUCHCODE/").status_code == 404
    # The holder downloads it through their personal link; nobody else's link works.
    from pzss.events.selectors import signed_token

    manage = soup(staff_en.get(f"/registrations/{signed_token(first)}/"))
    link = manage.find("a", href=f"/registrations/{signed_token(first)}/certificate.pdf")
    pdf = staff_en.get(link["href"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert staff_en.get(f"/registrations/{signed_token(second)}/certificate.pdf").status_code == 404


def test_sign_in_sheet_is_a_document(staff_en, django_capture_on_commit_callbacks, eager_celery):
    activity = make_event()
    _fill(activity, 3)
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    sheet = form_by_action(page, f"/staff/events/{activity.pk}/signin-sheet/")
    with django_capture_on_commit_callbacks(execute=True):
        staff_en.post(sheet["action"], form_data(sheet))
    document = Document.objects.get(kind="signin_sheet")
    assert document.status == "ready", document.error
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/"))
    assert page.find(id=f"document-{document.pk}") is not None


@pytest.mark.parametrize("page", ["settings", "add"])
def test_the_event_forms_offer_groups_and_institutions_in_latin_to_latin_readers(staff_en, page):
    activity = make_event(capacity=5)
    html = soup(staff_en.get(f"/staff/events/{activity.pk}/{page}/"))
    assert cyrillic_choices(html) == []


@pytest.mark.parametrize("status", ["", "waitlisted", "pending"])
def test_the_registrations_table_scrolls_inside_one_box(staff_en, status):
    # Two nested `table-responsive` boxes (left by a merge) made two scroll areas on a
    # phone, one inside the other: the table must sit in exactly one.
    activity = make_event(capacity=1, needs_approval=True)
    _fill(activity, 3)
    page = soup(staff_en.get(f"/staff/events/{activity.pk}/?status={status}"))
    tables = page.select("main table")
    assert len(tables) == 1
    boxes = [p for p in tables[0].parents if "table-responsive" in (p.get("class") or [])]
    assert len(boxes) == 1
    assert boxes[0].find("table") is tables[0]
