"""The consultations log's staff pages: the form as rendered posted back, bad input
refused naming the field, the filters, the counts per subject and month, and the list's
query count at 5 rows and at 50."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from pzss.lib.translit import to_latin
from training.consultation_selectors import ConsultationFilters, consultation_counts
from training.consultation_services import consultation_create
from training.models import Consultation

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def _log(user, day=None, **overrides):
    return consultation_create(
        user=user,
        data={
            "date": day or dt.date(YEAR, 3, 10),
            "asked_by": "Петар Петровић",
            "subject": "licensing",
            "channel": "email",
            "question": "Када истиче лиценца?",
            "answer": "После седам година; обнавља се бодовима.",
            "minutes": 20,
            "adviser": user,
            **overrides,
        },
    )


def _form(html: str) -> dict:
    form = BeautifulSoup(html, "html.parser").select_one("form.col-xl-10")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text.strip()
        else:
            data[name] = field.get("value", "")
    return data


def test_staff_log_a_consultation_through_the_form(staff_client, staff_user):
    url = reverse("training:consultation_create")
    page = staff_client.get(url).content.decode()
    # The warning against service users' personal data stands above the form.
    assert BeautifulSoup(page, "html.parser").select_one(".alert-warning")
    data = _form(page)
    data.update(
        date=f"{YEAR}-04-02",
        asked_by="Ана Анић",
        subject="chamber",
        question="Чланарина у Комори?",
        answer="Објашњено.",
        minutes="15",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get()
    assert consultation.adviser == staff_user and consultation.subject == "chamber"


def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(staff_client):
    url = reverse("training:consultation_create")
    data = _form(staff_client.get(url).content.decode())
    data.update(date=f"{YEAR}-04-02", asked_by="Ана", subject="licensing", minutes="900")
    data.update(question="Питање", answer="Одговор")
    response = staff_client.post(url, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_minutes").get("aria-invalid") == "true" or soup.select(
        "#id_minutes.is-invalid"
    )
    assert not Consultation.objects.exists()


def test_staff_edit_a_consultation(staff_client, staff_user):
    consultation = _log(staff_user)
    url = reverse("training:consultation_edit", args=[consultation.pk])
    data = _form(staff_client.get(url).content.decode())
    data["answer"] = "Допуњен одговор."
    assert staff_client.post(url, data).status_code == 302
    assert Consultation.objects.get().answer == "Допуњен одговор."


def test_the_list_filters_by_year_subject_and_adviser(staff_client, staff_user, director_user):
    _log(staff_user)
    _log(staff_user, subject="accreditation", asked_by="Акредитација Упит")
    _log(director_user, adviser=director_user, asked_by="Директоров Саговорник")
    _log(staff_user, day=dt.date(YEAR - 1, 5, 5), asked_by="Лањски Упит")
    url = reverse("training:consultations")
    text = staff_client.get(url, {"subject": "accreditation"}).content.decode()
    assert to_latin("Акредитација Упит") in text and to_latin("Петар Петровић") not in text
    text = staff_client.get(url, {"adviser": director_user.pk}).content.decode()
    assert to_latin("Директоров Саговорник") in text and to_latin("Петар Петровић") not in text
    text = staff_client.get(url, {"year": YEAR - 1}).content.decode()
    assert to_latin("Лањски Упит") in text and to_latin("Петар Петровић") not in text


def test_the_counts_per_subject_and_month(staff_user):
    _log(staff_user)
    _log(staff_user, day=dt.date(YEAR, 3, 11))
    _log(staff_user, day=dt.date(YEAR, 6, 1), subject="chamber", minutes=60)
    counts = consultation_counts(user=staff_user, filters=ConsultationFilters(), year=YEAR)
    by_label = {str(label): cells for label, cells, _total in counts.rows}
    assert by_label["Licensing"][2] == 2
    assert by_label["The Chamber of Social Protection"][5] == 1
    assert counts.total == 3 and counts.month_totals[2] == 2
    assert counts.minutes == 100


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_queries_do_not_grow_with_its_rows(
    staff_client, staff_user, django_assert_max_num_queries, rows
):
    for n in range(rows):
        _log(staff_user, day=dt.date(YEAR, 1 + n % 12, 1 + n % 28), asked_by=f"Питалац {n}")
    # session + user + groups, the page count and rows (adviser, institution, person
    # joined), the counts (one grouped query), the years, the advisers.
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("training:consultations"), {"year": YEAR})
    assert response.status_code == 200
    assert len(
        BeautifulSoup(response.content, "html.parser").select("table")[1].select("tbody tr")
    ) == min(rows, 25)
