"""The visit report's staff pages: the editor, bad input with a message naming the
field and nothing stored, the issue, the PDF through Document, the recommendations list
in constant queries, the lead's dashboard panel, and the panel the visit page includes."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from pzss.documents.models import Document, DocumentStatus
from support import report_services as services
from support.models import Recommendation, VisitReport
from support.report_demo import load_reports_demo
from tests.support.report_builders import TEXTS, make_issued, make_report, make_visit

pytestmark = pytest.mark.django_db


def test_staff_write_the_report_and_a_recommendation(staff_client, staff_user):
    visit = make_visit(staff_user)
    url = reverse("support:visit_report", kwargs={"visit_pk": visit.pk})
    assert staff_client.get(url).status_code == 200
    assert staff_client.post(url, TEXTS).status_code == 302
    report = VisitReport.objects.get(visit=visit)
    add = reverse("support:visit_recommendation_add", kwargs={"visit_pk": visit.pk})
    early = visit.activity.start_date - dt.timedelta(days=3)
    response = staff_client.post(
        add, {"text": "Препорука.", "responsible": "директор", "deadline": early.isoformat()}
    )
    assert response.status_code == 400
    assert "deadline cannot be before the visit" in response.content.decode()
    assert not report.recommendations.exists()
    later = visit.activity.start_date + dt.timedelta(days=3)
    response = staff_client.post(
        add, {"text": "Препорука.", "responsible": "директор", "deadline": later.isoformat()}
    )
    assert response.status_code == 302
    assert report.recommendations.get().order == 1
    issue = reverse("support:visit_report_issue", kwargs={"visit_pk": visit.pk})
    assert staff_client.post(issue).status_code == 302
    report.refresh_from_db()
    assert report.is_issued
    page = staff_client.get(url).content.decode()
    assert report.number in page
    assert "Send the follow-up link" in page
    assert 'action="' + add not in page  # locked: no more adding


def test_a_name_in_a_text_is_warned_of_until_ticked(staff_client, staff_user):
    visit = make_visit(staff_user)
    url = reverse("support:visit_report", kwargs={"visit_pk": visit.pk})
    data = {**TEXTS, "summary": "Разговарали смо са Марко Петровић."}
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "Марко Петровић" in response.content.decode()
    assert not VisitReport.objects.exists()
    assert staff_client.post(url, {**data, "no_personal_data": "on"}).status_code == 302


def test_the_pdf_is_rendered_through_document(
    staff_client, staff_user, eager_celery, django_capture_on_commit_callbacks
):
    report = make_issued(staff_user)
    url = reverse("support:visit_report_pdf", kwargs={"visit_pk": report.visit_id})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.get(url)
    document = Document.objects.get(kind=services.DOCUMENT_KIND, object_id=report.pk)
    assert document.status == DocumentStatus.READY, document.error
    assert response.status_code in {200, 202}
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_pdf_html_has_the_report_in_serbian_dates(staff_user):
    report = make_issued(staff_user)
    html = render_to_string(
        "support/visits/pdf/report.html",
        {
            "report": report,
            "visit": report.visit,
            "recommendations": list(report.recommendations.all()),
            "institute": {"name": "Завод"},
        },
    )
    rec = report.recommendations.get(order=1)
    assert rec.deadline.strftime("%d.%m.%Y.") in html
    assert report.number in html
    assert "Досијеи бр. 12/2020" in html


def test_the_pdf_is_staffs_only(client, plain_user, staff_user):
    report = make_issued(staff_user)
    url = reverse("support:visit_report_pdf", kwargs={"visit_pk": report.visit_id})
    assert client.get(url).status_code == 302
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    assert not Document.objects.exists()


def test_the_recommendations_list_filters_and_counts_queries(
    staff_client, staff_user, django_assert_max_num_queries
):
    first = make_issued(staff_user)
    make_issued(staff_user, make_visit(staff_user, name="ЦСР Друго"), recommendations=2)
    url = reverse("support:recommendations")
    with django_assert_max_num_queries(12):
        page = staff_client.get(url).content.decode()
    assert page.count("Препорука 1.") == 2
    for _ in range(5):
        make_issued(staff_user, make_visit(staff_user, name=f"ЦСР {_}"), recommendations=2)
    with django_assert_max_num_queries(12):
        assert staff_client.get(url).status_code == 200
    page = staff_client.get(url, {"overdue": "on"}).content.decode()
    assert page.count("Препорука 1.") == 7 and "Препорука 2." not in page
    page = staff_client.get(url, {"institution": first.visit.institution_id}).content.decode()
    assert page.count("Препорука") == 2
    page = staff_client.get(url, {"state": "done"}).content.decode()
    assert "No recommendations match." in page


def test_the_lead_sees_their_overdue_recommendations_on_the_dashboard(staff_client, staff_user):
    report = make_issued(staff_user)
    page = staff_client.get(reverse("core:dashboard")).content.decode()
    assert 'id="support-overdue"' in page
    assert f"{report.number}, 1." in page
    assert f"{report.number}, 2." not in page


def test_the_panel_for_the_visit_page(staff_user, rf):
    visit = make_visit(staff_user)
    html = render_to_string("support/visits/_report_panel.html", {"visit": visit})
    assert "No report yet." in html
    make_report(staff_user, visit)
    visit.refresh_from_db()
    html = render_to_string("support/visits/_report_panel.html", {"visit": visit})
    assert "2 recommendations" in html
    assert reverse("support:visit_report", kwargs={"visit_pk": visit.pk}) in html


def test_the_demo_is_idempotent(staff_user):
    load_reports_demo()
    issued = VisitReport.objects.filter(status="issued")
    assert issued.count() == 1
    report = issued.get()
    assert Recommendation.objects.overdue().filter(report=report).exists()
    before = Recommendation.objects.count()
    load_reports_demo()
    assert Recommendation.objects.count() == before


def test_the_demo_uses_the_visit_plans_visits(staff_user):
    for n in range(3):
        make_visit(staff_user, name=f"Дом {n}", start=dt.date.today() - dt.timedelta(days=90))
    load_reports_demo()
    reports = VisitReport.objects.filter(status="issued")
    assert reports.count() == 2
    assert Recommendation.objects.filter(responses__isnull=False).count() == 1
    assert Recommendation.objects.overdue().exists()
