"""The student practice's staff pages, tried by staff, a plain user and an anonymous
one; forms filled as rendered and posted back; the list pages' query counts hold at 5
rows and at 50."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pzss.core.models import Institution, InstitutionKind
from pzss.documents.models import Document
from pzss.lib.translit import to_latin
from tests.training.practice_builders import (
    faculty,
    log_hours,
    make_agreement,
    make_student,
    practice_days,
    staff,
    year,
)
from training.models import HoursEntry, PracticeStudent
from training.practice_services import agreement_create, hours_add, hours_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(staff_user):
    return make_agreement(staff_user)


def _form_data(html: str, form_id_or_action: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", action=form_id_or_action)
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize(
    "name", ["practice_agreements", "practice_agreement_create", "consultations"]
)
def test_staff_pages_refuse_the_anonymous_and_plain_users(client, plain_user, name):
    url = reverse(f"training:{name}")
    assert client.get(url).status_code == 302
    client.force_login(plain_user)
    assert client.get(url).status_code == 403


def test_the_list_shows_the_years_agreements_and_my_students_first(
    staff_client, staff_user, agreement
):
    make_student(staff_user, agreement, 1)
    response = staff_client.get(reverse("training:practice_agreements"), {"year": agreement.year})
    assert response.status_code == 200
    text = response.content.decode()
    assert "My students" in text and to_latin("Студент1 Студентић") in text
    assert "1 / 10" in text


def test_staff_add_a_student_through_the_form_on_the_agreement_page(staff_client, agreement):
    page = staff_client.get(agreement.get_absolute_url())
    action = reverse("training:practice_student_add", args=[agreement.pk])
    data = _form_data(page.content.decode(), action)
    data.update(
        first_name="Јована",
        last_name="Јовић",
        email="jovana@ff.example.rs",
        start_date=f"{agreement.year}-03-01",
    )
    response = staff_client.post(action, data)
    assert response.status_code == 302
    student = PracticeStudent.objects.get()
    assert student.person.institution == agreement.faculty


def test_the_agreement_page_with_its_places_taken_offers_no_form_and_refuses(
    staff_client, staff_user, agreement
):
    for n in range(10):
        make_student(staff_user, agreement, n)
    page = staff_client.get(agreement.get_absolute_url()).content.decode()
    assert "All 10 places of the agreement are taken." in page
    response = staff_client.post(
        reverse("training:practice_student_add", args=[agreement.pk]),
        {
            "first_name": "Једанаести",
            "last_name": "Студент",
            "mentor": "",
            "start_date": f"{agreement.year}-03-01",
        },
    )
    assert response.status_code == 400
    assert PracticeStudent.objects.count() == 10


def test_an_hour_entry_past_the_limit_is_refused_on_the_page_naming_what_remains(
    staff_client, staff_user, agreement
):
    student = make_student(staff_user, agreement, 1)
    log_hours(staff_user, student, 88)
    page = staff_client.get(student.get_absolute_url()).content.decode()
    action = reverse("training:practice_hours_add", args=[student.pk])
    data = _form_data(page, action)
    data.update(date=f"{agreement.year}-06-01", hours="4", description="Теренски рад")
    response = staff_client.post(action, data)
    assert response.status_code == 400
    assert "2 remain" in response.content.decode()
    assert HoursEntry.objects.filter(student=student).count() == 15


def test_the_mentor_confirms_on_the_page_and_another_staff_member_cannot(
    client, staff_user, agreement, django_user_model
):
    mentor = staff(django_user_model, "mentor")
    student = make_student(staff_user, agreement, 1, mentor=mentor)
    entry = log_hours(staff_user, student, 4)[0]
    url = reverse("training:practice_hours_confirm", args=[entry.pk])
    client.force_login(staff_user)
    page = client.get(student.get_absolute_url()).content.decode()
    assert url not in page  # no confirm button for who is not the mentor
    client.post(url)
    assert not HoursEntry.objects.get(pk=entry.pk).is_confirmed
    client.force_login(mentor)
    assert url in client.get(student.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302
    assert HoursEntry.objects.get(pk=entry.pk).is_confirmed


def test_the_certificate_button_issues_and_the_page_offers_the_download(
    staff_client, staff_user, agreement, eager_celery, django_capture_on_commit_callbacks
):
    student = make_student(staff_user, agreement, 1)
    url = reverse("training:practice_certificate", args=[student.pk])
    assert url not in staff_client.get(student.get_absolute_url()).content.decode()
    log_hours(staff_user, student, 90, confirm_by=staff_user)
    assert url in staff_client.get(student.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url).status_code == 302
    document = Document.objects.get(kind="practice_certificate", object_id=student.pk)
    assert document.status == "ready"
    page = staff_client.get(student.get_absolute_url()).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page


def test_a_certificate_asked_for_too_early_is_refused_with_a_message(
    staff_client, staff_user, agreement
):
    student = make_student(staff_user, agreement, 1)
    response = staff_client.post(
        reverse("training:practice_certificate", args=[student.pk]), follow=True
    )
    assert "once all 90 hours are confirmed" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_agreement_page_queries_do_not_grow_with_its_students(
    staff_client, staff_user, django_user_model, django_assert_max_num_queries, rows
):
    agreement = make_agreement(staff_user, max_students=50)
    mentor = staff(django_user_model, "mentor")
    for n in range(rows):
        student = make_student(staff_user, agreement, n, mentor=mentor)
        log_hours(staff_user, student, 12, confirm_by=mentor)
    # session + user + groups, the agreement (joined), the students with their hours
    # summed (one query), the staff for the add form's mentor choices, messages.
    with django_assert_max_num_queries(10):
        response = staff_client.get(agreement.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("agreements", [5, 50])
def test_the_agreements_list_queries_do_not_grow(
    staff_client, staff_user, django_assert_max_num_queries, agreements
):
    for n in range(agreements):
        faculty = Institution.objects.create(name=f"Факултет {n}", kind=InstitutionKind.FACULTY)
        make_student(staff_user, make_agreement(staff_user, faculty=faculty), n)
    # session + user + groups, the years, the agreements with their counts (faculty and
    # coordinator joined), my students with their hours.
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("training:practice_agreements"), {"year": ""})
    assert response.status_code == 200
    assert response.content.decode().count("/staff/training/practice/") >= agreements


@pytest.mark.parametrize("rows", [5, 50])
def test_the_student_page_queries_do_not_grow_with_the_hours_log(
    staff_client, staff_user, agreement, django_assert_max_num_queries, rows
):
    student = make_student(staff_user, agreement, 1)
    for day in practice_days(agreement, rows):
        entry = hours_add(
            user=staff_user, student=student, date=day, hours=Decimal(1), description="Рад"
        )
        if day.day % 2:
            hours_confirm(user=staff_user, entry=entry)
    # session + user + groups, the student (joined, hours summed), the log (who entered
    # and confirmed joined), the certificate document, the mentor check's groups.
    with django_assert_max_num_queries(10):
        response = staff_client.get(student.get_absolute_url())
    assert response.status_code == 200
    assert len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == rows


def test_the_agreement_file_is_served_to_staff(staff_client, staff_user):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    agreement = agreement_create(
        user=staff_user,
        data={"faculty": faculty(), "year": year(), "coordinator": staff_user},
        upload=SimpleUploadedFile("sporazum.pdf", pdf, content_type="application/pdf"),
    )
    response = staff_client.get(reverse("training:practice_agreement_file", args=[agreement.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_the_dashboard_shows_a_mentor_their_students_waiting_for_confirmation(
    client, staff_user, agreement, django_user_model
):
    mentor = staff(django_user_model, "mentor")
    student = make_student(staff_user, agreement, 1, mentor=mentor)
    log_hours(staff_user, student, 6)
    client.force_login(mentor)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="training-practice"' in page and student.get_absolute_url() in page
    client.force_login(staff_user)
    assert 'id="training-practice"' not in client.get(reverse("core:dashboard")).content.decode()
