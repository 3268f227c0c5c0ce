"""Writes to the work programme: import, editing a draft, the approval workflow,
amendments, and requesting the PDF.

Every write that touches a revision's content or status first locks the revision row
(`select_for_update`) and checks its status under that lock, so an edit cannot slip in
between a submit and an approval, and a transition is applied whole or not at all.
Roles are checked here as well as in the views: a service called from anywhere refuses
a wrong role with PermissionDenied.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programme import documents as programme_documents
from programme import report_exports as exports
from programme.importer import ParsedProgramme
from programme.models import (
    FROZEN_STATUSES,
    LETTERHEAD_KEYS,
    NOTE_MAX_LENGTH,
    OPEN_STATUSES,
    REASON_MAX_LENGTH,
    TARGET_COPY_FIELDS,
    TARGET_FIELDS,
    Goal,
    GoalComment,
    OutsideProgramme,
    Programme,
    Quarter,
    RealisationReport,
    ReportAction,
    ReportStatus,
    ReportTransition,
    Revision,
    RevisionStatus,
    Section,
    Target,
    TargetNote,
    TargetPart,
    Transition,
    TransitionAction,
    TransitionNote,
)
from programme.selectors import realisation_report_data, realisation_revision
from programme.wording import AREA_TITLES, LETTERHEAD
from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import PublishedWork, work_published
from pzss.core.models import Activity, ActivityStatus, Area
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.lib.jobs import queue_job
from pzss.lib.roles import is_director, is_staff_member
from pzss.lib.text import cut_at_word, first_paragraph
from pzss.lib.translit import is_latin_language
from pzss.lib.updates import model_update

HEADER_FIELDS = [
    "doc_number",
    "doc_date",
    "title",
    "introduction",
    "closing",
    "place",
    "signatory",
    "signatory_title",
    "change_note",
]
GOAL_FIELDS = ["number", "title", "text"]
# Where a target is: what a move changes, and the audit records.
WHERE_FIELDS = ["goal", "section", "part"]
DOCUMENT_KIND = "programme"


# `user=None` is the institute itself acting through a management command (importing
# and publishing the seed programme); views always pass the request's user.
def _actor(user):
    """Who is recorded as having done it: the user, or no one for the portal itself
    (loading, the demo, a command)."""
    return user if getattr(user, "is_authenticated", False) else None


def _require_staff(user) -> None:
    if user is None:
        return
    if not is_staff_member(user):
        raise PermissionDenied(_("Only the institute's staff may do this."))


def _require_director(user) -> None:
    if user is None:
        return
    if not is_director(user):
        raise PermissionDenied(_("Only the director may do this."))


def _lock(revision: Revision) -> Revision:
    return Revision.objects.select_for_update().select_related("programme").get(pk=revision.pk)


def _lock_editable(revision: Revision) -> Revision:
    """Lock the revision and make sure its content may still change."""
    locked = _lock(revision)
    if locked.status in FROZEN_STATUSES:
        raise ValidationError(
            _(
                "Revision %(number)s is approved and frozen. Start an amendment to change "
                "the programme."
            )
            % {"number": locked.number}
        )
    if locked.status != RevisionStatus.DRAFT:
        raise ValidationError(
            _("Revision %(number)s is with the director; it cannot be edited until returned.")
            % {"number": locked.number}
        )
    return locked


def _letterhead_today() -> dict:
    """The institute's letterhead as it is now, stored with a programme when it is
    created, so that the year's document keeps it whatever changes later."""
    institute = settings.INSTITUTE
    return {"lines": list(LETTERHEAD), **{k: institute.get(k, "") for k in LETTERHEAD_KEYS[1:]}}


def _default_title(year: int) -> str:
    return f"Програм рада Покрајинског завода за социјалну заштиту за {year}. годину"


# --- creating a programme -------------------------------------------------------------


def _new_programme(year: int) -> Programme:
    programme = Programme(year=year)
    try:
        programme.full_clean()
    except ValidationError as exc:
        if "year" in getattr(exc, "error_dict", {}):
            raise ValidationError(
                {
                    "year": _(
                        "There is already a work programme for %(year)s. Open it, or start "
                        "an amendment of it."
                    )
                    % {"year": year}
                }
            ) from None
        raise
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError:
        # Two people created the same year at once: the other one won.
        raise ValidationError(
            {"year": _("There is already a work programme for %(year)s.") % {"year": year}}
        ) from None
    return programme


def _record(
    revision: Revision,
    *,
    action: str,
    before: str,
    user,
    comment: str = "",
    note: str = "",
    note_number: int | None = None,
):
    # The portal's own words are a note written out when shown, in the reader's
    # language; only what a person typed is stored as text.
    transition = Transition.objects.create(
        revision=revision,
        action=action,
        from_status=before,
        to_status=revision.status,
        actor=_actor(user),
        comment=comment,
        note=note,
        note_number=note_number,
    )
    audit_log(
        actor=user,
        action=f"programme_{action}",
        obj=revision,
        changes={"status": [before or None, revision.status]},
        comment=comment,
    )
    return transition


def _move(
    revision: Revision,
    *,
    to: str,
    action: str,
    user,
    comment: str = "",
    note: str = "",
    note_number: int | None = None,
    fields: tuple = (),
    validate: bool = False,
) -> Transition:
    """Change a locked revision's status (and the given fields set by the caller), save
    what changed and record the transition."""
    before = revision.status
    revision.status = to
    if validate:
        revision.full_clean()
    revision.save(update_fields=["status", *fields, "updated_at"])
    return _record(
        revision,
        action=action,
        before=before,
        user=user,
        comment=comment,
        note=note,
        note_number=note_number,
    )


