"""The programme in force as the public pages learn of it through the core's registry
(pzss.core.extensions.programme_in_force): the newest published programme, its
addresses, and the goals of one area — without the pages' app naming `programme`."""

import dataclasses

import pytest

from programme.models import Goal, RevisionStatus
from programme.selectors import GOAL_WORDS
from pzss.core import extensions
from pzss.core.extensions import ProgrammeInForce, programme_in_force
from pzss.core.models import Area
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


def test_nothing_is_in_force_before_a_programme_is_published():
    make_revision(year=2030, status=RevisionStatus.DRAFT)
    make_revision(year=2029, status=RevisionStatus.APPROVED)
    assert programme_in_force() is None
    assert programme_in_force(area=Area.SUPPORT) is None


def test_the_newest_published_programme_is_in_force_not_a_newer_draft():
    make_revision(year=2029, status=RevisionStatus.PUBLISHED)
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    make_revision(year=2031, status=RevisionStatus.DRAFT)
    in_force = programme_in_force()
    assert isinstance(in_force, ProgrammeInForce)
    assert in_force.year == 2030
    assert in_force.title.endswith("за 2030. годину")
    assert in_force.url == "/programme/2030/"
    assert in_force.pdf_url == "/programme/2030/pdf/"
    assert in_force.goals == ()  # no area asked for: no goals fetched


def test_it_is_a_frozen_value_the_pages_cannot_change():
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        programme_in_force().year = 1999


def test_the_goals_of_the_area_asked_for_come_in_the_documents_order_with_their_anchors(
    django_assert_num_queries,
):
    revision = make_revision(year=2030, status=RevisionStatus.PUBLISHED, goals_per_area=2)
    section = revision.sections.get(area=Area.RESEARCH)
    # A goal written as a numbered paragraph without a title is named by its text.
    Goal.objects.create(
        section=section,
        order=3,
        number="2.1.",
        title="",
        text="Три обједињена извештаја за све групе установа за одрасле и старије. " * 3,
    )
    # 1. the revision with its programme, 2. the area's goals (with their section)
    with django_assert_num_queries(2):
        in_force = programme_in_force(area=Area.RESEARCH)
    assert [(g.number, g.depth) for g in in_force.goals] == [("1.", 0), ("2.", 0), ("2.1.", 1)]
    assert in_force.goals[0].title == "Циљ III.1 — подршка центрима"
    assert in_force.goals[0].url == "/programme/2030/#goal-3-1"
    assert in_force.goals[2].url == "/programme/2030/#goal-3-2-1"
    untitled = in_force.goals[2].title
    assert untitled.startswith("Три обједињена извештаја") and untitled.endswith("…")
    assert len(untitled.split()) == GOAL_WORDS


def test_the_seed_programme_offers_the_goals_of_each_of_its_four_areas(seed_revision):
    numbers = {area: [g.number for g in programme_in_force(area=area).goals] for area in Area}
    assert numbers[Area.SUPPORT][:3] == ["1.", "2.", "2.1."]
    assert numbers[Area.TRAINING] == ["1.", "2.", "3.", "4."]
    assert "2.5" in numbers[Area.RESEARCH]
    assert numbers[Area.OUTREACH][0] == "1."


def test_the_core_says_nothing_is_in_force_when_no_app_registered_a_source(monkeypatch):
    monkeypatch.setattr(extensions, "_PROGRAMME_IN_FORCE", [])
    make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    assert programme_in_force() is None


def test_a_registered_source_replaces_the_one_before(monkeypatch):
    monkeypatch.setattr(extensions, "_PROGRAMME_IN_FORCE", [])
    first = ProgrammeInForce(year=2000, title="A", url="/a/", pdf_url="/a.pdf")
    second = ProgrammeInForce(year=2001, title="B", url="/b/", pdf_url="/b.pdf")
    extensions.register_programme_in_force(lambda *, area=None: first)
    extensions.register_programme_in_force(lambda *, area=None: second)
    assert programme_in_force() is second
