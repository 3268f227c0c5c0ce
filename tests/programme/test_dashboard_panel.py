"""The staff dashboard tells who must act on a work programme that waits for approval.
The programme registers the panel (pzss.core.extensions); the core never names it."""

import pytest

from programme import services
from programme.models import RevisionStatus
from pzss.lib.translit import to_latin
from tests.core.soup import soup
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


def _panel(response):
    return soup(response).select_one("#programme-approval")


def test_the_director_is_told_a_submitted_programme_waits_for_her_approval(director_client):
    revision = make_revision(year=2030, status=RevisionStatus.SUBMITTED)

    response = director_client.get("/staff/")

    panel = _panel(response)
    assert panel is not None
    assert "waits for your approval" in panel.get_text(" ", strip=True)
    assert panel.select_one("a[href='/programme/2030/revisions/1/']") is not None
    assert to_latin(revision.title) in panel.get_text()  # English readers read Latin


def test_staff_see_the_submitted_programme_waiting_for_the_director(staff_client):
    make_revision(year=2030, status=RevisionStatus.SUBMITTED)

    panel = _panel(staff_client.get("/staff/"))

    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "waiting for the director" in text
    assert "your approval" not in text
    assert panel.select_one("a[href='/programme/2030/revisions/1/']") is not None


@pytest.mark.parametrize("status", [RevisionStatus.DRAFT, RevisionStatus.APPROVED])
def test_the_dashboard_says_nothing_of_a_programme_that_waits_for_no_one(director_client, status):
    make_revision(year=2030, status=status)

    response = director_client.get("/staff/")

    assert response.status_code == 200
    assert _panel(response) is None


def _submitted_report(staff_user):
    revision = make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    report = services.realisation_report_create(
        user=staff_user, programme=revision.programme, introduction="Увод у извештај."
    )
    return services.realisation_report_submit(user=staff_user, report=report)


def test_the_director_is_told_a_submitted_realisation_report_waits_for_her(
    director_client, staff_user
):
    report = _submitted_report(staff_user)

    panel = _panel(director_client.get("/staff/"))

    assert panel is not None
    text = panel.get_text(" ", strip=True)
    assert "realisation report is submitted and waits for your approval" in text
    assert to_latin(report.title) in text
    assert panel.select("a[href='/programme/2030/report/']")


def test_staff_see_the_report_waiting_for_the_director_and_nothing_once_approved(
    staff_client, staff_user, director_user
):
    report = _submitted_report(staff_user)
    text = _panel(staff_client.get("/staff/")).get_text(" ", strip=True)
    assert "waits for the director's approval" in text

    services.realisation_report_approve(user=director_user, report=report)

    assert _panel(staff_client.get("/staff/")) is None
