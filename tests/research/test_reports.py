"""Statistical reports: started, written and published by staff; frozen at publication;
in the library and counted towards the programme when published; the public reads them
with small cells suppressed — on the page, in the PDF and in the spreadsheet — and never
reads a draft."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from outreach.models import Publication
from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, Area, Institution, InstitutionKind
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.registry import document_is_public
from pzss.documents.services import document_render
from pzss.lib.translit import for_language
from research import report_services as services
from research.models import DataSet, ReportKind, ReportStatus, StatisticalReport
from research.reference import DOMESTIC_VIOLENCE
from research.statistics import month_periods, previous_month
from tests.conftest import require
from tests.programme.builders import make_revision
from tests.research.builders import make_centre, make_data_set, make_submission

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR, MONTH = TODAY.year, TODAY.month
NS, TEMERIN, TITEL, SOMBOR = "Нови Сад", "Темерин", "Тител", "Сомбор"


def en(text: str) -> str:
    """A Cyrillic name as an English reader's page prints it."""
    return for_language(text, "en")


def centre(municipality: str) -> Institution:
    return Institution.objects.get(kind=InstitutionKind.CSW, municipality__name=municipality)


def aurora_values(reports: int, note: str = "") -> dict:
    values = {
        "reports": reports,
        "reports_partner": 0,
        "victims": reports,
        "victims_women": reports,
        "victims_men": 0,
        "victims_children": 0,
        "victims_elderly": 0,
        "physical": reports,
        "psychological": 0,
        "sexual": 0,
        "economic": 0,
        "urgent_measures": 0,
        "protection_plans": 0,
        "shelter": 0,
        "coordination_meetings": 1,
    }
    if note:
        values["note"] = note
    return values


@pytest.fixture
def aurora():
    data_set = make_data_set(DOMESTIC_VIOLENCE, year=YEAR)
    py, _pm = previous_month(YEAR, MONTH)
    if py != YEAR:
        from research.form_services import periods_ensure

        periods_ensure(data_set=data_set, year=py)
    return data_set


def first_half(data_set, year=YEAR, month=MONTH):
    return month_periods(data_set, year, month)[0]


@pytest.fixture
def figures(aurora):
    """Нови Сад 40, Темерин 3 (small), Тител 12 — one district; Сомбор 9 alone in its own.
    The month before: Нови Сад 30."""
    half = first_half(aurora)
    for place, n in ((NS, 40), (TEMERIN, 3), (TITEL, 12), (SOMBOR, 9)):
        make_submission(
            period=half, institution=centre(place), values=aurora_values(n, "Породица Јовић")
        )
    make_submission(
        period=first_half(aurora, *previous_month(YEAR, MONTH)),
        institution=centre(NS),
        values=aurora_values(30),
    )
    return half


@pytest.fixture
def report(aurora, staff_user):
    return services.statistical_report_create(
        user=staff_user,
        kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
        data_set=aurora,
        year=YEAR,
        month=MONTH,
    )


@pytest.fixture
def published(report, figures, staff_user):
    return services.statistical_report_publish(user=staff_user, report=report)


# --- the model and its services ---------------------------------------------------------


def test_one_report_per_kind_data_set_and_month(report, aurora, staff_user):
    with pytest.raises(ValidationError):
        services.statistical_report_create(
            user=staff_user,
            kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
            data_set=aurora,
            year=YEAR,
            month=MONTH,
        )


def test_a_monthly_report_needs_a_month_and_an_annual_none(aurora, staff_user):
    with pytest.raises(ValidationError):
        services.statistical_report_create(
            user=staff_user, kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY, data_set=aurora, year=YEAR
        )
    with pytest.raises(ValidationError):
        services.statistical_report_create(
            user=staff_user, kind=ReportKind.CENTRES, data_set=aurora, year=YEAR, month=3
        )


def test_only_staff_write_reports(aurora, plain_user):
    with pytest.raises(PermissionDenied):
        services.statistical_report_create(
            user=plain_user,
            kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
            data_set=aurora,
            year=YEAR,
            month=MONTH,
        )


def test_a_report_of_no_accepted_figures_is_not_published(report, staff_user):
    with pytest.raises(ValidationError):
        services.statistical_report_publish(user=staff_user, report=report)


