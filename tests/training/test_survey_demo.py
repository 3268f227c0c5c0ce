"""The needs survey's demo: this year's survey open to the 45 centres with about thirty
submitted and five drafts, last year's published; safe to run twice."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from training.models import NeedsSurvey, SurveyAnswer, SurveyStatus
from training.survey_demo import load_survey_demo

pytestmark = pytest.mark.django_db


def test_the_demo_makes_an_open_and_a_published_survey_and_runs_twice(django_user_model):
    user = django_user_model.objects.create_user(username="savetnica", password="x")
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    load_survey_demo()
    year = timezone.localdate().year
    current = NeedsSurvey.objects.get(year=year)
    assert current.status == SurveyStatus.OPEN
    assert current.invitations.count() == 45
    assert current.invitations.filter(submitted_at__isnull=False).count() == 30
    assert (
        current.invitations.filter(submitted_at__isnull=True, saved_at__isnull=False).count() == 5
    )
    assert current.questions.count() >= 5
    last = NeedsSurvey.objects.get(year=year - 1)
    assert last.status == SurveyStatus.PUBLISHED and last.recommendations
    answers = SurveyAnswer.objects.count()
    load_survey_demo()
    assert NeedsSurvey.objects.count() == 2
    assert SurveyAnswer.objects.count() == answers


def test_without_demo_accounts_the_demo_makes_nothing():
    assert "not made" in load_survey_demo()
    assert not NeedsSurvey.objects.exists()