@transaction.atomic
def programme_create(*, user, year: int, copy_from: Programme | None = None) -> Revision:
    """A new year's programme, as a draft: empty (the four areas), or a copy of an
    earlier year's latest content, to be edited into the new year's plan."""
    _require_staff(user)
    programme = _new_programme(year)
    revision = Revision(
        programme=programme,
        number=1,
        title=_default_title(year),
        letterhead=_letterhead_today(),
        created_by=user,
    )
    source = None
    if copy_from is not None:
        source = (
            copy_from.revisions.filter(status=RevisionStatus.PUBLISHED).first()
            or copy_from.revisions.order_by("-number").first()
        )
    if source is not None:
        revision.title = source.title.replace(str(copy_from.year), str(year))
        for name in ["introduction", "closing", "place", "signatory", "signatory_title"]:
            setattr(revision, name, getattr(source, name))
    revision.full_clean()
    revision.save()
    if source is not None:
        _copy_content(source, revision)
    else:
        Section.objects.bulk_create(
            Section(revision=revision, area=area, title=AREA_TITLES[area]) for area in Area
        )
    _record(
        revision,
        action=TransitionAction.CREATE,
        before="",
        user=user,
        note=TransitionNote.COPIED if source else "",
        note_number=copy_from.year if source else None,
    )
    return revision


def _copy_content(source: Revision, target: Revision) -> None:
    """Copy sections, goals and targets — a goal's and an area's own alike — with their
    responsible staff and realising activities, from one revision into another, empty
    one."""
    sections = list(source.sections.prefetch_related("goals__targets", "area_targets"))
    new_sections = Section.objects.bulk_create(
        Section(revision=target, area=s.area, title=s.title, text=s.text) for s in sections
    )

    def copy(t: Target, **owner) -> Target:
        return Target(
            order=t.order,
            part=t.part,
            **owner,
            **{name: getattr(t, name) for name in TARGET_COPY_FIELDS},
        )

    goal_pairs = []
    target_pairs = []
    for old, new in zip(sections, new_sections, strict=True):
        for g in old.goals.all():
            goal_pairs.append(
                (g, Goal(section=new, order=g.order, number=g.number, title=g.title, text=g.text))
            )
        target_pairs.extend((t, copy(t, section=new)) for t in old.area_targets.all())
    new_goals = Goal.objects.bulk_create(new for _old, new in goal_pairs)
    for (old_goal, _unused), new_goal in zip(goal_pairs, new_goals, strict=True):
        target_pairs.extend((t, copy(t, goal=new_goal)) for t in old_goal.targets.all())
    new_targets = Target.objects.bulk_create(new for _old, new in target_pairs)
    responsible = Target.responsible.through
    activities = Target.activities.through
    old_ids = {old.pk: new.pk for (old, _u), new in zip(target_pairs, new_targets, strict=True)}
    responsible.objects.bulk_create(
        responsible(target_id=old_ids[r.target_id], user_id=r.user_id)
        for r in responsible.objects.filter(target_id__in=old_ids)
    )
    if target.programme_id == source.programme_id:
        # An amendment keeps what has been realised; a new year starts from nothing.
        activities.objects.bulk_create(
            activities(target_id=old_ids[a.target_id], activity_id=a.activity_id)
            for a in activities.objects.filter(target_id__in=old_ids)
        )
        TargetNote.objects.bulk_create(
            TargetNote(
                target_id=old_ids[n.target_id], quarter=n.quarter, text=n.text, author=n.author
            )
            for n in TargetNote.objects.filter(target_id__in=old_ids)
        )


@transaction.atomic
def programme_import(*, user, parsed: ParsedProgramme) -> Revision:
    """Save a programme read from the institute's text (see programme.importer) as the
    draft revision 1 of a new year. All or nothing."""
    _require_staff(user)
    programme = _new_programme(parsed.year)
    revision = Revision(
        programme=programme,
        number=1,
        # The text's own letterhead; what it does not give, from today's settings.
        letterhead={**_letterhead_today(), **parsed.letterhead},
        doc_number=parsed.doc_number,
        doc_date=parsed.doc_date,
        title=parsed.title,
        introduction=parsed.introduction,
        closing=parsed.closing,
        place=parsed.place,
        signatory=parsed.signatory,
        signatory_title=parsed.signatory_title,
        created_by=_actor(user),
    )
    revision.full_clean()
    revision.save()
    for ps in parsed.sections:
        section = Section(revision=revision, area=ps.area, title=ps.title, text=ps.text)
        section.full_clean(exclude=["revision"])
        section.save()
        targets = []
        # The area's own targets (its introduction's, the closing text's), each part
        # numbered on its own as the editor numbers them.
        for part in (TargetPart.AREA, TargetPart.CLOSING):
            own = [pt for pt in ps.targets if pt.part == part]
            for t_order, pt in enumerate(own, start=1):
                targets.append(_parsed_target(pt, order=t_order, section=section))
        for order, pg in enumerate(ps.goals, start=1):
            goal = Goal(
                section=section, order=order, number=pg.number, title=pg.title, text=pg.text
            )
            goal.full_clean(exclude=["section"])
            goal.save()
            for t_order, pt in enumerate(pg.targets, start=1):
                targets.append(_parsed_target(pt, order=t_order, goal=goal))
        Target.objects.bulk_create(targets)
    _record(
        revision,
        action=TransitionAction.CREATE,
        before="",
        user=user,
        note=TransitionNote.IMPORTED,
    )
    return revision


def _parsed_target(pt, *, order: int, **owner) -> Target:
    target = Target(
        order=order,
        part=pt.part,
        **owner,
        **{name: getattr(pt, name) for name in TARGET_COPY_FIELDS},
    )
    target.full_clean(exclude=["goal", "section"])
    return target


# --- editing a draft ------------------------------------------------------------------


@transaction.atomic
def revision_update_header(*, user, revision: Revision, data: dict[str, Any]) -> Revision:
    _require_staff(user)
    revision = _lock_editable(revision)
    before = snapshot(revision, HEADER_FIELDS)
    for name, value in data.items():
        if name not in HEADER_FIELDS:
            raise ValueError(f"not a header field: {name}")
        setattr(revision, name, value)
    revision.full_clean()
    changes = diff(before, snapshot(revision, HEADER_FIELDS))
    if changes:
        revision.save(update_fields=[*changes, "updated_at"])
        audit_log(actor=user, action="programme_header_update", obj=revision, changes=changes)
    return revision


