"""A request counts towards the programme by its answer: the answering activity realises
the goal of area I for the institution's kind (1. centres, 2.1. children's homes, 2.2.
adults and the elderly, 3. local providers), once."""

import pytest
from django.utils import timezone

from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from support import request_services as services
from tests.programme.builders import make_revision
from tests.support.request_builders import institution, public_request

pytestmark = pytest.mark.django_db

NUMBERS = ["1.", "2.1.", "2.2.", "3."]


@pytest.fixture
def goals():
    revision = make_revision(
        year=timezone.localdate().year, status=RevisionStatus.PUBLISHED, goals_per_area=4
    )
    found = list(
        Goal.objects.filter(section__revision=revision, section__area=Area.SUPPORT).order_by(
            "order", "pk"
        )
    )
    for goal, number in zip(found, NUMBERS, strict=True):
        goal.number = number
        goal.save(update_fields=["number"])
    return {g.number: g for g in found}


def _targets_of(activity):
    return {
        t.goal.number for t in Target.objects.filter(activities=activity).select_related("goal")
    }


@pytest.mark.parametrize(
    ("kind", "goal"),
    [("csw", "1."), ("children_home", "2.1."), ("adult_home", "2.2."), ("local_provider", "3.")],
)
def test_an_answered_request_realises_the_goal_of_its_institutions_kind(
    staff_user, goals, kind, goal
):
    req = public_request(institution(name=f"Установа {kind}", kind=kind))
    services.request_reply(user=staff_user, request=req, text="Одговор.", status="answered")
    activity = req.activities.get()
    assert _targets_of(activity) == {goal}


def test_an_unanswered_request_counts_nothing(staff_user, goals):
    req = public_request()
    services.request_reply(user=staff_user, request=req, text="Радимо на томе.")
    assert not Activity.objects.filter(kind=ActivityKind.SUPPORT_REQUEST).exists()


def test_a_linked_activity_is_held_and_counted_when_the_request_is_answered(staff_user, goals):
    req = public_request()
    activity = services.request_create_activity(user=staff_user, request=req)
    assert activity.status == ActivityStatus.PLANNED and _targets_of(activity) == set()
    services.request_reply(user=staff_user, request=req, text="Одговор.", status="answered")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.HELD
    assert _targets_of(activity) == {"1."}
    assert req.activities.count() == 1  # no second activity made


def test_reanswering_counts_once(staff_user, goals):
    req = public_request()
    services.request_reply(user=staff_user, request=req, text="Одговор.", status="answered")
    services.request_set_status(user=staff_user, request=req, status="in_progress")
    services.request_reply(user=staff_user, request=req, text="Допуна.", status="answered")
    activity = req.activities.get()
    assert Target.objects.filter(activities=activity).count() == 1
