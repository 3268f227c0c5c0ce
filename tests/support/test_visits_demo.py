"""The working visits' demo: this year's visits, held ones with a sample and findings,
one planned; loading it twice adds nothing."""

import pytest

from pzss.core.models import ActivityStatus
from support.models import CaseFileReview, SampleDraw, WorkingVisit
from support.visit_demo import load_visits_demo

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent_and_draws_reproducibly(staff_user):
    assert "added" in load_visits_demo()
    visits = list(WorkingVisit.objects.select_related("activity"))
    assert visits
    planned = [v for v in visits if v.activity.status == ActivityStatus.PLANNED]
    held = [v for v in visits if v.activity.status == ActivityStatus.HELD]
    assert len(planned) == 1 and held
    draws = SampleDraw.objects.filter(frame__visit__in=held)
    assert draws.count() == len(held)
    assert CaseFileReview.objects.count() == sum(len(d.numbers) for d in draws)
    assert load_visits_demo() == "Working visits: 0 demo visits added."
    assert WorkingVisit.objects.count() == len(visits)


def test_the_demo_needs_a_staff_account(db):
    assert "no staff account" in load_visits_demo()
