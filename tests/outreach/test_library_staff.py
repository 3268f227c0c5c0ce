"""Staff make a publication through the pages that are really there: the form, the upload,
publishing (refused without a file), withdrawing; the change history names each step; the
demo's library is the 2021 programme's reports and the programme itself."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from outreach.models import Publication, PublicationKind, PublicationStatus
from pzss.core.audit import history_for
from pzss.core.models import Area
from tests.core.soup import find_form, form_fields, soup
from tests.outreach.conftest import make_publication, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet(no_extraction):
    return no_extraction


def test_staff_make_upload_and_publish_a_publication_through_the_pages(english, staff_user):
    english.force_login(staff_user)
    create = reverse("outreach_staff:publication_create")
    form = find_form(soup(english.get(create)))
    data = form_fields(form) | {
        "title": "Анализа услуга на локалном нивоу",
        "kind": PublicationKind.ANALYSIS,
        "year": "2021",
        "authors": "Јелена Јовић",
        "abstract": "Мапирање услуга у јединицама локалне самоуправе.",
        "area": str(Area.RESEARCH),
        "language": "sr-Cyrl",
    }
    response = english.post(create, data)
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.status == PublicationStatus.DRAFT
    assert publication.slug == "analiza-usluga-na-lokalnom-nivou"
    edit = reverse("outreach_staff:publication", args=[publication.pk])
    assert response.url == edit

    # publishing without a file is refused with a message
    publish = reverse("outreach_staff:publication_publish", args=[publication.pk])
    page = english.get(english.post(publish).url)
    assert "Add the publication&#x27;s PDF before publishing it." in page.text
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DRAFT

    # upload through the form on the page, then publish
    upload_action = reverse("outreach_staff:publication_file_add", args=[publication.pk])
    find_form(soup(page), action=upload_action)
    response = english.post(upload_action, {"file": upload(), "label": "Цео извештај"})
    assert response.status_code == 302
    assert publication.files.get().label == "Цео извештај"
    english.post(publish)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED and publication.published_at

    # it is public now
    english.logout()
    assert english.get(publication.get_absolute_url()).status_code == 200
    english.force_login(staff_user)
    actions = [entry.action for entry in history_for(publication)]
    assert {"publication_create", "publication_file_add", "publication_publish"} <= set(actions)


def test_editing_keeps_the_address_and_refuses_an_implausible_year(staff_client):
    publication = make_publication(title="Стари наслов")
    edit = reverse("outreach_staff:publication", args=[publication.pk])
    data = form_fields(find_form(soup(staff_client.get(edit))))
    response = staff_client.post(edit, data | {"title": "Нови наслов", "year": "2021"})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "Нови наслов" and publication.slug == "stari-naslov"
    response = staff_client.post(edit, data | {"year": "21"})
    assert response.status_code == 400
    publication.refresh_from_db()
    assert publication.year == 2021


def test_a_published_publication_keeps_its_last_file(english, staff_user):
    english.force_login(staff_user)
    publication = make_publication()
    attached = publication.files.get()
    url = reverse("outreach_staff:publication_file_delete", args=[publication.pk, attached.pk])
    page = english.get(english.post(url).url)
    assert "keeps at least one file" in page.text
    assert publication.files.count() == 1


def test_withdrawing_takes_it_out_of_the_library(staff_client, django_user_model):
    from django.test import Client

    publication = make_publication()
    anonymous = Client()
    assert anonymous.get(publication.get_absolute_url()).status_code == 200
    staff_client.post(reverse("outreach_staff:publication_withdraw", args=[publication.pk]))
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DRAFT
    assert anonymous.get(publication.get_absolute_url()).status_code == 404


def test_the_goal_choices_are_the_goals_of_the_programme_in_force(staff_client):
    from tests.programme.builders import make_revision

    make_revision(year=2030)  # a draft: its goals are not offered
    call_command("load_programme", verbosity=0)
    page = soup(staff_client.get(reverse("outreach_staff:publication_create")))
    options = [o.get_text() for o in page.select("select[name=goal] option") if o.get("value")]
    assert options and all(o.startswith("2021 · ") for o in options)
    assert any(o.startswith("2021 · III 2.") for o in options)


def test_the_demo_library_is_the_2021_reports_of_area_iii_and_the_programme(capsys):
    call_command("load_reference", verbosity=0)
    call_command("load_programme", verbosity=0)
    call_command("load_demo", verbosity=0)
    reports = Publication.objects.filter(area=Area.RESEARCH).order_by("pk")
    assert reports.count() == 5
    assert all(p.is_published and p.year == 2021 for p in reports)
    assert all(p.goal and p.goal.number.startswith("2") for p in reports)
    first = reports.first()
    assert first.files.count() == 3  # 2.1 names three reports
    assert all(f.pages and f.size for p in reports for f in p.files.all())
    with first.files.first().file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # The 2021 programme, and the demo's programme of the current year (programme/demo.py).
    programme = Publication.objects.get(kind=PublicationKind.WORK_PROGRAMME, year=2021)
    assert programme.is_published
    counts = (Publication.objects.count(), sum(p.files.count() for p in Publication.objects.all()))
    call_command("load_demo", verbosity=0)
    assert counts == (
        Publication.objects.count(),
        sum(p.files.count() for p in Publication.objects.all()),
    )