@transaction.atomic
def section_update(*, user, section: Section, title: str, text: str) -> Section:
    _require_staff(user)
    _lock_editable(section.revision)
    section = Section.objects.get(pk=section.pk)
    before = snapshot(section, ["title", "text"])
    section.title, section.text = title, text
    section.full_clean()
    changes = diff(before, snapshot(section, ["title", "text"]))
    if changes:
        section.save(update_fields=list(changes))
        audit_log(actor=user, action="programme_section_update", obj=section, changes=changes)
    return section


def _goal_number_free(section: Section, number: str, exclude_pk: int | None = None) -> None:
    key = number.rstrip(".")
    others = section.goals.exclude(pk=exclude_pk) if exclude_pk else section.goals.all()
    if any(g.number.rstrip(".") == key for g in others.only("number")):
        raise ValidationError(
            {"number": _("This area already has a goal %(number)s.") % {"number": number}}
        )


@transaction.atomic
def goal_create(*, user, section: Section, number: str, title: str, text: str = "") -> Goal:
    _require_staff(user)
    _lock_editable(section.revision)
    _goal_number_free(section, number)
    last = section.goals.aggregate(m=Max("order"))["m"] or 0
    goal = Goal(section=section, order=last + 1, number=number, title=title, text=text)
    goal.full_clean()
    goal.save()
    audit_log(
        actor=user,
        action="programme_goal_create",
        obj=goal,
        changes={k: [None, v] for k, v in snapshot(goal, GOAL_FIELDS).items()},
    )
    return goal


@transaction.atomic
def goal_update(*, user, goal: Goal, number: str, title: str, text: str) -> Goal:
    _require_staff(user)
    _lock_editable(goal.section.revision)
    goal = Goal.objects.select_related("section").get(pk=goal.pk)
    _goal_number_free(goal.section, number, exclude_pk=goal.pk)
    before = snapshot(goal, GOAL_FIELDS)
    goal.number, goal.title, goal.text = number, title, text
    goal.full_clean()
    changes = diff(before, snapshot(goal, GOAL_FIELDS))
    if changes:
        goal.save(update_fields=list(changes))
        audit_log(actor=user, action="programme_goal_update", obj=goal, changes=changes)
    return goal


@transaction.atomic
def goal_delete(*, user, goal: Goal) -> None:
    _require_staff(user)
    _lock_editable(goal.section.revision)
    audit_log(
        actor=user,
        action="programme_goal_delete",
        obj=goal,
        changes={"number": [goal.number, None]},
    )
    goal.delete()


@transaction.atomic
def goal_move(*, user, goal: Goal, direction: str) -> Goal:
    """Swap a goal with its neighbour above ("up") or below ("down") in its area."""
    _require_staff(user)
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move a goal up or down."))
    _lock_editable(goal.section.revision)
    goals = list(Goal.objects.filter(section_id=goal.section_id).order_by("order", "id"))
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(goals):
        return goals[index]
    goals[index], goals[other] = goals[other], goals[index]
    for order, g in enumerate(goals, start=1):
        g.order = order
    Goal.objects.bulk_update(goals, ["order"])
    audit_log(
        actor=user,
        action="programme_goal_move",
        obj=goals[other],
        changes={"order": [index + 1, other + 1]},
    )
    return goals[other]


def _placement(
    revision: Revision, *, goal: Goal | None, section: Section | None, part: str | None
) -> dict[str, Any]:
    """Where a target of `revision` goes: under a goal, or on an area itself — its
    introduction, or the closing text (counted in that area). Checked under the
    revision's lock: the place must be of this revision, and a target outside the goals
    needs the text it comes from (an area with no introduction, a programme with no
    closing text, has nothing to commit to)."""
    if (goal is None) == (section is None):
        raise ValueError("a target goes under a goal or on an area: give one")
    if goal is not None:
        if goal.section.revision_id != revision.pk:
            raise ValidationError(
                {"goal": _("A target can only move to a goal of the same revision.")}
            )
        return {"goal": goal, "section": None, "part": TargetPart.GOAL}
    part = part or TargetPart.AREA
    if part not in {TargetPart.AREA, TargetPart.CLOSING}:
        raise ValueError(f"not a part of an area: {part}")
    if section.revision_id != revision.pk:
        raise ValidationError(
            {"section": _("A target can only move to an area of the same revision.")}
        )
    if part == TargetPart.AREA and not section.text.strip():
        raise ValidationError(
            {
                "section": _(
                    "Area %(roman)s has no introduction: write the area's text first, "
                    "then the target it commits to."
                )
                % {"roman": section.roman}
            }
        )
    if part == TargetPart.CLOSING and not revision.closing.strip():
        raise ValidationError(
            {
                "section": _(
                    "The programme has no closing text: write it first (with the title "
                    "and introduction), then the target it commits to."
                )
            }
        )
    return {"goal": None, "section": section, "part": part}


def _next_order(place: dict[str, Any]) -> int:
    if place["goal"] is not None:
        siblings = place["goal"].targets.all()
    else:
        siblings = place["section"].area_targets.filter(part=place["part"])
    return (siblings.aggregate(m=Max("order"))["m"] or 0) + 1


def _target_revision(target: Target) -> Revision:
    return Target.objects.with_tree().get(pk=target.pk).area_section.revision


