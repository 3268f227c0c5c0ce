"""The staff's pages of licence points: the directory, a person's record, a training
held elsewhere added, corrected and removed through the forms that are really there,
its evidence, and the transcript's PDF. Staff only."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pzss.lib.translit import to_latin
from tests.factories import InstitutionFactory, PersonFactory
from tests.training.points_builders import PDF, make_certificate, make_external
from training.models import ExternalTraining

pytestmark = pytest.mark.django_db


def _form_fields(html: str) -> dict[str, str]:
    """The inputs a rendered form holds, with their values (enough for these forms)."""
    fields = {}
    for tag in re.findall(r"<(?:input|textarea)[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1) if value else ""
    return fields


def test_staff_see_the_directory_and_a_persons_record_with_totals(
    staff_client, english, staff_user
):
    person = PersonFactory(first_name="Јована", last_name="Ђурић", licence_number="L-77")
    make_certificate(person, day=dt.date(2020, 5, 5), points="8", title="Обука о предаху")
    make_external(person, staff_user, day=dt.date(2021, 5, 5), points="4.5", title="Спољна")

    listing = staff_client.get(reverse("training:people"), {"q": "Ђурић"})
    page = staff_client.get(reverse("training:person", args=[person.pk]))

    assert listing.status_code == 200
    assert reverse("training:person", args=[person.pk]) in listing.content.decode()
    html = page.content.decode()
    assert page.status_code == 200
    assert "Obuka o predahu" in html and "Spoljna" in html  # in Latin, to English readers
    assert "12.5" in html  # in all
    assert "L-77" in html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_directory_page_takes_the_same_queries_at_5_rows_and_at_50(
    staff_client, staff_user, django_assert_max_num_queries, rows
):
    institution = InstitutionFactory()
    for i in range(rows):
        person = PersonFactory(institution=institution)
        if i % 2:
            make_external(person, staff_user, day=dt.date(2021, 1, 1))
    # The session and the user (2), the user's groups (1), the count and the page of
    # people with their institution joined and both counts as subqueries (2); the rest
    # is the base page's own (the messages, the area menu).
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("training:people"))
    assert response.status_code == 200


@pytest.mark.parametrize("entries", [4, 40])
def test_a_persons_record_page_takes_the_same_queries_however_long_it_is(
    staff_client, staff_user, django_assert_max_num_queries, entries
):
    person = PersonFactory()
    for i in range(entries // 2):
        make_certificate(person, day=dt.date(2012 + i % 10, 3, 1 + i))
        make_external(person, staff_user, day=dt.date(2012 + i % 10, 4, 1 + i))
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("training:person", args=[person.pk]))
    assert response.status_code == 200


def test_staff_add_a_training_held_elsewhere_through_the_form(staff_client, staff_user):
    person = PersonFactory()
    url = reverse("training:external_training_add", args=[person.pk])
    form = staff_client.get(url)
    assert form.status_code == 200
    fields = _form_fields(form.content.decode())
    assert {"title", "provider", "start_date", "hours", "licence_points"} <= set(fields)
    fields.update(
        title="Рад са породицама у кризи",
        provider="Удружење стручних радника",
        start_date="2021-03-18",
        hours="8",
        licence_points="8",
    )

    response = staff_client.post(
        url, {**fields, "evidence": SimpleUploadedFile("uverenje.pdf", PDF, "application/pdf")}
    )

    assert response.status_code == 302
    assert response.url == reverse("training:person", args=[person.pk])
    training = ExternalTraining.objects.get(person=person)
    assert training.licence_points == Decimal("8") and training.entered_by == staff_user
    record = staff_client.get(response.url).content.decode()
    assert to_latin("Рад са породицама у кризи") in record


def test_a_bad_file_on_the_form_is_named_next_to_the_field_and_nothing_is_stored(
    staff_client, english
):
    person = PersonFactory()
    response = english.post(
        reverse("training:external_training_add", args=[person.pk]),
        {
            "title": "Обука",
            "provider": "Неко",
            "start_date": "2021-03-18",
            "hours": "8",
            "licence_points": "8",
            "evidence": SimpleUploadedFile("uverenje.pdf", b"not a pdf", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "This type of file is not accepted" in response.content.decode()
    assert not ExternalTraining.objects.exists()


def test_staff_correct_and_remove_a_training_held_elsewhere(staff_client, staff_user):
    person = PersonFactory()
    training = make_external(person, staff_user, day=dt.date(2021, 1, 1), points="4")
    edit = reverse("training:external_training_edit", args=[person.pk, training.pk])
    fields = _form_fields(staff_client.get(edit).content.decode())
    fields["licence_points"] = "6"

    assert staff_client.post(edit, fields).status_code == 302
    training.refresh_from_db()
    assert training.licence_points == Decimal("6")
    assert training.evidence_name == "uverenje.pdf"  # no new file: the evidence stays

    delete = reverse("training:external_training_delete", args=[person.pk, training.pk])
    assert staff_client.post(delete).status_code == 302
    assert not ExternalTraining.objects.exists()


def test_a_training_of_another_person_is_a_404_under_this_persons_address(staff_client, staff_user):
    person, other = PersonFactory(), PersonFactory()
    training = make_external(other, staff_user, day=dt.date(2021, 1, 1))
    for name in ("external_training_edit", "external_training_evidence"):
        url = reverse(f"training:{name}", args=[person.pk, training.pk])
        assert staff_client.get(url).status_code == 404


def test_the_evidence_is_for_staff_only(client, staff_user, plain_user):
    person = PersonFactory()
    training = make_external(person, staff_user, day=dt.date(2021, 1, 1))
    url = reverse("training:external_training_evidence", args=[person.pk, training.pk])

    assert client.get(url).status_code == 302  # to the login
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "name, args",
    [
        ("training:people", []),
        ("training:person", ["pk"]),
        ("training:person_transcript", ["pk"]),
        ("training:external_training_add", ["pk"]),
    ],
)
def test_the_staff_pages_are_refused_to_others(client, plain_user, name, args):
    person = PersonFactory()
    url = reverse(name, args=[person.pk for _ in args])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_staff_see_the_transcript_rendered_then_download_it(
    staff_client, staff_user, eager_celery, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    make_certificate(person, day=dt.date(2021, 5, 5))
    url = reverse("training:person_transcript", args=[person.pk])

    with django_capture_on_commit_callbacks(execute=True):
        waiting = staff_client.get(url)
    assert waiting.status_code == 202  # the progress page; the worker renders it
    response = staff_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