def test_a_submission_accepted_after_publication_does_not_change_the_published_figures(
    published, aurora, client
):
    make_submission(
        period=first_half(aurora), institution=centre("Бечеј"), values=aurora_values(500)
    )
    published.refresh_from_db()
    assert published.figures["current"]["total"]["values"]["reports"] == 64
    page = client.get(published.get_public_url()).content.decode()
    assert "564" not in page and "500" not in page
    with pytest.raises(ValidationError):
        services.statistical_report_update(
            user=published.published_by, report=published, data={"title": "Ново"}
        )


def test_publishing_puts_the_report_in_the_library_with_its_pdf(published):
    publication = Publication.objects.get(source_key=f"statistical_report:{published.pk}")
    assert publication.title == published.title
    attached = publication.files.get()
    assert attached.document.kind == services.DOCUMENT_KIND
    assert attached.document.object_id == published.pk


def test_publishing_is_a_held_report_of_area_iii_that_realises_goal_2_4(
    report, figures, staff_user
):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, goals_per_area=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.RESEARCH, number="2.")
    goal.number = "2.4"
    goal.save(update_fields=["number"])
    Target.objects.filter(goal=goal).update(kind=ActivityKind.REPORT)
    report = services.statistical_report_publish(user=staff_user, report=report)
    activity = Activity.objects.get(pk=report.activity_id)
    assert (activity.area, activity.kind, activity.status) == (Area.RESEARCH, "report", "held")
    assert activity.start_date == TODAY
    target = Target.objects.get(goal=goal)
    assert list(target.activities.all()) == [activity]


# --- pages ------------------------------------------------------------------------------


def test_the_staff_page_shows_every_figure_and_the_change(report, figures, staff_client, english):
    page = staff_client.get(report.get_absolute_url() + "?figure=reports").content.decode()
    # Темерин's 3 is shown to staff; the province total 64 against the month before's 30.
    assert re.search(rf'>{en(TEMERIN)}</th><td class="num">3</td>', page)
    summary = page[page.index('id="report-summary"') :]
    assert re.search(
        r'<td class="num">64</td><td class="num">30</td>'
        r'<td class="num">\+34</td><td class="num">\+113.3\s%</td>',
        summary,
    )
    assert "Јовић" not in page  # text is never aggregated nor shown


def test_the_public_page_suppresses_small_cells_primary_and_secondary(published, client, english):
    page = client.get(published.get_public_url() + "?figure=reports").content.decode()
    rows = dict(re.findall(r'ps-3"[^>]*>([^<]+)</th><td class="num">([^<]+)</td>', page))
    assert rows[en(TEMERIN)] == "fewer than 5"  # primary
    assert rows[en(TITEL)] == "fewer than 5"  # secondary: the next smallest of its district
    assert rows[en(NS)] == "40"
    assert rows[en("Бечеј")] == "–"  # no figure
    assert "Јовић" not in page


def test_a_draft_is_a_404_to_the_public(report, figures, client, staff_client):
    for name in ("detail", "pdf", "xlsx"):
        url = reverse(f"statistics:{name}", kwargs={"pk": report.pk})
        assert client.get(url).status_code == 404
        assert staff_client.get(url).status_code == 404


def test_the_public_spreadsheet_is_suppressed_and_staffs_is_not(published, client):
    # The public address is the Serbian Cyrillic one (a public page's language is in its
    # address), so the sheets and the names are Serbian.
    response = client.get(reverse("statistics:xlsx", kwargs={"pk": published.pk}))
    public = load_workbook(io.BytesIO(response.content))
    sheet = public["По општинама"]
    by_municipality = public.sheetnames.index("По општинама")
    by_name = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_name[TEMERIN][2] == "< 5"
    assert by_name[TITEL][2] == "< 5"
    assert by_name[NS][2] == 40
    out = io.BytesIO()
    from research.report_content import report_content
    from research.report_exports import write_report_xlsx

    write_report_xlsx(out, report_content(published, public=False), "en")
    staff = load_workbook(io.BytesIO(out.getvalue())).worksheets[by_municipality]
    assert {row[1]: row for row in staff.iter_rows(min_row=2, values_only=True)}[en(TEMERIN)][
        2
    ] == 3