@transaction.atomic
def target_create(
    *,
    user,
    data: dict[str, Any],
    goal: Goal | None = None,
    section: Section | None = None,
    part: str | None = None,
    responsible: Iterable = (),
) -> Target:
    """A new target under `goal`, or on `section` itself: `part` "area" for the area's
    introduction (the default), "closing" for the programme's closing text."""
    _require_staff(user)
    owner = goal.section if goal is not None else section
    revision = _lock_editable(owner.revision)
    place = _placement(revision, goal=goal, section=section, part=part)
    target = Target(order=_next_order(place), **place, **data)
    target.full_clean()
    target.save()
    target.responsible.set(responsible)
    audit_log(
        actor=user,
        action="programme_target_create",
        obj=target,
        changes={
            k: [None, v] for k, v in snapshot(target, [*TARGET_FIELDS, *WHERE_FIELDS]).items()
        },
    )
    return target


@transaction.atomic
def target_update(
    *,
    user,
    target: Target,
    data: dict[str, Any],
    goal: Goal | None = None,
    section: Section | None = None,
    part: str | None = None,
    responsible: Iterable | None = None,
) -> Target:
    """Change a target; with `goal`, or `section` and `part`, also move it to another
    goal, or to an area's introduction or the closing text, of the revision."""
    _require_staff(user)
    revision = _lock_editable(_target_revision(target))
    target = Target.objects.select_related("goal", "section").get(pk=target.pk)
    before = snapshot(target, [*TARGET_FIELDS, *WHERE_FIELDS])
    moved = {}
    if goal is not None or section is not None:
        wanted = (
            getattr(goal, "pk", None),
            getattr(section, "pk", None),
            TargetPart.GOAL if goal is not None else part or TargetPart.AREA,
        )
        # Only a move is checked: a target stays where it is even if, say, its area's
        # text has since been emptied (the editor shows that; it does not lock it).
        if wanted != (target.goal_id, target.section_id, target.part):
            place = _placement(revision, goal=goal, section=section, part=part)
            moved = {**place, "order": _next_order(place)}
    # A time frame or an indicator staff set is the institute's, not the portal's default.
    stated = {}
    if (data.get("start_month", target.start_month), data.get("end_month", target.end_month)) != (
        target.start_month,
        target.end_month,
    ):
        stated["time_frame_stated"] = True
    if data.get("indicator", target.indicator) != target.indicator:
        stated["indicator_stated"] = True
    model_update(
        instance=target,
        data={**data, **moved, **stated},
        fields=[*TARGET_COPY_FIELDS, *WHERE_FIELDS, "order"],
    )
    if responsible is not None:
        target.responsible.set(responsible)
    changes = diff(before, snapshot(target, [*TARGET_FIELDS, *WHERE_FIELDS]))
    if changes:
        audit_log(actor=user, action="programme_target_update", obj=target, changes=changes)
    return target


def target_move(*, user, target: Target, goal: Goal) -> Target:
    return target_update(user=user, target=target, data={}, goal=goal)


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    _require_staff(user)
    _lock_editable(_target_revision(target))
    audit_log(
        actor=user,
        action="programme_target_delete",
        obj=target,
        changes={"description": [target.description, None]},
    )
    target.delete()


# --- the workflow ---------------------------------------------------------------------


def _wrong_state(revision: Revision, action: str) -> ValidationError:
    return ValidationError(
        _("Revision %(number)s is %(status)s: it cannot be %(action)s now.")
        % {
            "number": revision.number,
            "status": revision.get_status_display().lower(),
            "action": TransitionAction(action).label.lower(),
        }
    )


@transaction.atomic
def revision_submit(*, user, revision: Revision, comment: str = "") -> Revision:
    """Staff send a draft to the director."""
    _require_staff(user)
    revision = _lock(revision)
    if revision.status != RevisionStatus.DRAFT:
        raise _wrong_state(revision, TransitionAction.SUBMIT)
    if not Target.objects.of_revision(revision).exists():
        raise ValidationError(_("A programme with no targets cannot be submitted."))
    _move(
        revision,
        to=RevisionStatus.SUBMITTED,
        action=TransitionAction.SUBMIT,
        user=user,
        comment=comment,
    )
    return revision


@transaction.atomic
def revision_approve(*, user, revision: Revision, comment: str = "") -> Revision:
    """The director approves a submitted revision; its content is frozen from now on."""
    _require_director(user)
    revision = _lock(revision)
    if revision.status != RevisionStatus.SUBMITTED:
        raise _wrong_state(revision, TransitionAction.APPROVE)
    _move(
        revision,
        to=RevisionStatus.APPROVED,
        action=TransitionAction.APPROVE,
        user=user,
        comment=comment,
    )
    return revision


@transaction.atomic
def revision_return(
    *, user, revision: Revision, comment: str, goal_comments: dict[int, str] | None = None
) -> Revision:
    """The director sends a submitted revision back to draft, with a comment and, where
    they concern particular goals, comments on those goals."""
    _require_director(user)
    revision = _lock(revision)
    if revision.status != RevisionStatus.SUBMITTED:
        raise _wrong_state(revision, TransitionAction.RETURN)
    goal_comments = {k: v.strip() for k, v in (goal_comments or {}).items() if v and v.strip()}
    if not comment.strip() and not goal_comments:
        raise ValidationError({"comment": _("Say what should change before it is approved.")})
    goals = {g.pk: g for g in Goal.objects.filter(section__revision=revision, pk__in=goal_comments)}
    if set(goal_comments) - set(goals):
        raise ValidationError(_("A comment names a goal that is not in this revision."))
    transition = _move(
        revision,
        to=RevisionStatus.DRAFT,
        action=TransitionAction.RETURN,
        user=user,
        comment=comment.strip(),
    )
    GoalComment.objects.bulk_create(
        GoalComment(
            revision=revision, goal=goals[pk], transition=transition, author=user, text=text
        )
        for pk, text in goal_comments.items()
    )
    return revision


