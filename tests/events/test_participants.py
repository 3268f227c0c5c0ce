"""Participants of an activity, through the activity page and the import page: pick a
person from the directory, type a new one inline, remove one, import a CSV or XLSX list
after a preview (both steps background jobs, run here once their request commits)."""

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from pzss.core.models import (
    Activity,
    AuditEntry,
    Institution,
    Person,
    Position,
    Registration,
    RegistrationStatus,
)
from pzss.core.services.activities import activity_cancel
from pzss.documents.models import Job, JobStatus
from pzss.events.services import participants
from tests.core.soup import field_errors, fill, find_form, messages_on, soup
from tests.factories import ActivityFactory, PersonFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def activity() -> Activity:
    return ActivityFactory(title="Састанак директора")


def _detail(activity) -> str:
    return f"/staff/activities/{activity.pk}/"


def _add_url(activity) -> str:
    return f"/staff/activities/{activity.pk}/participants/add/"


def _import_url(activity) -> str:
    return f"/staff/activities/{activity.pk}/participants/import/"


# --- adding and removing on the activity page ----------------------------------------------


def test_staff_adds_a_person_found_in_the_directory(staff_client, activity):
    person = PersonFactory(first_name="Мирјана", last_name="Ђурић", email="mirjana@csr.rs")
    form = find_form(soup(staff_client.get(_detail(activity))), containing="person")
    # The picker's options come from the search as the user types (htmx); the name is
    # stored in Cyrillic and typed in Latin.
    options = soup(staff_client.get("/staff/people/search/", {"q": "Đurić"}))
    [option] = options.find_all("option")
    assert "Đurić" in option.text  # shown in Latin to the English reader

    response = staff_client.post(form["action"], fill(form, {"person": option["value"]}))

    assert response.status_code == 302
    registration = Registration.objects.get(activity=activity)
    assert registration.person == person
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == "staff"
    assert AuditEntry.objects.filter(action="participant_add", object_id=activity.pk).exists()


def test_adding_the_same_person_twice_is_refused(staff_client, activity):
    person = PersonFactory()
    RegistrationFactory(activity=activity, person=person)
    form = find_form(soup(staff_client.get(_detail(activity))), containing="person")

    response = staff_client.post(form["action"], fill(form, {"person": str(person.pk)}))

    assert response.status_code == 400
    assert "already a participant" in response.content.decode()
    assert Registration.objects.filter(activity=activity).count() == 1


def test_staff_adds_a_new_person_inline(staff_client, activity):
    form = find_form(soup(staff_client.get(_detail(activity))), containing="new-first_name")
    csw = Institution.objects.get(name="ЦСР Рума")
    data = fill(
        form,
        {
            "new-first_name": "Петар",
            "new-last_name": "Петровић",
            "new-email": "Petar.Petrovic@CSR-Ruma.rs",
            "new-institution": str(csw.pk),
            "new-position": Position.SUPERVISOR,
        },
    )

    response = staff_client.post(form["action"], data)

    assert response.status_code == 302
    person = Person.objects.get(last_name="Петровић")
    assert person.email == "petar.petrovic@csr-ruma.rs"
    assert person.institution == csw
    registration = Registration.objects.get(activity=activity)
    assert registration.person == person
    assert registration.institution == csw
    assert registration.position == Position.SUPERVISOR


def test_a_new_person_with_a_known_email_reuses_the_person(staff_client, activity):
    known = PersonFactory(first_name="Јелена", last_name="Јовић", email="jelena@csr.rs")
    form = find_form(soup(staff_client.get(_detail(activity))), containing="new-first_name")
    data = fill(
        form,
        {"new-first_name": "Jelena", "new-last_name": "Jović", "new-email": "JELENA@csr.rs"},
    )
    people = Person.objects.count()

    response = staff_client.post(form["action"], data)

    assert response.status_code == 302
    assert Person.objects.count() == people
    assert Registration.objects.get(activity=activity).person == known


