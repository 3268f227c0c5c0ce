"""The demo's programme for the current year: made through the services, published,
and realised by the demo activities; loading the demo twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from programme import selectors
from programme.models import Programme, RevisionStatus, Target, Transition, TransitionAction
from pzss.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# The demo's activities are of the current year, and so is its programme.
YEAR = timezone.localdate().year


@pytest.fixture
def demo(no_render, settings):
    call_command("load_demo", stdout=io.StringIO())
    return Programme.objects.get(year=YEAR)


def _states(user) -> dict[str, int]:
    areas = selectors.realisation(user=user, year=YEAR).areas
    states: dict[str, int] = {}
    for area in areas:
        for row in area.rows:
            states[row.state] = states.get(row.state, 0) + 1
    return states


def test_the_demo_programme_went_through_the_workflow(demo):
    revision = demo.revisions.get()
    assert revision.status == RevisionStatus.PUBLISHED
    assert revision.board_decision_number and revision.doc_number
    actions = list(revision.transitions.values_list("action", flat=True))
    assert actions == [
        TransitionAction.CREATE,
        TransitionAction.SUBMIT,
        TransitionAction.APPROVE,
        TransitionAction.ADOPT,
        TransitionAction.PUBLISH,
    ]
    approve = revision.transitions.get(action=TransitionAction.APPROVE)
    assert approve.actor.username == "direktorka"
    assert "2021" not in revision.title and str(YEAR) in revision.title
    # Amended in the draft: an education moved to area II and planned as a minimum.
    moved = Target.objects.of_revision(revision).get(
        description__startswith="Едукација без провере знања „Комуникација"
    )
    assert moved.area_section.area == 2 and moved.bound == "at_least"


def test_the_demo_year_reads_like_a_year_in_progress(demo, staff_user):
    states = _states(staff_user)
    assert states.get("reached", 0) >= 3
    assert states.get("in_progress", 0) >= 3
    assert states.get("not_started", 0) >= 3
    areas = selectors.realisation(user=staff_user, year=YEAR).areas
    rows = [row for area in areas for row in area.rows]
    assert any(row.percent and row.percent > 100 and row.state == "reached" for row in rows)
    # The students' practice, planned as «највише 4», had more.
    assert states.get("over_limit", 0) >= 1
    assert states.get("qualitative", 0) and any(row.done for row in rows)
    # A few held activities left unplanned, and one marked as outside the programme.
    result = selectors.realisation(user=staff_user, year=YEAR)
    assert len(result.unplanned) >= 2
    assert [mark.activity.title for mark in result.outside] == [
        "Конференција „Сарадњом до одрживог развоја“"
    ]


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (
        Transition.objects.count(),
        AuditEntry.objects.filter(action__startswith="programme_").count(),
        Target.activities.through.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert Programme.objects.filter(year=YEAR).count() == 1
    assert (
        Transition.objects.count(),
        AuditEntry.objects.filter(action__startswith="programme_").count(),
        Target.activities.through.objects.count(),
    ) == counts