@transaction.atomic
def revision_adopt(
    *,
    user,
    revision: Revision,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    as_signed: bool = False,
    comment: str = "",
) -> Revision:
    """Record the management board's decision adopting an approved revision.

    `as_signed`: the programme came adopted, signed by the board's president, and no
    separate decision of the board is recorded (the 2021 text carries only its own
    number and date). Nothing is invented then: the revision says it was adopted as
    signed, and no decision is printed."""
    _require_staff(user)
    revision = _lock(revision)
    if revision.status != RevisionStatus.APPROVED:
        raise _wrong_state(revision, TransitionAction.ADOPT)
    decision_number = (decision_number or "").strip()
    errors = {}
    if as_signed:
        if decision_number or decision_date is not None:
            errors["decision_number"] = _(
                "A programme adopted as signed has no recorded decision: leave the "
                "decision's number and date empty, or record the decision."
            )
    else:
        if not decision_number:
            errors["decision_number"] = _("Give the number of the board's decision.")
        if decision_date is None:
            errors["decision_date"] = _("Give the date of the board's decision.")
    if errors:
        raise ValidationError(errors)
    revision.board_decision_number = decision_number
    revision.board_decision_date = decision_date
    revision.adopted_as_signed = as_signed
    _move(
        revision,
        to=RevisionStatus.ADOPTED,
        action=TransitionAction.ADOPT,
        user=user,
        comment=comment,
        # What the portal says of the step is a note, written in the reader's language.
        note=TransitionNote.AS_SIGNED if as_signed else TransitionNote.DECISION,
        fields=("board_decision_number", "board_decision_date", "adopted_as_signed"),
        validate=True,  # an adopted revision must carry the board's decision
    )
    return revision


@transaction.atomic
def revision_publish(*, user, revision: Revision, comment: str = "") -> Revision:
    """Make an adopted revision the one the public reads; the revision published
    before it, if any, is superseded."""
    _require_staff(user)
    revision = _lock(revision)
    if revision.status != RevisionStatus.ADOPTED:
        raise _wrong_state(revision, TransitionAction.PUBLISH)
    for old in Revision.objects.select_for_update().filter(
        programme_id=revision.programme_id, status=RevisionStatus.PUBLISHED
    ):
        _move(
            old,
            to=RevisionStatus.SUPERSEDED,
            action=TransitionAction.SUPERSEDE,
            user=user,
            note=TransitionNote.REPLACED,
            note_number=revision.number,
        )
    _move(
        revision,
        to=RevisionStatus.PUBLISHED,
        action=TransitionAction.PUBLISH,
        user=user,
        comment=comment,
    )
    # The apps that list published works (the library) hear of it in this transaction:
    # if they cannot record it, nothing is published.
    work_published(user=user, work=published_work(revision=revision, user=user))
    return revision


@transaction.atomic
def revision_amend(*, user, programme: Programme, change_note: str = "") -> Revision:
    """Start an amendment: a new draft revision, a copy of the latest approved one."""
    _require_staff(user)
    # Lock all the programme's revisions: two amendments must not start at once.
    revisions = list(
        Revision.objects.select_for_update().filter(programme=programme).order_by("-number")
    )
    if any(r.status in OPEN_STATUSES for r in revisions):
        raise ValidationError(
            _("Revision %(number)s is still a draft or with the director: finish it first.")
            % {"number": next(r.number for r in revisions if r.status in OPEN_STATUSES)}
        )
    source = revisions[0]
    revision = Revision(
        programme=programme,
        number=source.number + 1,
        based_on=source,
        change_note=change_note,
        created_by=user,
        letterhead=source.letterhead,
        **{n: getattr(source, n) for n in HEADER_FIELDS if n != "change_note"},
    )
    revision.full_clean()
    revision.save()
    _copy_content(source, revision)
    _record(
        revision,
        action=TransitionAction.AMEND,
        before="",
        user=user,
        comment=change_note,
        note=TransitionNote.AMENDED,
        note_number=source.number,
    )
    return revision


# --- realisation: linking held activities to targets ----------------------------------
#
# Realisation is not content: linking an activity to a target changes nothing the
# director approved, so it is allowed whatever the revision's status, frozen or not.
# But it is only allowed on the targets of the programme in force (see
# selectors.realisation_revision: the published revision, or before the first
# publication the latest approved or adopted one), so that staff report against one
# plan, and the planned-vs-realised numbers are read from that one plan. A draft
# amendment copies the links it finds when it is started.


def _lock_target_in_force(target: Target, refusal: str) -> Target:
    """The target reloaded with its revision locked (a publication must not move the
    programme in force under us), refused with `refusal` (% {"number": …}) unless its
    revision is the programme in force: the realisation's links and notes are written
    there, never on the approved content of another revision."""
    target = Target.objects.with_tree().get(pk=target.pk)
    revision = _lock(target.area_section.revision)
    current = realisation_revision(year=revision.programme.year)
    if current is None or current.pk != revision.pk:
        raise ValidationError(refusal % {"number": revision.number})
    return target


def _lock_realisation(target: Target, activity: Activity) -> tuple[Target, Activity]:
    """Lock the target's revision (a publication must not move the programme in force
    under us) and the activity (a cancellation must not slip in between the check and
    the link); reload both and check the target belongs to the programme in force."""
    target = _lock_target_in_force(
        target,
        _(
            "Activities are linked to the targets of the programme in force (published, "
            "or approved and not yet published); revision %(number)s is not it."
        ),
    )
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    return target, activity


def _activity_label(activity: Activity) -> str:
    return f"{activity.pk}: {activity.title}"[:300]


@transaction.atomic
def target_activity_link(*, user, target: Target, activity: Activity) -> bool:
    """Count `activity` towards `target`. The activity must be of the programme's year
    and of the target's area, and not cancelled. Linking twice changes nothing (a
    double-click); returns whether a link was made."""
    _require_staff(user)
    target, activity = _lock_realisation(target, activity)
    section = target.area_section
    year = section.revision.programme.year
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(
            _("“%(title)s” is cancelled: a cancelled activity does not realise a target.")
            % {"title": activity.title}
        )
    if activity.start_date.year != year:
        raise ValidationError(
            _("“%(title)s” is not an activity of %(year)s.")
            % {"title": activity.title, "year": year}
        )
    if activity.area != section.area:
        raise ValidationError(
            _("“%(title)s” belongs to another area than this target.") % {"title": activity.title}
        )
    if target.activities.filter(pk=activity.pk).exists():
        return False
    target.activities.add(activity)
    audit_log(
        actor=user,
        action="programme_target_activity_link",
        obj=target,
        changes={"activities": [None, _activity_label(activity)]},
    )
    # An activity that realises a target is no longer outside the programme.
    mark = OutsideProgramme.objects.filter(activity=activity).first()
    if mark is not None:
        _outside_remove(user=user, mark=mark)
    return True