def test_a_new_person_needs_a_last_name(staff_client, activity):
    form = find_form(soup(staff_client.get(_detail(activity))), containing="new-first_name")
    people = Person.objects.count()

    response = staff_client.post(form["action"], fill(form, {"new-first_name": "Ана"}))

    assert response.status_code == 400
    assert field_errors(soup(response), "new-last_name")
    assert Person.objects.count() == people
    assert not Registration.objects.filter(activity=activity).exists()


def test_staff_removes_a_participant(staff_client, activity):
    registration = RegistrationFactory(activity=activity)
    page = soup(staff_client.get(_detail(activity)))
    remove_url = f"/staff/activities/{activity.pk}/participants/{registration.pk}/remove/"
    form = find_form(page, action=remove_url)

    response = staff_client.post(remove_url, fill(form, {}))

    assert response.status_code == 302
    # A removal is a cancellation: the registration stays on record and frees its seat.
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert Person.objects.filter(pk=registration.person_id).exists()
    assert AuditEntry.objects.filter(action="participant_remove", object_id=activity.pk).exists()


def test_a_registration_of_another_activity_cannot_be_removed_through_this_one(
    staff_client, activity
):
    other = RegistrationFactory()
    url = f"/staff/activities/{activity.pk}/participants/{other.pk}/remove/"
    assert staff_client.post(url).status_code == 404
    assert Registration.objects.filter(pk=other.pk).exists()


def test_people_without_a_role_cannot_add_or_remove(plain_client, client, activity):
    registration = RegistrationFactory(activity=activity)
    person = PersonFactory()
    remove = f"/staff/activities/{activity.pk}/participants/{registration.pk}/remove/"
    assert plain_client.post(_add_url(activity), {"person": person.pk}).status_code == 403
    assert plain_client.post(remove).status_code == 403
    plain_client.logout()
    assert client.post(_add_url(activity), {"person": person.pk}).status_code == 302
    assert client.post(remove).status_code == 302
    assert list(Registration.objects.filter(activity=activity)) == [registration]


# --- import ---------------------------------------------------------------------------------

HEADER = ["Име", "Презиме", "Е-пошта", "Установа", "Позиција"]


@pytest.fixture
def import_case(activity):
    """An activity, a person in the directory, a person already registered, and the rows of a
    list that has one of each kind of row."""
    known = PersonFactory(first_name="Мара", last_name="Марић", email="mara@csr-sombor.rs")
    registered = PersonFactory(first_name="Вера", last_name="Верић", email="vera@csr-kula.rs")
    RegistrationFactory(activity=activity, person=registered)
    rows = [
        HEADER,
        ["Милан", "Милић", "milan@csr-sid.rs", "ЦСР Шид", "Супервизор"],  # 2 added
        ["Mara", "Marić", "MARA@csr-sombor.rs", "CSR Sombor", "supervisor"],  # 3 matched
        ["Милан", "Милић", "milan@csr-sid.rs", "ЦСР Шид", ""],  # 4 duplicate in the file
        ["Зоран", "", "zoran@csr.rs", "", ""],  # 5 no last name
        ["Нада", "Надић", "nada@", "", ""],  # 6 bad e-mail
        ["Ива", "Ивић", "", "Непостојећи центар", ""],  # 7 unknown institution
        ["Вера", "Верић", "vera@csr-kula.rs", "", ""],  # 8 already registered
        ["Ђорђе", "Ђорђевић", "", "", "правник"],  # 9 added, no e-mail
    ]
    return {"activity": activity, "known": known, "registered": registered, "rows": rows}


