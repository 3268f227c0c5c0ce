"""The demo's statistical reports: made over accepted figures that obey the forms, the
right ones published, and safe to load twice."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from research.models import ReportKind, ReportStatus, StatisticalReport, Submission
from research.report_demo import load_reports_demo
from research.statistics import previous_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def savetnica(django_user_model):
    user = django_user_model.objects.create_user(username="savetnica", password="x-1234-pass")
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    return user


def test_the_demo_publishes_last_month_and_last_year_and_drafts_this_month(savetnica):
    load_reports_demo()
    today = timezone.localdate()
    last = previous_month(today.year, today.month)
    reports = {(r.kind, r.year, r.month): r.status for r in StatisticalReport.objects.all()}
    assert reports == {
        (ReportKind.DOMESTIC_VIOLENCE_MONTHLY, *last): ReportStatus.PUBLISHED,
        (ReportKind.DOMESTIC_VIOLENCE_MONTHLY, today.year, today.month): ReportStatus.DRAFT,
        (ReportKind.CENTRES, today.year - 1, None): ReportStatus.PUBLISHED,
    }
    published = StatisticalReport.objects.get(kind=ReportKind.CENTRES)
    # 45 centres reported last year; the published figures have the year before beside.
    assert published.figures["current"]["submissions"] == 45
    assert published.figures["previous"]["submissions"] == 45


def test_loading_the_demo_twice_changes_nothing(savetnica):
    load_reports_demo()
    counts = (StatisticalReport.objects.count(), Submission.objects.count())
    load_reports_demo()
    assert (StatisticalReport.objects.count(), Submission.objects.count()) == counts