@transaction.atomic
def target_activity_unlink(*, user, target: Target, activity: Activity) -> bool:
    """Stop counting `activity` towards `target`. Unlinking what is not linked changes
    nothing; returns whether a link was removed."""
    _require_staff(user)
    target, activity = _lock_realisation(target, activity)
    if not target.activities.filter(pk=activity.pk).exists():
        return False
    target.activities.remove(activity)
    audit_log(
        actor=user,
        action="programme_target_activity_unlink",
        obj=target,
        changes={"activities": [_activity_label(activity), None]},
    )
    return True


# How a programme's target names a kind of standing group (the stems of «супервизор»,
# «правник»/«правни»: the programme is written in Cyrillic).
GROUP_KIND_STEMS = {"supervisors": "супервиз", "lawyers": "правн"}


def activity_realise_goal(*, user, activity: Activity, goal: str) -> int:
    """Link `activity` to the targets of goal `goal` ("1.", "2.4") of its area in its
    year's programme in force — those planned as its kind of activity, or the goal's one
    target whatever its kind. Nothing when no programme is in force for the year or the
    goal is not in it (the programme of that year has other goals); linking again changes
    nothing. Returns how many links were made. (Registered with the core so an area app
    can ask this without naming the programme.)"""
    revision = realisation_revision(year=activity.start_date.year)
    if revision is None:
        return 0
    wanted = goal.strip().rstrip(".")
    targets = [
        target
        for target in Target.objects.of_revision(revision)
        .filter(goal__section__area=activity.area)
        .select_related("goal")
        if target.goal.number.rstrip(".") == wanted
    ]
    if len(targets) > 1:
        targets = [t for t in targets if t.kind == activity.kind]
    if len(targets) > 1 and activity.standing_group_id:
        # A standing group's meeting counts for the target that names its kind of group
        # (goal 1. plans round tables for the supervisors' groups and for the lawyers').
        stem = GROUP_KIND_STEMS.get(activity.standing_group.kind)
        named = [t for t in targets if stem and stem in t.description.lower()]
        targets = named or targets
    return sum(
        target_activity_link(user=user, target=target, activity=activity) for target in targets
    )


# --- held activities outside the programme ----------------------------------------------
#
# A held activity that realises no target of its year's programme in force is
# "unplanned": staff link it to a target (above), or mark it as outside the programme,
# saying why. The mark can be removed again (undo), and goes when the activity is linked.


def _realises_a_target(activity: Activity, revision: Revision) -> bool:
    return Target.objects.of_revision(revision).filter(activities=activity).exists()


@transaction.atomic
def activity_mark_outside(*, user, activity: Activity, reason: str) -> OutsideProgramme:
    """Mark a held activity that realises no target as outside its year's programme."""
    _require_staff(user)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the activity is outside the programme.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason to %(n)s characters or fewer.")
                % {"n": REASON_MAX_LENGTH}
            }
        )
    if activity.status != ActivityStatus.HELD:
        raise ValidationError(
            _("“%(title)s” is not held: only a held activity is marked as outside the programme.")
            % {"title": activity.title}
        )
    revision = realisation_revision(year=activity.start_date.year)
    if revision is not None and _realises_a_target(activity, revision):
        raise ValidationError(
            _("“%(title)s” realises a target of the programme: it is not outside it.")
            % {"title": activity.title}
        )
    if OutsideProgramme.objects.filter(activity=activity).exists():
        raise ValidationError(
            _("“%(title)s” is already marked as outside the programme.") % {"title": activity.title}
        )
    mark = OutsideProgramme.objects.create(activity=activity, reason=reason, marked_by=user)
    audit_log(
        actor=user,
        action="programme_activity_outside",
        obj=activity,
        changes={"outside_programme": [None, reason]},
    )
    return mark


def _outside_remove(*, user, mark: OutsideProgramme) -> None:
    audit_log(
        actor=user,
        action="programme_activity_outside_undo",
        obj=mark.activity,
        changes={"outside_programme": [mark.reason, None]},
    )
    mark.delete()


@transaction.atomic
def activity_outside_undo(*, user, activity: Activity) -> bool:
    """Remove the mark: the activity is unplanned again. Returns whether there was one."""
    _require_staff(user)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    mark = OutsideProgramme.objects.select_related("activity").filter(activity=activity).first()
    if mark is None:
        return False
    _outside_remove(user=user, mark=mark)
    return True


# --- staff notes on targets, per quarter ------------------------------------------------


@transaction.atomic
def target_note_save(*, user, target: Target, quarter: int, text: str) -> TargetNote | None:
    """Write staff's note on a target for a quarter (1–4), replacing that quarter's
    note; an empty text removes it. Only on the targets of the programme in force, like
    the links: notes are the realisation's, not the approved content. Returns the note,
    or None when it was removed (or there was none to remove)."""
    _require_staff(user)
    target = _lock_target_in_force(
        target,
        _(
            "Notes are written on the targets of the programme in force (published, "
            "or approved and not yet published); revision %(number)s is not it."
        ),
    )
    if quarter not in Quarter.values:
        raise ValidationError({"quarter": _("Choose a quarter, Q1 to Q4.")})
    text = (text or "").strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Keep the note to %(n)s characters or fewer.") % {"n": NOTE_MAX_LENGTH}}
        )
    note = TargetNote.objects.select_for_update().filter(target=target, quarter=quarter).first()
    before = note.text if note is not None else None
    key = f"Q{quarter}"
    if not text:
        if note is None:
            return None
        note.delete()
        audit_log(
            actor=user,
            action="programme_target_note",
            obj=target,
            changes={key: [before, None]},
        )
        return None
    if before == text:
        return note
    if note is None:
        note = TargetNote(target=target, quarter=quarter)
    note.text = text
    note.author = _actor(user)
    note.full_clean()
    note.save()
    audit_log(actor=user, action="programme_target_note", obj=target, changes={key: [before, text]})
    return note


