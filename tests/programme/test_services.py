import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programme import services
from programme.compare import compare_revisions, side_by_side
from programme.models import (
    TARGET_FIELDS,
    GoalComment,
    Revision,
    RevisionStatus,
    Target,
    Transition,
)
from programme.selectors import revision_with_tree
from tests.programme.builders import first_goal, first_target, make_revision

pytestmark = pytest.mark.django_db


def _status(revision) -> str:
    return Revision.objects.get(pk=revision.pk).status


def _run_to(revision, status, *, staff, director):
    steps = [
        ("submitted", lambda: services.revision_submit(user=staff, revision=revision)),
        ("approved", lambda: services.revision_approve(user=director, revision=revision)),
        (
            "adopted",
            lambda: services.revision_adopt(
                user=staff,
                revision=revision,
                decision_number="12/2029",
                decision_date=dt.date(2029, 12, 20),
            ),
        ),
        ("published", lambda: services.revision_publish(user=staff, revision=revision)),
    ]
    for name, step in steps:
        step()
        if name == status:
            return


def test_the_whole_workflow_with_the_right_roles(staff_user, director_user):
    revision = make_revision()
    services.revision_submit(user=staff_user, revision=revision, comment="Спремно")
    assert _status(revision) == "submitted"
    services.revision_approve(user=director_user, revision=revision, comment="Одобрено")
    assert _status(revision) == "approved"
    services.revision_adopt(
        user=staff_user,
        revision=revision,
        decision_number="12/2029",
        decision_date=dt.date(2029, 12, 20),
    )
    adopted = Revision.objects.get(pk=revision.pk)
    assert (adopted.status, adopted.board_decision_number) == ("adopted", "12/2029")
    services.revision_publish(user=staff_user, revision=revision)
    assert _status(revision) == "published"
    log = list(
        Transition.objects.filter(revision=revision).values_list(
            "action", "from_status", "to_status", "actor__username", "comment"
        )
    )
    assert log[0] == ("submit", "draft", "submitted", "alice", "Спремно")
    assert log[1] == ("approve", "submitted", "approved", "dora", "Одобрено")
    assert [row[0] for row in log] == ["submit", "approve", "adopt", "publish"]


def test_only_the_director_approves_or_returns(staff_user, plain_user):
    revision = make_revision(status=RevisionStatus.SUBMITTED)
    for user in (staff_user, plain_user):
        with pytest.raises(PermissionDenied):
            services.revision_approve(user=user, revision=revision)
        with pytest.raises(PermissionDenied):
            services.revision_return(user=user, revision=revision, comment="не")
    assert _status(revision) == "submitted"
    assert not Transition.objects.filter(revision=revision).exists()


def test_a_user_without_a_role_cannot_submit_adopt_or_publish(plain_user):
    draft = make_revision(year=2031)
    with pytest.raises(PermissionDenied):
        services.revision_submit(user=plain_user, revision=draft)
    approved = make_revision(year=2032, status=RevisionStatus.APPROVED)
    with pytest.raises(PermissionDenied):
        services.revision_adopt(
            user=plain_user, revision=approved, decision_number="1", decision_date=dt.date.today()
        )


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("draft", "adopt"),
        ("submitted", "submit"),
        ("submitted", "publish"),
        ("approved", "approve"),
        ("approved", "publish"),
        ("published", "submit"),
        ("published", "adopt"),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused_and_changes_nothing(
    staff_user, director_user, status, action
):
    revision = make_revision(status=status)
    kwargs = {
        "submit": {},
        "approve": {},
        "return": {"comment": "Допунити"},
        "adopt": {"decision_number": "1/2029", "decision_date": dt.date(2029, 12, 1)},
        "publish": {},
    }[action]
    service = getattr(services, f"revision_{action}")
    with pytest.raises(ValidationError):
        service(user=director_user, revision=revision, **kwargs)
    assert _status(revision) == status
    assert not Transition.objects.filter(revision=revision).exists()


def test_returning_needs_a_comment_and_attaches_comments_to_goals(director_user):
    revision = make_revision(status=RevisionStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.revision_return(user=director_user, revision=revision, comment=" ")
    goal = first_goal(revision)
    services.revision_return(
        user=director_user,
        revision=revision,
        comment="Прецизирати циљеве",
        goal_comments={goal.pk: "Навести број посета"},
    )
    assert _status(revision) == "draft"
    comment = GoalComment.objects.get()
    assert (comment.goal, comment.text, comment.author) == (
        goal,
        "Навести број посета",
        director_user,
    )
    assert Transition.objects.get(action="return").comment == "Прецизирати циљеве"


def test_return_refuses_a_comment_on_a_goal_of_another_revision(director_user):
    revision = make_revision(status=RevisionStatus.SUBMITTED)
    other = first_goal(make_revision(year=2031))
    with pytest.raises(ValidationError):
        services.revision_return(
            user=director_user, revision=revision, comment="x", goal_comments={other.pk: "y"}
        )
    assert _status(revision) == "submitted"
    assert not GoalComment.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "approved", "adopted", "published"])
