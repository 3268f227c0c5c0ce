"""The annual realisation report: its workflow (every transition and refusal), the
freeze on submission, its document (deterministic, rendered by WeasyPrint, public only
once published), its spreadsheet annex, and its page."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from outreach.models import Publication, PublicationKind
from programme import services
from programme.documents import render_realisation_report
from programme.models import RealisationReport, ReportStatus, RevisionStatus, TargetNote
from pzss.core.models import Activity, ActivityKind, ActivityStatus, AuditEntry, Municipality
from pzss.documents.models import DocumentStatus, Job, JobStatus
from pzss.documents.services import document_render
from tests.conftest import require
from tests.core.soup import fill, messages_on, soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030
INTRO = "Завод је у 2030. години реализовао програм у четири области."


def _activity(title="Радна посета ЦСР Сомбор", *, area=1, kind=ActivityKind.WORKING_VISIT, **kw):
    values = {"start_date": dt.date(YEAR, 3, 10), "status": ActivityStatus.HELD, **kw}
    return Activity.objects.create(area=area, kind=kind, title=title, **values)


@pytest.fixture
def published():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def visit(published) -> Activity:
    activity = _activity(municipality=Municipality.objects.filter(name="Сомбор").first())
    first_target(published).activities.add(activity)
    return activity


@pytest.fixture
def report(published, staff_user, visit) -> RealisationReport:
    return services.realisation_report_create(
        user=staff_user, programme=published.programme, introduction=INTRO
    )


def _submitted(report, staff_user):
    return services.realisation_report_submit(user=staff_user, report=report)


def _approved(report, staff_user, director_user):
    report = _submitted(report, staff_user)
    return services.realisation_report_approve(user=director_user, report=report)


def _html(report) -> str:
    return render_realisation_report(report, "sr").html


# --- the workflow -----------------------------------------------------------------------


def test_staff_start_the_report_as_a_draft_once_per_year(published, staff_user):
    report = services.realisation_report_create(user=staff_user, programme=published.programme)
    assert report.status == ReportStatus.DRAFT and not report.is_frozen
    assert report.title == "Извештај о реализацији Програма рада за 2030. годину"
    with pytest.raises(ValidationError, match="already been started"):
        services.realisation_report_create(user=staff_user, programme=published.programme)
    assert list(report.transitions.values_list("action", flat=True)) == ["create"]


def test_no_report_without_a_programme_in_force(staff_user):
    draft = make_revision(year=YEAR)
    with pytest.raises(ValidationError, match="not yet approved"):
        services.realisation_report_create(user=staff_user, programme=draft.programme)


def test_only_staff_start_and_edit_the_report(published, plain_user, report):
    with pytest.raises(PermissionDenied):
        services.realisation_report_create(user=plain_user, programme=published.programme)
    with pytest.raises(PermissionDenied):
        services.realisation_report_update(
            user=plain_user, report=report, data={"introduction": "x"}
        )
    with pytest.raises(PermissionDenied):
        services.realisation_report_submit(user=plain_user, report=report)


def test_submit_needs_an_introduction(published, staff_user, visit):
    report = services.realisation_report_create(user=staff_user, programme=published.programme)
    with pytest.raises(ValidationError) as exc:
        services.realisation_report_submit(user=staff_user, report=report)
    assert "introduction" in exc.value.error_dict


def test_the_texts_are_edited_only_in_draft(report, staff_user):
    services.realisation_report_update(
        user=staff_user, report=report, data={"summary": "Година је била успешна."}
    )
    report = _submitted(report, staff_user)
    with pytest.raises(ValidationError, match="only while it is a draft"):
        services.realisation_report_update(user=staff_user, report=report, data={"summary": "x"})
    report.refresh_from_db()
    assert report.summary == "Година је била успешна."


def test_the_whole_workflow_with_its_history_and_audit(report, staff_user, director_user):
    report = _submitted(report, staff_user)
    assert report.status == ReportStatus.SUBMITTED and report.is_frozen
    report = services.realisation_report_return(
        user=director_user, report=report, comment="Допуните увод подацима о обукама."
    )
    assert report.status == ReportStatus.DRAFT and not report.is_frozen
    assert report.frozen_body == {} and report.frozen_rows == {}
    report = _submitted(report, staff_user)
    report = services.realisation_report_approve(user=director_user, report=report)
    assert report.status == ReportStatus.APPROVED and report.is_frozen
    report = services.realisation_report_publish(user=staff_user, report=report)
    assert report.status == ReportStatus.PUBLISHED

    steps = list(report.transitions.values_list("action", "from_status", "to_status", "actor"))
    assert steps == [
        ("create", "", "draft", staff_user.pk),
        ("submit", "draft", "submitted", staff_user.pk),
        ("return", "submitted", "draft", director_user.pk),
        ("submit", "draft", "submitted", staff_user.pk),
        ("approve", "submitted", "approved", director_user.pk),
        ("publish", "approved", "published", staff_user.pk),
    ]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RealisationReport), object_id=report.pk
    )
    assert sorted(entries.values_list("action", flat=True)) == sorted(
        f"realisation_report_{a}" for a, *_ in steps
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("submit", "submitted"),
        ("approve", "draft"),
        ("return", "draft"),
        ("publish", "draft"),
        ("publish", "submitted"),
        ("approve", "approved"),
        ("return", "approved"),
        ("submit", "published"),
    ],
)
def test_a_step_from_the_wrong_state_is_refused(report, staff_user, director_user, action, status):
    if status != "draft":
        report = _submitted(report, staff_user)
    if status in {"approved", "published"}:
        report = services.realisation_report_approve(user=director_user, report=report)
    if status == "published":
        report = services.realisation_report_publish(user=staff_user, report=report)
    service = getattr(services, f"realisation_report_{action}")
    extra = {"comment": "Коментар."} if action == "return" else {}
    user = director_user if action in {"approve", "return"} else staff_user
    with pytest.raises(ValidationError) as exc:
        service(user=user, report=report, **extra)
    assert "it cannot be" in exc.value.messages[0]
    report.refresh_from_db()
    assert report.status == status


def test_only_the_director_approves_or_returns(report, staff_user):
    report = _submitted(report, staff_user)
    with pytest.raises(PermissionDenied):
        services.realisation_report_approve(user=staff_user, report=report)
    with pytest.raises(PermissionDenied):
        services.realisation_report_return(user=staff_user, report=report, comment="Не.")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_return_needs_a_comment_and_keeps_it(report, staff_user, director_user, staff_client):
    report = _submitted(report, staff_user)
    with pytest.raises(ValidationError) as exc:
        services.realisation_report_return(user=director_user, report=report, comment="  ")
    assert "comment" in exc.value.error_dict
    services.realisation_report_return(
        user=director_user, report=report, comment="Допуните увод подацима о обукама."
    )
    page = soup(staff_client.get(f"/programme/{YEAR}/report/"))
    returned = page.find(id="report-returned").get_text(" ", strip=True)
    # English readers see the Cyrillic comment in Latin script.
    assert "Dopunite uvod podacima o obukama." in returned
    assert "Dopunite uvod" in page.find(id="report-history").get_text()


def test_only_plain_users_cannot_publish(report, staff_user, director_user, plain_user):
    report = _approved(report, staff_user, director_user)
    with pytest.raises(PermissionDenied):
        services.realisation_report_publish(user=plain_user, report=report)


# --- the freeze ---------------------------------------------------------------------------


def test_submitting_freezes_the_figures_and_a_return_makes_them_live(
    report, staff_user, director_user, visit
):
    report = _submitted(report, staff_user)
    frozen = _html(report)
    assert "Радна посета ЦСР Сомбор" in frozen

    visit.title = "Посета ЦСР Апатин"
    visit.save(update_fields=["title"])
    _activity("Нова посета ЦСР Кула")  # held after the submission, realising nothing
    assert _html(report) == frozen

    report = services.realisation_report_return(
        user=director_user, report=report, comment="Погледајте нове посете."
    )
    live = _html(report)
    assert live != frozen
    assert "Посета ЦСР Апатин" in live and "Нова посета ЦСР Кула" in live
    assert "Радна посета ЦСР Сомбор" not in live


def test_what_the_director_approves_and_publishes_is_what_was_submitted(
    report, staff_user, director_user, visit
):
    report = _submitted(report, staff_user)
    body = report.frozen_body["sr"]
    visit.status = ActivityStatus.CANCELLED
    visit.cancel_reason = "Отказано."
    visit.save(update_fields=["status", "cancel_reason"])
    report = services.realisation_report_approve(user=director_user, report=report)
    report = services.realisation_report_publish(user=staff_user, report=report)
    report.refresh_from_db()
    assert report.frozen_body["sr"] == body
    assert body in _html(report)


def test_the_frozen_annex_rows_are_the_submitted_ones(report, staff_user, visit):
    report = _submitted(report, staff_user)
    rows = report.frozen_rows
    assert [a["title"] for a in rows["activities"]] == ["Радна посета ЦСР Сомбор"]
    target = next(t for t in rows["targets"] if t["held"])
    assert target["realised"] == 1 and target["quantity"] == 2 and target["state"] == "in_progress"


# --- the document -------------------------------------------------------------------------


def test_the_report_html_is_deterministic_and_a_draft_says_so(report, staff_user):
    first = render_realisation_report(report, "sr")
    again = render_realisation_report(RealisationReport.objects.get(pk=report.pk), "sr")
    assert first.html == again.html and first.checksum == again.checksum
    assert "НАЦРТ" in first.html
    assert "<title>Извештај о реализацији Програма рада за 2030. годину</title>" in first.html
    assert "target-counter(attr(href), page)" in first.html  # contents with page numbers
    assert "display: table-header-group" in first.html  # a table's head repeats
    assert first.filename == "izvestaj-o-realizaciji-2030.pdf"
    latin = render_realisation_report(report, "en")  # English readers: the Latin script
    assert "Izveštaj o realizaciji Programa rada za 2030. godinu" in latin.html
    assert "Радна" not in latin.html
    submitted = render_realisation_report(_submitted(report, staff_user), "sr")
    assert "НАЦРТ" not in submitted.html


def test_the_report_shows_totals_targets_notes_unplanned_outside_and_the_annex(
    report, staff_user, published, visit
):
    target = first_target(published)
    TargetNote.objects.create(target=target, quarter=1, text="Посете почеле у марту.")
    _activity("Округли сто без задатка", kind=ActivityKind.ROUND_TABLE)
    outside = _activity("Посета партнера", area=2)
    services.activity_mark_outside(user=staff_user, activity=outside, reason="Позив партнера.")
    html = _html(report)
    page = soup(type("R", (), {"content": html.encode()}))
    assert page.select_one("#report-totals").get_text(" ", strip=True).count("1") >= 1
    assert "Посете почеле у марту." in html and "I квартал:" in html
    assert "у току" in html  # 1 of 2 visits
    unplanned = page.select_one("#report-unplanned").get_text(" ", strip=True)
    assert "Округли сто без задатка" in unplanned and "Посета партнера" not in unplanned
    assert "Позив партнера." in page.select_one("#report-outside").get_text()
    annex = [tr.get_text(" | ", strip=True) for tr in page.select("#report-annex tbody tr")]
    assert len(annex) == 3
    assert annex[0].startswith("10.03.2030.") and "Сомбор" in annex[0] and "I 1." in annex[0]
    # the goals' chart and the map are SVG, drawn in the document itself
    assert page.select("#area-1 figure svg") and page.select("#report-totals figure svg")


def _pdf_text(path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8"))


def test_the_pdf_renders_with_weasyprint_in_both_scripts(report, no_render):
    for language, title in [
        ("sr", "Извештај о реализацији Програма рада за 2030. годину"),
        ("sr-latn", "Izveštaj o realizaciji Programa rada za 2030. godinu"),
    ]:
        document = services.report_document_request(report=report, language=language)
        document = document_render(document_id=document.pk)
        assert document.status == DocumentStatus.READY, document.error
        assert document.pages >= 5
        text = _pdf_text(document.file.path)
        assert title in text
        assert re.search(r"(Увод|Uvod) \.{5,} ?\d+", text)  # the contents' page numbers
    assert len(no_render) == 2


def test_the_same_report_is_rendered_once(report, no_render, committed):
    with committed():
        first = services.report_document_request(report=report, language="sr")
    with committed():
        again = services.report_document_request(report=report, language="sr")
    assert first.pk == again.pk and no_render == [first.pk]


# --- publication and the library --------------------------------------------------------------


def test_publication_puts_the_report_in_the_library_and_its_pdf_is_public(
    report, staff_user, director_user, client, no_render
):
    draft_document = services.report_document_request(report=report, language="sr")
    document_render(document_id=draft_document.pk)
    # A draft's PDF is not the public's, even by its address.
    assert client.get(reverse("documents:download", args=[draft_document.pk])).status_code == 404
    assert client.get(f"/programme/{YEAR}/report/pdf/").status_code == 302  # to the login

    report = _approved(report, staff_user, director_user)
    approved_document = services.report_document_request(report=report, language="sr")
    document_render(document_id=approved_document.pk)
    url = reverse("documents:download", args=[approved_document.pk])
    assert client.get(url).status_code == 404  # approved is not yet public

    services.realisation_report_publish(user=staff_user, report=report)
    publication = Publication.objects.get(source_key=f"realisation_report:{YEAR}")
    assert publication.kind == PublicationKind.REALISATION_REPORT
    assert publication.title == "Извештај о реализацији Програма рада за 2030. годину"
    attached = publication.files.get()
    # The published PDF is the one the director approved: the same input, not a new one.
    assert attached.document_id == approved_document.pk
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    library = client.get("/publications/?kind=realisation_report")
    assert publication.get_absolute_url() in library.text
    response = client.get(
        reverse("outreach:publication_file", args=[publication.slug, attached.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # the draft's document is still not public
    assert client.get(reverse("documents:download", args=[draft_document.pk])).status_code == 404


def test_the_library_catches_up_with_published_reports(report, staff_user, director_user):
    from outreach.library.services import library_catch_up

    report = _approved(report, staff_user, director_user)
    services.realisation_report_publish(user=staff_user, report=report)
    Publication.objects.filter(source_key=f"realisation_report:{YEAR}").delete()
    library_catch_up()
    assert Publication.objects.filter(
        source_key=f"realisation_report:{YEAR}", kind=PublicationKind.REALISATION_REPORT
    ).exists()


# --- the spreadsheet annex ---------------------------------------------------------------------


def test_the_xlsx_annex_has_the_targets_and_the_held_activities(
    report, staff_user, published, staff_client, run_jobs
):
    TargetNote.objects.create(
        target=first_target(published), quarter=2, text="Друга посета у јуну."
    )
    report = _submitted(report, staff_user)
    page = soup(staff_client.get(f"/programme/{YEAR}/report/"))
    form = page.find("button", id="report-annex").find_parent("form")
    response = run_jobs(staff_client.post, form["action"], fill(form, {}))
    job = Job.objects.get(kind="realisation_report_xlsx")
    assert response.url == job.get_absolute_url()
    assert job.status == JobStatus.DONE, job.error
    book = load_workbook(io.BytesIO(job.result_file.read()), read_only=True)
    assert book.sheetnames == ["Targets", "Held activities"]
    targets = list(book["Targets"].values)
    assert targets[0][:3] == ("Area", "Goal", "Target")
    visits = next(r for r in targets[1:] if r[10] == 1)
    assert visits[0] == "I" and visits[1] == "1."
    # English readers get the content in Latin script
    assert visits[2] == "Radne posete 1" and visits[5] == 2 and visits[7] == 1
    assert visits[9] == "In progress" and visits[15] == "Druga poseta u junu."
    activities = list(book["Held activities"].values)
    assert len(activities) == 2
    assert activities[1][3] == "Radna poseta CSR Sombor"
    assert activities[1][1].date() == dt.date(YEAR, 3, 10) and activities[1][6] == "Sombor"
    # Asked again, the frozen annex is the same job.
    run_jobs(staff_client.post, form["action"], fill(form, {}))
    assert Job.objects.filter(kind="realisation_report_xlsx").count() == 1


# --- the page --------------------------------------------------------------------------------


def test_the_page_by_role(published, plain_user, staff_client):
    url = f"/programme/{YEAR}/report/"
    assert Client().get(url).status_code == 302
    plain = Client()
    plain.force_login(plain_user)
    assert plain.get(url).status_code == 403
    page = soup(staff_client.get(url))
    form = page.find("form", action=reverse("programme:report_create", args=[YEAR]))
    response = staff_client.post(form["action"], fill(form, {}), follow=True)
    assert "started as a draft" in " ".join(messages_on(soup(response)))
    assert RealisationReport.objects.get().status == ReportStatus.DRAFT


def test_staff_write_the_texts_and_submit_through_the_page(report, staff_client):
    url = f"/programme/{YEAR}/report/"
    page = soup(staff_client.get(url))
    form = page.find("textarea", attrs={"name": "introduction"}).find_parent("form")
    response = staff_client.post(
        url, fill(form, {"summary": "Већина задатака је остварена."}), follow=True
    )
    assert "texts are saved" in " ".join(messages_on(soup(response)))
    page = soup(response)
    # Staff see no approval buttons.
    assert not page.find(
        "form", action=reverse("programme:report_transition", args=[YEAR, "approve"])
    )
    form = page.find("form", action=reverse("programme:report_transition", args=[YEAR, "submit"]))
    response = staff_client.post(form["action"], fill(form, {}), follow=True)
    assert "submitted to the director" in " ".join(messages_on(soup(response)))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.summary == "Већина задатака је остварена."
    assert not soup(response).find("textarea", attrs={"name": "introduction"})


def test_a_staff_member_cannot_approve_or_return_through_the_page(report, staff_user, staff_client):
    _submitted(report, staff_user)
    for action in ("approve", "return"):
        url = reverse("programme:report_transition", args=[YEAR, action])
        assert staff_client.post(url, {"comment": "Не."}).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_director_returns_and_approves_through_the_page(report, staff_user, director_client):
    _submitted(report, staff_user)
    url = f"/programme/{YEAR}/report/"
    page = soup(director_client.get(url))
    form = page.find("form", class_="report-return")
    response = director_client.post(form["action"], fill(form, {"comment": ""}), follow=True)
    assert messages_on(soup(response))  # the refusal says why
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    response = director_client.post(
        form["action"], fill(form, {"comment": "Допуните закључак."}), follow=True
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert "Dopunite zaključak." in soup(response).find(id="report-returned").get_text()
    _submitted(report, staff_user)
    page = soup(director_client.get(url))
    form = page.find("form", action=reverse("programme:report_transition", args=[YEAR, "approve"]))
    director_client.post(form["action"], fill(form, {}))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_the_report_page_has_a_bounded_number_of_queries(
    report, staff_user, director_user, staff_client, django_assert_max_num_queries
):
    url = f"/programme/{YEAR}/report/"
    staff_client.get(url)
    # session, user, groups, programme, report, history (with actors), savepoints and
    # the messages: the same however long the history is.
    with django_assert_max_num_queries(8):
        staff_client.get(url)
    for n in range(10):
        report = _submitted(report, staff_user)
        report = services.realisation_report_return(
            user=director_user, report=report, comment=f"Коментар {n}."
        )
    with django_assert_max_num_queries(8):
        response = staff_client.get(url)
    assert len(soup(response).select("#report-history tbody tr")) == 21


def test_the_realisation_page_links_to_the_report(published, staff_client):
    page = soup(staff_client.get(f"/programme/{YEAR}/realisation/"))
    assert page.find("a", href=f"/programme/{YEAR}/report/")