# --- the PDF --------------------------------------------------------------------------


def document_language(language: str | None) -> str:
    """The programme document is Serbian; only its script follows the reader."""
    return "sr-latn" if is_latin_language(language) else "sr"


def programme_document_request(*, revision: Revision, language: str | None, user=None) -> Document:
    """The PDF of this revision's current content: reused when already rendered (or on
    its way), queued for a background render otherwise. Never renders in the request."""
    return document_request(
        kind=DOCUMENT_KIND, obj=revision, language=document_language(language), user=user
    )


# --- the published programme as a work of the institute --------------------------------

PUBLISHED_WORK_KIND = "work_programme"


def _abstract(revision: Revision) -> str:
    """The introduction's first paragraph, cut at a word (`pzss.lib.text.ABSTRACT_LENGTH`)."""
    return cut_at_word(first_paragraph(revision.introduction))


def published_work(*, revision: Revision, user=None) -> PublishedWork:
    """The published revision as the library lists it, with its PDF (in Cyrillic, the
    script it is written in) queued for rendering if it is not rendered yet."""
    return PublishedWork(
        key=f"programme:{revision.programme.year}",
        kind=PUBLISHED_WORK_KIND,
        year=revision.programme.year,
        title=revision.title,
        abstract=_abstract(revision),
        language="sr-Cyrl",
        document=programme_document_request(revision=revision, language="sr", user=user),
    )


def published_programme_works():
    """Every programme in force, for the library to catch up with."""
    revisions = Revision.objects.filter(status=RevisionStatus.PUBLISHED).select_related("programme")
    for revision in revisions:
        yield published_work(revision=revision)


# --- the annual realisation report --------------------------------------------------------
#
# It follows the programme's workflow: staff draft and submit it, the director approves it
# or returns it with comments, and it is published (by staff, as the programme is: the
# director's word is the approval). Submitting freezes its figures (the document's body in
# both scripts, and its annex's rows); a return makes them live again. Every transition
# locks the report's row first and checks the status under that lock.

REPORT_DOCUMENT_KIND = "realisation_report"
REPORT_WORK_KIND = "realisation_report"
REPORT_TEXT_FIELDS = ["introduction", "summary"]
REPORT_TEXT_MAX_LENGTH = 20000


def _lock_report(report: RealisationReport) -> RealisationReport:
    return (
        RealisationReport.objects.select_for_update().select_related("programme").get(pk=report.pk)
    )


def _report_wrong_state(report: RealisationReport, action: str) -> ValidationError:
    return ValidationError(
        _("The realisation report for %(year)s is %(status)s: it cannot be %(action)s now.")
        % {
            "year": report.programme.year,
            "status": report.get_status_display().lower(),
            "action": ReportAction(action).label.lower(),
        },
        code="wrong_state",
    )


def _report_record(
    report: RealisationReport, *, action: str, before: str, user, comment: str = ""
) -> ReportTransition:
    transition = ReportTransition.objects.create(
        report=report,
        action=action,
        from_status=before,
        to_status=report.status,
        actor=_actor(user),
        comment=comment,
    )
    audit_log(
        actor=user,
        action=f"realisation_report_{action}",
        obj=report,
        changes={"status": [before or None, report.status]},
        comment=comment,
    )
    return transition


def _report_move(
    report: RealisationReport, *, to: str, action: str, user, comment: str = "", fields=()
) -> ReportTransition:
    before = report.status
    report.status = to
    report.full_clean()
    report.save(update_fields=["status", *fields, "updated_at"])
    return _report_record(report, action=action, before=before, user=user, comment=comment)


def _clean_report_text(data: dict[str, Any]) -> dict[str, str]:
    cleaned, errors = {}, {}
    for name, value in data.items():
        if name not in REPORT_TEXT_FIELDS:
            raise ValueError(f"not a text of the report: {name}")
        value = (value or "").strip().replace("\r\n", "\n")
        if len(value) > REPORT_TEXT_MAX_LENGTH:
            errors[name] = _("Keep the text to %(n)s characters or fewer.") % {
                "n": REPORT_TEXT_MAX_LENGTH
            }
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def realisation_report_create(
    *, user, programme: Programme, introduction: str = "", summary: str = ""
) -> RealisationReport:
    """Start the year's realisation report, as a draft with live figures. One per year;
    only once the year has a programme in force to report against."""
    _require_staff(user)
    # The programme's row is the lock: two people starting the report at once make one.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    existing = RealisationReport.objects.filter(programme=programme).first()
    if existing is not None:
        raise ValidationError(
            _("The realisation report for %(year)s has already been started.")
            % {"year": programme.year},
            code="exists",
        )
    if realisation_revision(year=programme.year) is None:
        raise ValidationError(
            _("The programme for %(year)s is not yet approved: there is nothing to report against.")
            % {"year": programme.year},
            code="no_programme",
        )
    texts = _clean_report_text({"introduction": introduction, "summary": summary})
    report = RealisationReport(programme=programme, created_by=_actor(user), **texts)
    report.full_clean()
    report.save()
    _report_record(report, action=ReportAction.CREATE, before="", user=user)
    return report