def test_content_is_frozen_outside_draft(staff_user, status):
    revision = make_revision(status=status)
    goal, target = first_goal(revision), first_target(revision)
    section = goal.section
    attempts = [
        lambda: services.revision_update_header(
            user=staff_user, revision=revision, data={"title": "Измењено"}
        ),
        lambda: services.section_update(user=staff_user, section=section, title="x", text="y"),
        lambda: services.goal_create(user=staff_user, section=section, number="9.", title="Нови"),
        lambda: services.goal_update(user=staff_user, goal=goal, number="1.", title="x", text=""),
        lambda: services.goal_delete(user=staff_user, goal=goal),
        lambda: services.goal_move(user=staff_user, goal=goal, direction="down"),
        lambda: services.target_create(
            user=staff_user, goal=goal, data={"description": "x", "kind": "report"}
        ),
        lambda: services.target_update(user=staff_user, target=target, data={"quantity": 99}),
        lambda: services.target_delete(user=staff_user, target=target),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    fresh = Target.objects.get(pk=target.pk)
    assert fresh.quantity == target.quantity
    assert Revision.objects.get(pk=revision.pk).title == revision.title


def test_editing_a_draft_reorders_goals_and_moves_targets(staff_user):
    revision = make_revision(goals_per_area=3)
    section = first_goal(revision).section
    goals = list(section.goals.order_by("order"))
    services.goal_move(user=staff_user, goal=goals[2], direction="up")
    assert list(section.goals.order_by("order")) == [goals[0], goals[2], goals[1]]
    target = goals[0].targets.first()
    services.target_move(user=staff_user, target=target, goal=goals[1])
    assert Target.objects.get(pk=target.pk).goal == goals[1]
    other_revision_goal = first_goal(make_revision(year=2031))
    with pytest.raises(ValidationError):
        services.target_move(user=staff_user, target=target, goal=other_revision_goal)


def test_goal_numbers_are_unique_within_an_area(staff_user):
    revision = make_revision()
    with pytest.raises(ValidationError) as exc:
        services.goal_create(
            user=staff_user, section=first_goal(revision).section, number="1", title="Дупли"
        )
    assert "already has a goal 1" in str(exc.value)


def test_an_amendment_is_a_new_revision_through_the_same_workflow(staff_user, director_user):
    revision = make_revision(status=RevisionStatus.PUBLISHED)
    amendment = services.revision_amend(
        user=staff_user, programme=revision.programme, change_note="Нове посете"
    )
    assert (amendment.number, amendment.status, amendment.based_on) == (2, "draft", revision)
    assert Target.objects.filter(goal__section__revision=amendment).count() == 4
    with pytest.raises(ValidationError):
        services.revision_amend(user=staff_user, programme=revision.programme)
    target = first_target(amendment)
    services.target_update(user=staff_user, target=target, data={"quantity": 12})
    assert first_target(revision).quantity == 2  # the published revision is untouched
    _run_to(amendment, "published", staff=staff_user, director=director_user)
    assert _status(revision) == "superseded"
    assert _status(amendment) == "published"
    assert Transition.objects.filter(revision=revision, action="supersede").exists()


def test_a_new_year_starts_as_a_copy_of_last_year(staff_user):
    last = make_revision(year=2030, status=RevisionStatus.PUBLISHED, goals_per_area=2)
    revision = services.programme_create(user=staff_user, year=2031, copy_from=last.programme)
    assert revision.title.endswith("за 2031. годину")
    assert revision.status == "draft" and revision.doc_number == ""
    assert Target.objects.filter(goal__section__revision=revision).count() == 8
    with pytest.raises(ValidationError) as exc:
        services.programme_create(user=staff_user, year=2031)
    assert "already a work programme for 2031" in str(exc.value)


def test_an_empty_new_programme_has_the_four_areas(staff_user):
    revision = services.programme_create(user=staff_user, year=2033)
    assert [s.area for s in revision.sections.order_by("area")] == [1, 2, 3, 4]


def test_side_by_side_highlights_changed_words():
    old, new = side_by_side("9 радних посета <b>", "12 радних посета <b>")
    assert "<del>9</del>" in old and "<ins>12</ins>" in new
    assert "&lt;b&gt;" in old  # the text is escaped


def test_two_revisions_compare_with_changes_highlighted(staff_user):
    revision = make_revision(status=RevisionStatus.PUBLISHED)
    amendment = services.revision_amend(user=staff_user, programme=revision.programme)
    goal = first_goal(amendment)
    services.goal_update(
        user=staff_user, goal=goal, number=goal.number, title="Нови наслов циља", text=goal.text
    )
    rows = compare_revisions(
        revision_with_tree(pk=revision.pk), revision_with_tree(pk=amendment.pk), language="sr"
    )
    changed = [r for r in rows if r.changed]
    assert len(changed) == 1
    assert "<ins>" in changed[0].new and "<del>" in changed[0].old


def test_a_revision_is_adopted_as_signed_only_without_a_decision_number(staff_user):
    approved = make_revision(status=RevisionStatus.APPROVED)
    with pytest.raises(ValidationError):
        services.revision_adopt(user=staff_user, revision=approved)  # neither a decision...
    with pytest.raises(ValidationError):
        services.revision_adopt(  # ...nor both a decision and "as signed"
            user=staff_user,
            revision=approved,
            decision_number="393/2020",
            decision_date=dt.date(2020, 12, 14),
            as_signed=True,
        )
    services.revision_adopt(user=staff_user, revision=approved, as_signed=True)
    adopted = Revision.objects.get(pk=approved.pk)
    assert adopted.status == "adopted" and adopted.adopted_as_signed
    assert (adopted.board_decision_number, adopted.board_decision_date) == ("", None)


def test_editing_an_imported_targets_time_frame_or_indicator_makes_it_the_institutes(staff_user):
    revision = make_revision()
    target = first_target(revision)
    Target.objects.filter(pk=target.pk).update(time_frame_stated=False, indicator_stated=False)
    target.refresh_from_db()
    data = {name: getattr(target, name) for name in TARGET_FIELDS}
    services.target_update(user=staff_user, target=target, data={**data, "description": "Ново"})
    target.refresh_from_db()
    assert (target.time_frame_stated, target.indicator_stated) == (False, False)
    services.target_update(
        user=staff_user, target=target, data={**data, "start_month": 3, "indicator": "Нов"}
    )
    target.refresh_from_db()
    assert (target.time_frame_stated, target.indicator_stated) == (True, True)
