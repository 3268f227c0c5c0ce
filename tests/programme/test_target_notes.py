"""Staff's notes per target and quarter on the realisation page: written through the
page's own form (with htmx, or without), capped in length, audited, never public; the
latest note beside the target; a qualitative target shows what was done and its note,
never a percentage."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from programme import selectors, services
from programme.models import NOTE_MAX_LENGTH, RevisionStatus, Target, TargetNote
from pzss.core.models import Activity, ActivityKind, ActivityStatus, AuditEntry
from tests.core.soup import fill, soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030
URL = f"/programme/{YEAR}/realisation/"


@pytest.fixture
def published():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def target(published) -> Target:
    return first_target(published)


def _note_form(page, target):
    return page.find(id=f"note-{target.pk}").find("form", method="post")


def _note_url(target) -> str:
    return f"/programme/{YEAR}/realisation/targets/{target.pk}/note/"


def test_staff_write_a_note_through_the_page_and_it_shows_beside_the_target(
    staff_client, staff_user, target
):
    form = _note_form(soup(staff_client.get(URL)), target)
    response = staff_client.post(
        form["action"], fill(form, {"quarter": "2", "text": "Две посете одложене."}), follow=True
    )
    row = soup(response).find("tr", id=f"target-{target.pk}")
    latest = row.select_one(".latest-note").get_text(" ", strip=True)
    assert latest.startswith("Q2") and "Dve posete odložene." in latest
    note = TargetNote.objects.get(target=target)
    assert (note.quarter, note.author) == (2, staff_user)
    entry = AuditEntry.objects.get(action="programme_target_note")
    assert entry.changes == {"Q2": [None, "Две посете одложене."]}


def test_with_htmx_the_fragment_comes_back_and_rewriting_a_quarter_replaces_its_note(
    staff_client, target
):
    form = _note_form(soup(staff_client.get(URL)), target)
    assert form["data-hx-post"] == form["action"]
    headers = {"HTTP_HX_REQUEST": "true"}
    staff_client.post(form["action"], fill(form, {"quarter": "1", "text": "Прва."}), **headers)
    response = staff_client.post(
        form["action"], fill(form, {"quarter": "1", "text": "Прва, исправљена."}), **headers
    )
    fragment = soup(response)
    assert fragment.find(id=f"note-{target.pk}") is not None
    assert fragment.find("html") is None  # a fragment, not a page
    assert "saved" in fragment.get_text()
    assert list(TargetNote.objects.values_list("quarter", "text")) == [(1, "Прва, исправљена.")]


def test_the_latest_quarter_is_shown_and_choosing_a_quarter_loads_its_note(staff_user, target):
    services.target_note_save(user=staff_user, target=target, quarter=1, text="Јануар–март.")
    services.target_note_save(user=staff_user, target=target, quarter=3, text="Јул–септембар.")
    client = Client()
    client.force_login(staff_user)
    row = soup(client.get(URL)).find("tr", id=f"target-{target.pk}")
    assert "Jul–septembar." in row.select_one(".latest-note").get_text()
    # The quarter selector asks for that quarter's note (htmx GET).
    response = client.get(_note_url(target), {"quarter": "1"}, HTTP_HX_REQUEST="true")
    assert soup(response).find("textarea").get_text() == "Јануар–март."


def test_an_empty_note_removes_the_quarters_note(staff_user, target):
    services.target_note_save(user=staff_user, target=target, quarter=2, text="Нешто.")
    assert services.target_note_save(user=staff_user, target=target, quarter=2, text=" ") is None
    assert not TargetNote.objects.exists()
    assert AuditEntry.objects.filter(action="programme_target_note").count() == 2


def test_a_note_has_a_length_cap(staff_client, staff_user, target):
    with pytest.raises(ValidationError):
        services.target_note_save(
            user=staff_user, target=target, quarter=1, text="д" * (NOTE_MAX_LENGTH + 1)
        )
    response = staff_client.post(
        _note_url(target),
        {"quarter": "1", "text": "д" * (NOTE_MAX_LENGTH + 1)},
        HTTP_HX_REQUEST="true",
    )
    assert soup(response).select_one(".alert-danger") is not None
    assert not TargetNote.objects.exists()
    services.target_note_save(user=staff_user, target=target, quarter=1, text="д" * NOTE_MAX_LENGTH)


def test_a_quarter_outside_q1_to_q4_is_refused(staff_user, target):
    with pytest.raises(ValidationError):
        services.target_note_save(user=staff_user, target=target, quarter=5, text="Не.")


def test_notes_are_only_on_the_programme_in_force(staff_user):
    draft = make_revision(year=YEAR, status=RevisionStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.target_note_save(user=staff_user, target=first_target(draft), quarter=1, text="x")


def test_an_amendment_keeps_the_notes(staff_user, director_user, target):
    services.target_note_save(user=staff_user, target=target, quarter=2, text="Остаје.")
    amendment = services.revision_amend(
        user=staff_user, programme=target.goal.section.revision.programme
    )
    copied = Target.objects.filter(
        goal__section__revision=amendment, goal__section__area=1, description=target.description
    ).get()
    assert list(copied.notes.values_list("quarter", "text")) == [(2, "Остаје.")]


def test_a_qualitative_target_shows_what_was_done_and_its_note_never_a_percentage(
    staff_client, staff_user, target
):
    qualitative = Target.objects.create(
        goal=target.goal, description="Учешће у радним групама", kind=ActivityKind.WORKING_GROUP
    )
    qualitative.activities.add(
        Activity.objects.create(
            area=1,
            kind=ActivityKind.WORKING_GROUP,
            title="Састанак радне групе",
            start_date=dt.date(YEAR, 5, 5),
            status=ActivityStatus.HELD,
        )
    )
    services.target_note_save(
        user=staff_user, target=qualitative, quarter=2, text="Учествовали на два састанка."
    )
    row = soup(staff_client.get(URL)).find("tr", id=f"target-{qualitative.pk}")
    assert row.select_one(".percent").get_text(strip=True) == "—"
    assert "%" not in row.get_text()
    assert "Sastanak radne grupe" in row.select_one(".done").get_text()
    assert "Učestvovali na dva sastanka." in row.select_one(".latest-note").get_text()


def test_the_director_may_write_notes(director_client, target):
    director_client.post(_note_url(target), {"quarter": "4", "text": "Директорка."})
    assert TargetNote.objects.filter(target=target, quarter=4).exists()


def test_nobody_without_a_role_reads_or_writes_notes(plain_client, plain_user, target):
    anonymous = Client()
    assert anonymous.post(_note_url(target), {"quarter": "1", "text": "x"}).status_code == 302
    assert anonymous.get(_note_url(target)).status_code == 302
    assert plain_client.post(_note_url(target), {"quarter": "1", "text": "x"}).status_code == 403
    assert plain_client.get(_note_url(target), HTTP_HX_REQUEST="true").status_code == 403
    with pytest.raises(PermissionDenied):
        services.target_note_save(user=plain_user, target=target, quarter=1, text="x")
    assert not TargetNote.objects.exists()


def test_public_pages_never_show_notes(client, staff_user, target):
    services.target_note_save(user=staff_user, target=target, quarter=1, text="Интерна белешка.")
    for url in (f"/programme/{YEAR}/", f"/programme/{YEAR}/realisation/"):
        text = client.get(url, follow=True).content.decode()
        assert "Интерна белешка." not in text and "Interna beleška." not in text


def test_the_realisation_reads_the_notes_in_one_query(staff_user, target, published):
    for t in Target.objects.of_revision(published):
        services.target_note_save(user=staff_user, target=t, quarter=1, text="Белешка.")
    result = selectors.realisation(user=staff_user, year=YEAR)
    assert all(row.latest_note for area in result.areas for row in area.rows)