@transaction.atomic
def realisation_report_update(*, user, report: RealisationReport, data: dict[str, Any]):
    """Staff's introduction and summary; only while the report is a draft."""
    _require_staff(user)
    report = _lock_report(report)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _(
                "The realisation report for %(year)s is %(status)s: its texts can be edited "
                "only while it is a draft."
            )
            % {"year": report.programme.year, "status": report.get_status_display().lower()},
            code="wrong_state",
        )
    before = snapshot(report, REPORT_TEXT_FIELDS)
    for name, value in _clean_report_text(data).items():
        setattr(report, name, value)
    report.full_clean()
    changes = diff(before, snapshot(report, REPORT_TEXT_FIELDS))
    if changes:
        report.save(update_fields=[*changes, "updated_at"])
        audit_log(actor=user, action="realisation_report_update", obj=report, changes=changes)
    return report


def _freeze(report: RealisationReport) -> None:
    """Store what the report shows now: its document's body in both scripts, and its
    annex's rows (the figures of the moment, read once for all three)."""
    report.frozen_at = timezone.now()
    data = realisation_report_data(report=report)
    report.frozen_body = {
        language: programme_documents.report_body(report, language, data=data)
        for language in ("sr", "sr-latn")
    }
    report.frozen_rows = exports.report_rows(data)


def _thaw(report: RealisationReport) -> None:
    report.frozen_at = None
    report.frozen_body = {}
    report.frozen_rows = {}


FROZEN_FIELDS = ("frozen_at", "frozen_body", "frozen_rows")


@transaction.atomic
def realisation_report_submit(
    *, user, report: RealisationReport, comment: str = ""
) -> RealisationReport:
    """Staff send the draft to the director; its figures are frozen as they are now."""
    _require_staff(user)
    report = _lock_report(report)
    if report.status != ReportStatus.DRAFT:
        raise _report_wrong_state(report, ReportAction.SUBMIT)
    if not report.introduction.strip():
        raise ValidationError(
            {"introduction": _("Write the report's introduction before submitting it.")},
            code="no_introduction",
        )
    _freeze(report)
    _report_move(
        report,
        to=ReportStatus.SUBMITTED,
        action=ReportAction.SUBMIT,
        user=user,
        comment=(comment or "").strip(),
        fields=FROZEN_FIELDS,
    )
    return report


@transaction.atomic
def realisation_report_return(*, user, report: RealisationReport, comment: str):
    """The director sends a submitted report back to draft, saying what should change;
    its figures are live again."""
    _require_director(user)
    report = _lock_report(report)
    if report.status != ReportStatus.SUBMITTED:
        raise _report_wrong_state(report, ReportAction.RETURN)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what should change before it is approved.")}, code="no_comment"
        )
    _thaw(report)
    _report_move(
        report,
        to=ReportStatus.DRAFT,
        action=ReportAction.RETURN,
        user=user,
        comment=comment,
        fields=FROZEN_FIELDS,
    )
    return report


@transaction.atomic
def realisation_report_approve(*, user, report: RealisationReport, comment: str = ""):
    """The director approves the report as it was submitted."""
    _require_director(user)
    report = _lock_report(report)
    if report.status != ReportStatus.SUBMITTED:
        raise _report_wrong_state(report, ReportAction.APPROVE)
    _report_move(
        report,
        to=ReportStatus.APPROVED,
        action=ReportAction.APPROVE,
        user=user,
        comment=(comment or "").strip(),
    )
    return report


@transaction.atomic
def realisation_report_publish(*, user, report: RealisationReport, comment: str = ""):
    """Make the approved report public: it enters the library with its PDF (queued for
    rendering if it is not rendered yet)."""
    _require_staff(user)
    report = _lock_report(report)
    if report.status != ReportStatus.APPROVED:
        raise _report_wrong_state(report, ReportAction.PUBLISH)
    _report_move(
        report,
        to=ReportStatus.PUBLISHED,
        action=ReportAction.PUBLISH,
        user=user,
        comment=(comment or "").strip(),
    )
    # As with the programme: if the library cannot record it, nothing is published.
    work_published(user=user, work=published_report_work(report=report, user=user))
    return report


def report_document_request(
    *, report: RealisationReport, language: str | None, user=None
) -> Document:
    """The report's PDF as it stands (frozen once submitted): reused when already
    rendered or on its way, queued otherwise. Never renders in the request."""
    return document_request(
        kind=REPORT_DOCUMENT_KIND,
        obj=report,
        language=programme_documents.report_language(language),
        user=user,
    )


def published_report_work(*, report: RealisationReport, user=None) -> PublishedWork:
    """The published report as the library lists it, with its PDF in Cyrillic."""
    first = cut_at_word(first_paragraph(report.introduction))
    return PublishedWork(
        key=f"realisation_report:{report.programme.year}",
        kind=REPORT_WORK_KIND,
        year=report.programme.year,
        title=report.title,
        abstract=first,
        language="sr-Cyrl",
        document=report_document_request(report=report, language="sr", user=user),
    )


def published_report_works():
    """Every published realisation report, for the library to catch up with."""
    reports = RealisationReport.objects.filter(status=ReportStatus.PUBLISHED).select_related(
        "programme"
    )
    for report in reports:
        yield published_report_work(report=report)


def report_annex_request(*, user, report: RealisationReport, language: str | None):
    """The report's XLSX annex (targets planned against realised, held activities) as a
    background job: the same content asked again by the same person is the same job."""
    _require_staff(user)
    # A spreadsheet of the interface's words, in the requester's language (the content
    # in their script), unlike the document, which is Serbian.
    language = language or settings.LANGUAGE_CODE
    # Frozen rows make the same file each time: asked again, it is the same job. A
    # draft's figures move, so its annex is made afresh each time it is asked for.
    key = ""
    if report.is_frozen:
        key = f"{report.pk}:{user.pk}:{language}:{exports.rows_checksum(report.frozen_rows)[:40]}"
    return queue_job(
        kind=exports.REPORT_XLSX,
        user=user,
        params={"report": report.pk},
        title=_("Annex to the realisation report for %(year)s (XLSX)")
        % {"year": report.programme.year},
        key=key,
        language=language,
        back_url=reverse("programme:report", kwargs={"year": report.programme.year}),
    )
