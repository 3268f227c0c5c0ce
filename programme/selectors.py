"""Reads of the work programme, each returning only what the user may see.

The public sees published revisions and nothing else: no drafts, no revisions in
review, no comments, no history. Staff (and the director) see every revision.
The tree of a revision (sections → goals → targets → responsible staff) is fetched in a
constant number of queries, however many goals and targets it has.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from programme.models import (
    Goal,
    GoalComment,
    Programme,
    Revision,
    RevisionStatus,
    Section,
    Target,
    Transition,
    TransitionAction,
)
from pzss.core.models import ActivityStatus
from pzss.core.roles import is_staff_member


def tree_prefetch(*, staff: bool) -> Prefetch:
    """Prefetch of a revision's content. For staff, also each target's count of held
    activities (its realisation) and the director's comments on each goal.

    Queries: sections, goals, targets, responsible staff (+ comments for staff)."""
    targets = Target.objects.order_by("order", "id").prefetch_related("responsible")
    goals = Goal.objects.order_by("order", "id")
    if staff:
        targets = targets.annotate(
            held_count=Count(
                "activities", filter=Q(activities__status=ActivityStatus.HELD), distinct=True
            )
        )
        goals = goals.prefetch_related(
            Prefetch("comments", queryset=GoalComment.objects.select_related("author"))
        )
    goals = goals.prefetch_related(Prefetch("targets", queryset=targets))
    return Prefetch(
        "sections",
        queryset=Section.objects.order_by("area").prefetch_related(
            Prefetch("goals", queryset=goals)
        ),
    )


def revision_with_tree(*, pk: int, staff: bool = False) -> Revision:
    return (
        Revision.objects.select_related("programme")
        .prefetch_related(tree_prefetch(staff=staff))
        .get(pk=pk)
    )


def visible_revision(*, user, year: int, number: int | None = None) -> Revision | None:
    """The revision of `year` this user reads at /programme/<year>/: the public, the
    published one (only); staff, the one they asked for, else the latest."""
    staff = is_staff_member(user)
    qs = Revision.objects.select_related("programme").filter(programme__year=year)
    if not staff:
        qs = qs.filter(status=RevisionStatus.PUBLISHED)
        if number is not None:
            qs = qs.filter(number=number)
        revision = qs.first()
    elif number is not None:
        revision = qs.filter(number=number).first()
    else:
        revision = qs.order_by("-number").first()
    if revision is None:
        return None
    return revision_with_tree(pk=revision.pk, staff=staff)


@dataclass
class ProgrammeRow:
    programme: Programme
    published: Revision | None
    latest: Revision


def programme_list(*, user) -> list[ProgrammeRow]:
    """Programmes with the revision to show: 2 queries whatever the number of years."""
    staff = is_staff_member(user)
    revisions = Revision.objects.order_by("-number")
    if not staff:
        revisions = revisions.filter(status=RevisionStatus.PUBLISHED)
    programmes = Programme.objects.order_by("-year").prefetch_related(
        Prefetch("revisions", queryset=revisions, to_attr="visible_revisions")
    )
    if not staff:
        programmes = programmes.filter(revisions__status=RevisionStatus.PUBLISHED)
    rows = []
    for p in programmes:
        if not p.visible_revisions:
            continue
        published = next(
            (r for r in p.visible_revisions if r.status == RevisionStatus.PUBLISHED), None
        )
        rows.append(ProgrammeRow(p, published, p.visible_revisions[0]))
    return rows


def programme_revisions(*, programme: Programme):
    """Every revision of a programme with its transitions (staff only)."""
    return programme.revisions.order_by("-number").prefetch_related(
        Prefetch("transitions", queryset=Transition.objects.select_related("actor"))
    )


def open_revision(*, year: int) -> Revision | None:
    """The draft or submitted revision of a year, if an amendment is under way."""
    return (
        Revision.objects.select_related("programme")
        .filter(programme__year=year, status__in=[RevisionStatus.DRAFT, RevisionStatus.SUBMITTED])
        .first()
    )


def last_return(*, revision: Revision) -> Transition | None:
    """The director's latest return of this revision, when it is a draft again."""
    if revision.status != RevisionStatus.DRAFT:
        return None
    return (
        revision.transitions.filter(action=TransitionAction.RETURN)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