def _csv(rows) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile("polaznici.csv", out.getvalue().encode("utf-8"), "text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(
        "polaznici.xlsx",
        out.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def upload(staff_client, run_jobs):
    """Upload a list through the import page's form; the answer is the page the upload
    led to: the preview job's page once its job has run, or the form with its errors."""

    def send(activity, upload, client=staff_client):
        form = find_form(soup(client.get(_import_url(activity))), containing="file")
        data = {**fill(form, {}), "file": upload}
        response = run_jobs(client.post, _import_url(activity), data)
        if response.status_code != 302:
            return response
        assert response.url.startswith("/staff/documents/jobs/"), response.url
        return client.get(response.url)

    return send


@pytest.fixture
def confirm(staff_client, run_jobs):
    """Press the preview's import button; the answer is the import job's page."""

    def send(preview_page, client=staff_client, follow_to=None):
        form = find_form(soup(preview_page), containing="job")
        action = follow_to or form["action"]
        response = run_jobs(client.post, action, fill(form, {}, submit="confirm"))
        assert response.status_code == 302
        return client.get(response.url)

    return send


def _preview_rows(page) -> dict[int, tuple[str, str]]:
    """{row number: (outcome, reasons)} as the preview table shows them."""
    result = {}
    for tr in page.select("tbody tr[class^=import-]"):
        cells = tr.find_all("td")
        result[int(cells[0].text)] = (tr["class"][0].removeprefix("import-"), cells[-1].get_text())
    return result


def _job_error(page) -> str:
    alert = soup(page).select_one(".job-status .alert-danger")
    assert alert is not None, "the job did not fail"
    return alert.get_text(" ", strip=True).replace("\xa0", " ")


@pytest.mark.parametrize("make_file", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_the_import_preview_says_what_happens_to_each_row_and_writes_nothing(
    upload, import_case, make_file
):
    activity = import_case["activity"]
    people, registrations = Person.objects.count(), Registration.objects.count()

    response = upload(activity, make_file(import_case["rows"]))

    assert response.status_code == 200
    rows = _preview_rows(soup(response))
    assert {n: outcome for n, (outcome, _) in rows.items()} == {
        2: "added",
        3: "matched",
        4: "refused",
        5: "refused",
        6: "refused",
        7: "refused",
        8: "refused",
        9: "added",
    }
    assert "appears earlier in the file" in rows[4][1]
    assert "first and last name are required" in rows[5][1]
    assert "e-mail address is not valid" in rows[6][1]
    assert "Непостојећи центар" in rows[7][1]
    assert "already a participant" in rows[8][1]
    assert "2 will be added as new people, 1 matched" in soup(response).get_text(" ")
    assert Person.objects.count() == people
    assert Registration.objects.count() == registrations


def test_the_upload_request_only_stores_the_list_and_queues_its_preview(
    staff_client, import_case, monkeypatch
):
    """No worker here and no eager run: the request must answer without reading the list."""
    from pzss.documents.jobs import run_job

    activity = import_case["activity"]
    queued = []
    monkeypatch.setattr(run_job, "delay", lambda pk: queued.append(pk))
    monkeypatch.setattr(participants, "participants_preview", _must_not_be_called)
    form = find_form(soup(staff_client.get(_import_url(activity))), containing="file")

    response = staff_client.post(
        _import_url(activity), {**fill(form, {}), "file": _csv(import_case["rows"])}
    )

    assert response.status_code == 302
    job = Job.objects.get(pk=queued[0])
    assert response.url == f"/staff/documents/jobs/{job.pk}/"
    assert job.status == JobStatus.QUEUED and job.kind == "participant_import_preview"
    assert job.input_file.read().decode().startswith("Име,Презиме")
    page = soup(staff_client.get(response.url))
    assert page.select_one(".job-status[data-hx-get]") is not None
    assert "Waiting for a free worker" in page.get_text()


@pytest.mark.parametrize("make_file", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_confirming_the_preview_imports_only_the_valid_rows(
    upload, confirm, import_case, make_file
):
    activity = import_case["activity"]
    preview = upload(activity, make_file(import_case["rows"]))
    people = Person.objects.count()

    done = confirm(preview)

    registered = {
        r.person.email or r.person.last_name: r
        for r in Registration.objects.filter(activity=activity).select_related("person")
    }
    assert set(registered) == {
        "vera@csr-kula.rs",  # was there before
        "milan@csr-sid.rs",
        "mara@csr-sombor.rs",
        "Ђорђевић",
    }
    # Two new people; Mara is the one already in the directory.
    assert Person.objects.count() == people + 2
    assert registered["mara@csr-sombor.rs"].person == import_case["known"]
    milan = registered["milan@csr-sid.rs"]
    assert milan.source == "import"
    assert milan.institution.name == "ЦСР Шид"
    assert milan.position == Position.SUPERVISOR
    assert registered["Ђорђевић"].position == Position.LAWYER
    assert not Person.objects.filter(last_name__in=["Надић", "Ивић"]).exists()
    assert AuditEntry.objects.filter(action="participants_import", object_id=activity.pk).exists()
    text = soup(done).get_text(" ", strip=True)
    assert "Participants imported: 3" in text
    assert "New people added to the directory: 2" in text
    assert "Matched to people already in the directory: 1" in text
    assert "Refused in the preview, not imported: 5" in text


def test_confirming_a_preview_twice_imports_it_once(staff_client, upload, confirm, import_case):
    activity = import_case["activity"]
    preview = upload(activity, _csv(import_case["rows"]))
    first = confirm(preview)
    registrations = Registration.objects.filter(activity=activity).count()

    again = confirm(preview)  # the button pressed again, or the form sent twice

    assert Registration.objects.filter(activity=activity).count() == registrations
    assert Job.objects.filter(kind="participant_import").count() == 1
    assert soup(again).get_text() == soup(first).get_text()


def test_a_preview_of_another_person_cannot_be_confirmed(
    client, staff_user, django_user_model, upload, confirm, import_case
):
    from django.contrib.auth.models import Group

    activity = import_case["activity"]
    preview = upload(activity, _csv(import_case["rows"]))
    other = django_user_model.objects.create_user(username="carol", password="x")
    other.groups.add(Group.objects.get(name="staff"))
    client.force_login(other)
    data = fill(find_form(soup(preview), containing="job"), {}, submit="confirm")
    registrations = Registration.objects.count()

    response = client.post(_import_url(activity), data, follow=True)

    assert "Upload the list again" in " ".join(messages_on(soup(response)))
    assert Registration.objects.count() == registrations
    assert not Job.objects.filter(kind="participant_import").exists()


def test_an_hour_old_preview_is_not_confirmed(staff_client, upload, import_case):
    activity = import_case["activity"]
    preview = upload(activity, _csv(import_case["rows"]))
    Job.objects.filter(kind="participant_import_preview").update(
        finished_at=timezone.now() - dt.timedelta(hours=1, minutes=1)
    )
    data = fill(find_form(soup(preview), containing="job"), {}, submit="confirm")

    response = staff_client.post(_import_url(activity), data, follow=True)

    assert "Upload the list again" in " ".join(messages_on(soup(response)))
    assert not Job.objects.filter(kind="participant_import").exists()


def test_a_file_without_a_header_row_fails_its_job_with_a_clear_reason(upload, import_case):
    activity = import_case["activity"]
    rows = import_case["rows"][1:]

    error = _job_error(upload(activity, _csv(rows)))

    assert "first row must name the columns" in error
    assert "first_name" in error and "last_name" in error


def test_an_empty_file_gets_a_clear_error(upload, activity):
    response = upload(activity, SimpleUploadedFile("prazno.csv", b""))
    assert response.status_code == 400
    assert field_errors(soup(response), "file")
    assert not Job.objects.exists()


def test_a_file_named_xlsx_that_is_no_zip_archive_is_refused_by_the_upload(upload, activity):
    response = upload(activity, SimpleUploadedFile("lista.xlsx", b"Ime,Prezime\nAna,Anic\n"))
    assert response.status_code == 400
    assert "The XLSX file cannot be read." in field_errors(soup(response), "file")
    assert not Job.objects.exists()


def test_a_list_in_another_format_is_refused(upload, activity):
    response = upload(activity, SimpleUploadedFile("polaznici.txt", b"Ime,Prezime\nAna,Anic\n"))
    assert response.status_code == 400
    assert field_errors(soup(response), "file")


def test_a_csv_in_windows_1250_with_semicolons_is_read(upload, activity):
    content = "Ime;Prezime;E-mail\nŽeljko;Čolić;zeljko@csr.rs\n".encode("cp1250")

    rows = _preview_rows(soup(upload(activity, SimpleUploadedFile("lista.csv", content))))

    assert rows == {2: ("added", rows[2][1])}


def test_people_without_a_role_cannot_import(plain_client, import_case):
    url = _import_url(import_case["activity"])
    assert plain_client.get(url).status_code == 403
    assert plain_client.post(url, {"file": _csv(import_case["rows"])}).status_code == 403
    assert not Job.objects.exists()


def test_a_preview_of_one_activity_cannot_be_imported_into_another(
    staff_client, upload, import_case
):
    activity = import_case["activity"]
    other = ActivityFactory(title="Друга активност")
    preview = upload(activity, _csv(import_case["rows"]))
    data = fill(find_form(soup(preview), containing="job"), {}, submit="confirm")

    response = staff_client.post(_import_url(other), data, follow=True)

    assert "Upload the list again" in " ".join(messages_on(soup(response)))
    assert not Registration.objects.filter(activity=other).exists()


def test_an_import_into_an_activity_cancelled_after_the_preview_fails_and_adds_nobody(
    staff_user, upload, confirm, import_case
):
    activity = import_case["activity"]
    preview = upload(activity, _csv(import_case["rows"]))
    activity_cancel(user=staff_user, activity=activity, reason="Отказано.")
    registrations = Registration.objects.count()

    error = _job_error(confirm(preview))

    assert "A cancelled activity has no participants." in error
    assert Registration.objects.count() == registrations


def test_participants_of_a_cancelled_activity_stay_on_record(staff_client, staff_user, activity):
    registration = RegistrationFactory(activity=activity)
    activity_cancel(user=staff_user, activity=activity, reason="Отказано.")
    url = f"/staff/activities/{activity.pk}/participants/{registration.pk}/remove/"

    response = staff_client.post(url, follow=True)

    assert "cannot be changed" in " ".join(messages_on(soup(response)))
    assert Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "iso-8859-5", "utf-8-sig"]
)
def test_a_cyrillic_csv_in_utf_16_or_iso_8859_5_is_read_with_its_names(upload, activity, encoding):
    text = "Име;Презиме;Е-пошта\r\nЉиљана;Ђурђевић;ljiljana@csr.rs\r\nЖељко;Чолић;\r\n"
    boms = {
        "utf-16-le-bom": (b"\xff\xfe", "utf-16-le"),
        "utf-16-be-bom": (b"\xfe\xff", "utf-16-be"),
    }
    bom, codec = boms.get(encoding, (b"", encoding))

    page = upload(activity, SimpleUploadedFile("lista.csv", bom + text.encode(codec)))

    assert page.status_code == 200, page.content.decode()[:2000]
    rows = _preview_rows(soup(page))
    assert [outcome for outcome, _reasons in rows.values()] == ["added", "added"]
    html = page.content.decode()
    assert "Љиљана" in html and "Ђурђевић" in html and "Чолић" in html


def test_a_csv_in_no_known_encoding_says_which_encodings_were_tried(upload, activity):
    content = bytes(range(128, 256)) * 4
    error = _job_error(upload(activity, SimpleUploadedFile("lista.csv", content)))
    assert "UTF-16" in error and "ISO-8859-5" in error


def _xlsx_bytes(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rezip(content: bytes, change) -> bytes:
    """The same workbook with its entries passed through `change(name, data) -> data`,
    plus any entries `change` adds under the name None."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
        for name, data in change(None, b"") or []:
            dst.writestr(name, data)
    return out.getvalue()


def _xlsx_upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "polaznici.xlsx",
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def refused(upload):
    """Upload a list the caps refuse: the reason its job failed with, once it is checked
    that nothing was stored (no person, no registration, no uploaded file kept)."""

    def send(activity, file) -> str:
        people, registrations = Person.objects.count(), Registration.objects.count()
        error = _job_error(upload(activity, file))
        assert Person.objects.count() == people
        assert Registration.objects.count() == registrations
        job = Job.objects.get(kind="participant_import_preview")
        assert job.status == JobStatus.FAILED and not job.input_file and job.result is None
        return error

    return send


def test_an_xlsx_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read(
    refused, activity, monkeypatch
):
    def bomb(name, data):
        if name is None:
            return [("xl/media/padding.bin", b"\0" * (21 * 1024 * 1024))]
        return data

    content = _rezip(_xlsx_bytes([["Ime", "Prezime"], ["Ana", "Anić"]]), bomb)
    assert len(content) < 2 * 1024 * 1024  # it passes the upload's own size limit
    monkeypatch.setattr(participants, "load_workbook", _must_not_be_called)

    error = refused(activity, _xlsx_upload(content))

    assert "unpacks to more than 20.0 MB" in error


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("a file that should have been refused was read")


def test_an_xlsx_whose_sheet_declares_more_rows_than_the_limit_is_refused_before_it_is_read(
    refused, activity, monkeypatch
):
    def declare_many_rows(name, data):
        if name is None:
            return []
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B900000"', data)
        return data

    content = _rezip(_xlsx_bytes([["Ime", "Prezime"], ["Ana", "Anić"]]), declare_many_rows)
    monkeypatch.setattr(participants, "load_workbook", _must_not_be_called)

    error = refused(activity, _xlsx_upload(content))

    assert "more than 5,000 rows" in error


def test_an_xlsx_whose_sheet_declares_more_cells_than_the_limit_is_refused(
    refused, activity, monkeypatch
):
    def declare_wide(name, data):
        if name is None:
            return []
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:ZZZ200"', data)
        return data

    content = _rezip(_xlsx_bytes([["Ime", "Prezime"], ["Ana", "Anić"]]), declare_wide)
    monkeypatch.setattr(participants, "load_workbook", _must_not_be_called)

    error = refused(activity, _xlsx_upload(content))

    assert "more than 100,000 cells" in error


def test_an_xlsx_with_more_rows_than_the_limit_and_no_declared_size_is_refused(refused, activity):
    def undeclare(name, data):
        if name is None:
            return []
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb"<dimension [^>]*/>", b"", data)
        return data

    rows = [["Ime", "Prezime"], *([f"Ana{n}", "Anić"] for n in range(5001))]
    content = _rezip(_xlsx_bytes(rows), undeclare)

    error = refused(activity, _xlsx_upload(content))

    assert "more than 5,000 rows" in error


def test_a_csv_with_more_rows_than_the_limit_is_refused(refused, activity):
    text = "Ime,Prezime\n" + "".join(f"Ana{n},Anić\n" for n in range(5001))

    error = refused(activity, SimpleUploadedFile("lista.csv", text.encode("utf-8")))

    assert "more than 5,000 rows" in error and "at most 5,000 rows" in error


def test_the_caps_reach_the_reader_in_their_language(staff_client, upload, activity):
    staff_client.cookies["django_language"] = "sr"
    text = "Ime,Prezime\n" + "".join(f"Ana{n},Anić\n" for n in range(5001))

    page = upload(activity, SimpleUploadedFile("lista.csv", text.encode("utf-8")))

    job = Job.objects.get()
    assert job.language == "sr" and "5.000" in job.error
    assert job.error in _job_error(page)


def test_imported_names_are_stored_without_invisible_formatting_characters(upload, activity):
    text = "Ime,Prezime\n\u202eAna\u200b,Ani\u200bć\ufeff\n"

    page = upload(activity, SimpleUploadedFile("lista.csv", text.encode("utf-8")))

    assert page.status_code == 200
    html = page.content.decode()
    assert "\u202e" not in html and "\u200b" not in html
    assert "Anić" in html


# --- what the panel counts ---------------------------------------------------------------


def test_the_participants_panel_counts_participants_and_lists_the_others_apart(
    staff_client, activity
):
    for status in [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    ]:
        RegistrationFactory(activity=activity, status=status)

    page = soup(staff_client.get(_detail(activity)))

    assert page.select_one("#participants-h .badge").get_text(strip=True) == "3"
    assert len(page.select("#participants-table tbody tr")) == 3
    others = page.select("#not-participating tbody tr")
    assert len(others) == 2
    assert {tr.select_one(".badge").get_text(strip=True) for tr in others} == {
        "Waiting list",
        "Cancelled",
    }