def test_staff_queue_the_spreadsheet_as_a_job(published, staff_client):
    response = staff_client.post(reverse("research:report_xlsx", kwargs={"pk": published.pk}))
    assert response.status_code == 302
    assert "/jobs/" in response.url


def _pdf_text(document: Document) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    out = subprocess.run(
        ["pdftotext", document.file.path, "-"], capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", out)


def test_the_published_pdf_is_public_and_suppressed_and_a_drafts_stays_with_staff(
    report, figures, staff_user
):
    draft_doc = services.report_document_request(report=report, user=staff_user)
    document_render(document_id=draft_doc.pk)
    draft_doc.refresh_from_db()
    assert draft_doc.status == DocumentStatus.READY
    draft_text = _pdf_text(draft_doc)
    assert "Темерин 3" in draft_text
    report = services.statistical_report_publish(user=staff_user, report=report)
    doc = services.report_document_request(report=report)
    assert doc.pk != draft_doc.pk
    document_render(document_id=doc.pk)
    doc.refresh_from_db()
    text = _pdf_text(doc)
    # Темерин's 3 (primary) and Тител's 12 with it (secondary), in the municipalities' table.
    assert re.search(r"Темерин (мање од 5|fewer than 5) ", text)
    assert re.search(r"Тител (мање од 5|fewer than 5) ", text)
    assert "Јовић" not in text
    assert document_is_public(doc)
    assert not document_is_public(draft_doc)


@pytest.mark.parametrize("name", ["reports", "report_create", "report", "report_pdf"])
def test_roles_staff_open_the_pages_others_do_not(name, report, client, staff_user, plain_user):
    kwargs = {} if name in ("reports", "report_create") else {"pk": report.pk}
    url = reverse(f"research:{name}", kwargs=kwargs)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    assert client.get(url).status_code in (200, 202)


def test_staff_start_a_report_from_the_form(aurora, staff_client):
    response = staff_client.post(
        reverse("research:report_create"),
        {
            "kind": ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
            "data_set": aurora.pk,
            "year": YEAR,
            "month": MONTH,
        },
    )
    report = StatisticalReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.status == ReportStatus.DRAFT


def test_staff_publish_from_the_page(report, figures, staff_client):
    response = staff_client.post(reverse("research:report_publish", kwargs={"pk": report.pk}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_published
    assert staff_client.get(report.get_public_url()).status_code == 200


@pytest.mark.parametrize("public", [False, True])
def test_the_report_page_makes_as_many_queries_at_5_and_50_institutions(
    public, aurora, staff_user, client, staff_client
):
    report = services.statistical_report_create(
        user=staff_user,
        kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
        data_set=aurora,
        year=YEAR,
        month=MONTH,
    )
    halves = month_periods(aurora, YEAR, MONTH)

    def queries(n):
        for i in range(n):
            c = make_centre(f"ЦСР {n}-{i}", ["Нови Сад", "Сомбор", "Панчево"][i % 3])
            for half in halves:
                make_submission(period=half, institution=c, values=aurora_values(i + 1))
        if public:
            StatisticalReport.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
            report.refresh_from_db()
            services.statistical_report_publish(user=staff_user, report=report)
            url, reader = report.get_public_url(), client
        else:
            url, reader = report.get_absolute_url(), staff_client
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert reader.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries(5) == queries(50)


def test_the_public_pdf_is_queued_never_rendered_in_the_request(published, client):
    response = client.get(reverse("statistics:pdf", kwargs={"pk": published.pk}))
    assert response.status_code == 202
    assert b"document-status" in response.content


def test_the_list_of_reports_makes_as_many_queries_at_5_and_50_reports(staff_client):
    def queries(n):
        StatisticalReport.objects.all().delete()
        for i in range(n):
            data_set, _created = DataSet.objects.get_or_create(
                code=f"ds-{i // 10}", defaults={"name": f"Скуп {i // 10}", "frequency": "monthly"}
            )
            StatisticalReport.objects.create(
                kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
                data_set=data_set,
                year=YEAR,
                month=i % 10 + 1,
                title=f"Извештај {i}",
            )
        with CaptureQueriesContext(connection) as ctx:
            response = staff_client.get(reverse("research:reports") + f"?year={YEAR}")
        assert response.content.count(b"<tr>") == n + 1
        return len(ctx.captured_queries)

    assert queries(5) == queries(50)
