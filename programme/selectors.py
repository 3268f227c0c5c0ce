"""Reads of the work programme, each returning only what the user may see.

The public sees published revisions and nothing else: no drafts, no revisions in
review, no comments, no history. Staff (and the director) see every revision.
The tree of a revision (sections → goals → targets, and each area's own targets →
responsible staff) is fetched in a constant number of queries, however many goals and
targets it has.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from programme import realisation as counting
from programme.disclosure import PublicFigure, public_figure
from programme.models import (
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
    Transition,
    TransitionAction,
)
from programme.realisation import Counts
from pzss.core.extensions import ProgrammeGoal, ProgrammeInForce
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area, District
from pzss.core.models.registrations import PARTICIPATING_STATUSES
from pzss.lib.roles import is_staff_member
from pzss.lib.translit import to_cyrillic, to_latin


def tree_prefetch(*, staff: bool) -> Prefetch:
    """Prefetch of a revision's content: sections, their goals with their targets, and
    each section's own targets (of its introduction or of the closing text). For staff,
    also each target's count of held activities (its realisation) and the director's
    comments on each goal. The targets' responsible staff are fetched by
    revision_with_tree, for all targets at once.

    Queries: sections, area targets, goals, goal targets (+ comments for staff)."""
    targets = Target.objects.order_by("part", "order", "id")
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
            Prefetch("area_targets", queryset=targets), Prefetch("goals", queryset=goals)
        ),
    )


def tree_targets(revision: Revision) -> list[Target]:
    """Every target of a revision whose tree is prefetched, in the document's order:
    each area's introduction's, its goals', then the closing text's (no query)."""
    targets = []
    for section in revision.sections.all():
        targets.extend(section.intro_targets)
        for goal in section.goals.all():
            targets.extend(goal.targets.all())
    return targets + closing_targets(revision)


def closing_targets(revision: Revision) -> list[Target]:
    """The targets of the programme's closing text, in the order of their areas (the
    tree prefetched: no query)."""
    return [t for section in revision.sections.all() for t in section.closing_targets]


def revision_with_tree(*, pk: int, staff: bool = False) -> Revision:
    """A revision with its whole tree: the revision, sections, area targets, goals,
    goal targets, and the responsible staff of all targets in one query (+ the goals'
    comments for staff)."""
    revision = (
        Revision.objects.select_related("programme")
        .prefetch_related(tree_prefetch(staff=staff))
        .get(pk=pk)
    )
    prefetch_related_objects(tree_targets(revision), "responsible")
    return revision


def portal_additions(revision: Revision) -> bool:
    """Whether the revision's targets carry values the portal supplied and its text
    does not say (the document then explains its mark). Reads the prefetched tree."""
    return any(
        not target.time_frame_stated or (target.indicator and not target.indicator_stated)
        for target in tree_targets(revision)
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


# How much of an untitled goal's text names it in a list of goals.
GOAL_WORDS = 12


def programme_in_force(*, area: int | None = None) -> ProgrammeInForce | None:
    """The newest published programme for the public pages (registered with the core,
    which names no app): its year, title and addresses, and with `area` the goals of
    that area in the document's order. A goal written as a numbered paragraph without a
    title is named by the start of its text.

    Queries: the revision (its programme joined), + the area's goals when asked."""
    revision = (
        Revision.objects.filter(status=RevisionStatus.PUBLISHED)
        .select_related("programme")
        .order_by("-programme__year")
        .first()
    )
    if revision is None:
        return None
    year = revision.programme.year
    url = reverse("programme:detail", kwargs={"year": year})
    goals: tuple[ProgrammeGoal, ...] = ()
    if area is not None:
        rows = (
            Goal.objects.filter(section__revision=revision, section__area=area)
            .select_related("section")
            .order_by("order", "id")
        )
        goals = tuple(
            ProgrammeGoal(
                number=goal.number,
                title=goal.title or Truncator(goal.text).words(GOAL_WORDS),
                url=f"{url}#{goal.anchor}",
                depth=goal.depth,
            )
            for goal in rows
        )
    return ProgrammeInForce(
        year=year,
        title=revision.title,
        url=url,
        pdf_url=reverse("programme:pdf", kwargs={"year": year}),
        goals=goals,
        progress_url=reverse("programme:progress", kwargs={"year": year}),
    )


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


def revisions_awaiting_approval(*, user) -> list[Revision]:
    """Revisions submitted to the director and not yet approved or returned, each with
    when it was submitted (one query; staff only: nothing for anyone else)."""
    if not is_staff_member(user):
        return []
    return list(
        Revision.objects.filter(status=RevisionStatus.SUBMITTED)
        .select_related("programme")
        .annotate(
            submitted_at=Max(
                "transitions__created_at",
                filter=Q(transitions__action=TransitionAction.SUBMIT),
            )
        )
        .order_by("programme__year", "number")
    )


def reports_awaiting_approval(*, user) -> list[RealisationReport]:
    """Realisation reports submitted to the director and not yet approved or returned,
    each with when it was submitted (one query; staff only)."""
    if not is_staff_member(user):
        return []
    return list(
        RealisationReport.objects.filter(status=ReportStatus.SUBMITTED)
        .select_related("programme")
        .annotate(
            submitted_at=Max(
                "transitions__created_at", filter=Q(transitions__action=ReportAction.SUBMIT)
            )
        )
        .order_by("programme__year")
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


# --- realisation: activities that realise the programme's targets ----------------------

CANDIDATES_PER_PAGE = 25


def realisation_revision(*, year: int, revisions=None) -> Revision | None:
    """The revision that realisation is reported against: the programme in force.

    That is the published revision; before the first publication, the latest approved or
    adopted one (the board may adopt it weeks after the director approved it, and work
    starts in January). Drafts and revisions with the director are not yet the plan, and
    a superseded revision is no longer it. `revisions`, if given, is the programme's
    revisions already fetched (no query then)."""
    if revisions is None:
        revisions = list(
            Revision.objects.select_related("programme").filter(
                programme__year=year,
                status__in=[
                    RevisionStatus.PUBLISHED,
                    RevisionStatus.ADOPTED,
                    RevisionStatus.APPROVED,
                ],
            )
        )
    published = [r for r in revisions if r.status == RevisionStatus.PUBLISHED]
    if published:
        return published[0]
    approved = [
        r for r in revisions if r.status in {RevisionStatus.APPROVED, RevisionStatus.ADOPTED}
    ]
    return max(approved, key=lambda r: r.number, default=None)


def target_of_year(*, user, year: int, pk: int) -> Target | None:
    """A target of any revision of `year` — a goal's or an area's own — with its goal or
    section, revision and programme (staff only: None for anyone else)."""
    if not is_staff_member(user):
        return None
    return Target.objects.with_tree().of_year(year).filter(pk=pk).first()


def linked_activities(*, target: Target) -> QuerySet[Activity]:
    """The activities linked to a target, latest first (one query)."""
    return target.activities.order_by("-start_date", "-id")


def candidate_activities(*, target: Target, q: str = "") -> QuerySet[Activity]:
    """Activities that could realise `target`: of the programme's year and the target's
    area, not cancelled, not yet linked; those of the target's kind first, then latest
    first. `q` searches titles in both scripts."""
    section = target.area_section
    year = section.revision.programme.year
    qs = (
        Activity.objects.filter(start_date__year=year, area=section.area)
        .exclude(status=ActivityStatus.CANCELLED)
        .exclude(pk__in=target.activities.values("pk"))
        .annotate(
            other_kind=Case(
                When(kind=target.kind, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("other_kind", "-start_date", "-id")
    )
    q = (q or "").strip()[:200]
    if q:
        cond = Q()
        for term in {q, to_latin(q), to_cyrillic(q)}:
            cond |= Q(title__icontains=term)
        qs = qs.filter(cond)
    return qs


def candidate_page(*, target: Target, q: str = "", page: str | int | None = 1) -> Page:
    """One page of candidates: a count and a page query, whatever the number of rows."""
    return Paginator(candidate_activities(target=target, q=q), CANDIDATES_PER_PAGE).get_page(page)


@dataclass
class TargetRealisation:
    """One target planned against realised. What is counted is its unit's (see
    programme.realisation): `counts` are the held activities linked to it and whom they
    reached; `done` the held activities themselves, for a qualitative target."""

    target: Target
    counts: Counts = field(default_factory=Counts)
    done: list[Activity] = field(default_factory=list)
    notes: list[TargetNote] = field(default_factory=list)

    @property
    def latest_note(self) -> TargetNote | None:
        """Staff's note of the latest quarter written about (notes come by quarter)."""
        return self.notes[-1] if self.notes else None

    def note_of(self, quarter: int) -> TargetNote | None:
        return next((n for n in self.notes if n.quarter == quarter), None)

    @property
    def held(self) -> int:
        return self.counts.held

    @property
    def realised(self):
        """The realised figure in the target's unit (held activities, participations,
        students, hours); the held count where the unit has no total."""
        value = counting.realised_value(self.target.unit, self.counts)
        return self.held if value is None else value

    @property
    def counts_other_than_held(self) -> bool:
        return counting.UNIT_MEASURE.get(self.target.unit, counting.HELD_ACTIVITIES) != (
            counting.HELD_ACTIVITIES
        )

    @property
    def comparable(self) -> bool:
        return self.target.quantity is not None and self.target.unit in counting.COUNTABLE_UNITS

    @property
    def percent(self) -> int | None:
        return counting.percent_of(
            quantity=self.target.quantity, unit=self.target.unit, realised=self.realised
        )

    @property
    def state_label(self) -> str:
        return str(counting.STATE_LABELS[self.state])

    @property
    def state(self) -> str:
        return counting.state_of(
            bound=self.target.bound,
            quantity=self.target.quantity,
            unit=self.target.unit,
            realised=self.realised,
        )


@dataclass
class GoalRealisation:
    goal: Goal
    targets: list[TargetRealisation]


@dataclass
class AreaRealisation:
    """One area's targets: of its introduction, of its goals, and of the programme's
    closing text that its activities realise."""

    section: Section
    goals: list[GoalRealisation] = field(default_factory=list)
    intro: list[TargetRealisation] = field(default_factory=list)
    closing: list[TargetRealisation] = field(default_factory=list)
    # Its goals drawn (programme.charts.goals_chart), set by the page that shows it.
    chart: object = None

    @property
    def rows(self) -> list[TargetRealisation]:
        return [*self.intro, *(t for g in self.goals for t in g.targets), *self.closing]

    @property
    def target_count(self) -> int:
        return len(self.rows)

    @property
    def held(self) -> int:
        return sum(t.held for t in self.rows)

    @property
    def comparable_count(self) -> int:
        return sum(1 for t in self.rows if t.comparable)

    @property
    def reached_count(self) -> int:
        return sum(1 for t in self.rows if t.state == "reached")


@dataclass
class UnplannedActivity:
    """A held activity of the year that realises no target, with the targets of its
    area it could be linked to."""

    activity: Activity
    targets: list[TargetRealisation]


@dataclass(frozen=True)
class RealisationFilters:
    """What the realisation dashboard is narrowed to, read from its URL: an area and a
    goal (which targets are shown), a quarter, a kind and a district (which held
    activities count). A kind narrows both: the targets of that kind and the activities
    of that kind. A value that is not one of the programme's is ignored."""

    area: int | None = None
    goal: int | None = None
    quarter: int | None = None
    kind: str | None = None
    district: int | None = None

    @classmethod
    def from_query(cls, data) -> "RealisationFilters":
        def as_int(name: str) -> int | None:
            value = str(data.get(name) or "").strip()
            return int(value) if value.isdigit() and len(value) < 10 else None

        area, quarter = as_int("area"), as_int("quarter")
        kind = data.get("kind") or None
        return cls(
            area=area if area in Area.values else None,
            goal=as_int("goal"),
            quarter=quarter if quarter in Quarter.values else None,
            kind=kind if kind in ActivityKind.values else None,
            district=as_int("district"),
        )

    @property
    def narrows_activities(self) -> bool:
        return bool(self.quarter or self.kind or self.district)

    @property
    def active(self) -> bool:
        return bool(self.area or self.goal or self.narrows_activities)

    def query(self, **changes) -> str:
        """These filters as the dashboard's query string (`changes` replaced)."""
        values = {
            "area": self.area,
            "goal": self.goal,
            "quarter": self.quarter,
            "kind": self.kind,
            "district": self.district,
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v})

    def targets(self, targets: QuerySet[Target]) -> QuerySet[Target]:
        if self.area:
            targets = targets.filter(Q(goal__section__area=self.area) | Q(section__area=self.area))
        if self.goal:
            targets = targets.filter(goal_id=self.goal)
        if self.kind:
            targets = targets.filter(kind=self.kind)
        return targets

    def activities(self, year: int) -> QuerySet[Activity]:
        """The activities that may count: the year's (an activity moved to another year
        after it was linked counts there no more), as narrowed."""
        activities = Activity.objects.filter(start_date__year=year)
        if self.quarter:
            first = dt.date(year, 3 * self.quarter - 2, 1)
            after = (
                dt.date(year + 1, 1, 1)
                if self.quarter == 4
                else first.replace(month=first.month + 3)
            )
            activities = activities.filter(start_date__gte=first, start_date__lt=after)
        if self.kind:
            activities = activities.filter(kind=self.kind)
        if self.district:
            activities = activities.filter(
                Q(municipality__district_id=self.district)
                | Q(
                    pk__in=Activity.institutions.through.objects.filter(
                        institution__municipality__district_id=self.district
                    ).values("activity_id")
                )
            )
        return activities

    def unplanned(
        self, activities: QuerySet[Activity], within: QuerySet[Activity]
    ) -> QuerySet[Activity]:
        """The held activities realising no target, narrowed by the area and by `within`
        (this filter's activities, as `realisation` fetched them; a goal does not narrow
        them: they are linked to none)."""
        if self.area:
            activities = activities.filter(area=self.area)
        if self.narrows_activities:
            activities = activities.filter(pk__in=within.values("pk"))
        return activities


UNPLANNED_PER_PAGE = 25


@dataclass
class Realisation:
    """The year's programme in force, planned against realised, per area and goal, with
    the whole programme's reach; and the year's held activities that realise no target:
    those still to be seen to (`unplanned`), and those staff marked as outside the
    programme (`outside`)."""

    revision: Revision | None = None
    areas: list[AreaRealisation] = field(default_factory=list)
    totals: Counts = field(default_factory=Counts)
    unplanned: list[UnplannedActivity] = field(default_factory=list)
    outside: list[OutsideProgramme] = field(default_factory=list)
    # Held activities realising the programme per municipality reached (by name).
    municipalities: dict[str, int] = field(default_factory=dict)
    filters: RealisationFilters = field(default_factory=RealisationFilters)
    # When the lists are paged: the page shown, and how many there are in all.
    unplanned_page: Page | None = None
    outside_page: Page | None = None
    # The year month by month: planned (spread over each target's months) and held, for
    # the targets whose plan is a number of held activities.
    planned_by_month: list = field(default_factory=list)
    held_by_month: list = field(default_factory=list)

    def __iter__(self):
        # Callers written when this was a pair still read `revision, areas = ...`.
        return iter((self.revision, self.areas))


def activities_realising_no_target(
    *, revision: Revision, target_pks: list[int] | None = None
) -> QuerySet[Activity]:
    """The held activities of the revision's year linked to none of its targets (whose
    keys the caller may already hold, read from the revision's tree)."""
    targets = (
        Target.objects.of_revision(revision).values("pk") if target_pks is None else target_pks
    )
    linked = Target.activities.through.objects.filter(target__in=targets).values("activity_id")
    return Activity.objects.filter(
        start_date__year=revision.programme.year, status=ActivityStatus.HELD
    ).exclude(pk__in=linked)


def current_quarter(year: int, today=None) -> int:
    """The quarter a note is written for by default: today's in the programme's year,
    the last one once the year is over, the first before it starts."""
    today = today or timezone.localdate()
    if today.year < year:
        return 1
    if today.year > year:
        return 4
    return (today.month - 1) // 3 + 1


def target_with_notes(*, target: Target) -> TargetRealisation:
    """A target with staff's notes, for its note form alone (one query)."""
    notes = list(target.notes.select_related("author").order_by("quarter"))
    return TargetRealisation(target, notes=notes)


def target_realisation(*, target: Target) -> TargetRealisation:
    """One target's figures (the target's activities page): two queries."""
    counts = counting.target_counts(Target.objects.filter(pk=target.pk))
    return TargetRealisation(target, counts.get(target.pk, Counts()))


def realisation(
    *,
    user,
    year: int,
    filters: RealisationFilters | None = None,
    unplanned_page: int | str | None = None,
    outside_page: int | str | None = None,
) -> Realisation:
    """Planned against realised for the year's programme in force, per area and goal:
    the single entry point of the realisation page and report. Staff only.

    `filters` narrow it (RealisationFilters). The held activities that realise no target
    are all listed unless a page of them is asked for (`unplanned_page`,
    `outside_page`: the page then carries their count).

    Queries, constant whatever the number of targets and activities: the revision in
    force; the tree (revision, sections, area targets, goals, goal comments, goal
    targets, responsible); the targets' counts (3, aggregated in the database); the
    qualitative targets' held activities (1); staff's notes (1); the programme's reach
    (3), its activities per municipality (1) and per month (1); the held activities that
    realise no target, unmarked and marked as outside (1 each, 2 each when paged); when
    the filters narrow the activities, their keys (1)."""
    filters = filters or RealisationFilters()
    if not is_staff_member(user):
        return Realisation(filters=filters)
    current = realisation_revision(year=year)
    if current is None:
        return Realisation(filters=filters)
    revision = revision_with_tree(pk=current.pk, staff=True)
    within = filters.activities(year)
    if filters.narrows_activities:
        # Narrowed (a district's OR of two relations above all), the activities are
        # fetched once as their keys (one query): inside each count below, the planner
        # went through the year's activities again for every one (5 s at 2,000).
        within = Activity.objects.filter(pk__in=list(within.values_list("pk", flat=True)))
    # The revision's targets by their keys, read from its tree (no query): as a join of
    # goals and sections ORed on the revision, they made the planner loop through every
    # link for every target when the tables' statistics said they were empty (minutes).
    every_pk = [t.pk for t in tree_targets(revision)]
    targets = filters.targets(Target.objects.filter(pk__in=every_pk))
    counts = counting.target_counts(targets, within)
    done = counting.done_activities(targets.filter(quantity__isnull=True), within)
    notes: dict[int, list[TargetNote]] = {}
    for note in (
        TargetNote.objects.filter(target__in=targets.values("pk"))
        .select_related("author")
        .order_by("target_id", "quarter")
    ):
        notes.setdefault(note.target_id, []).append(note)

    def shown(t: Target) -> bool:
        if filters.kind and t.kind != filters.kind:
            return False
        return not filters.goal or t.goal_id == filters.goal

    def row(t: Target) -> TargetRealisation:
        return TargetRealisation(
            t, counts.get(t.pk, Counts()), done.get(t.pk, []), notes.get(t.pk, [])
        )

    areas, all_rows = [], []
    for section in revision.sections.all():
        area = AreaRealisation(
            section=section,
            intro=[row(t) for t in section.intro_targets if shown(t) and not filters.goal],
            closing=[row(t) for t in section.closing_targets if shown(t) and not filters.goal],
        )
        for goal in section.goals.all():
            rows = [row(t) for t in goal.targets.all() if shown(t)]
            if rows:
                area.goals.append(GoalRealisation(goal, rows))
        if not filters.area or section.area == filters.area:
            areas.append(area)
            all_rows.extend(area.rows)
    free = filters.unplanned(
        activities_realising_no_target(revision=revision, target_pks=every_pk), within
    )
    unplanned_qs = free.filter(outside_programme__isnull=True).order_by("start_date", "id")
    outside_qs = (
        OutsideProgramme.objects.filter(activity__in=free)
        .select_related("activity", "marked_by")
        .order_by("activity__start_date", "activity_id")
    )
    pages = {}
    if unplanned_page is not None:
        pages["unplanned_page"] = Paginator(unplanned_qs, UNPLANNED_PER_PAGE).get_page(
            unplanned_page
        )
        unplanned_qs = pages["unplanned_page"].object_list
    if outside_page is not None:
        pages["outside_page"] = Paginator(outside_qs, UNPLANNED_PER_PAGE).get_page(outside_page)
        outside_qs = pages["outside_page"].object_list
    rows_of_area = {area.section.area: area.rows for area in areas}
    return Realisation(
        revision,
        areas,
        counting.programme_counts(targets, within),
        unplanned=[
            UnplannedActivity(activity, rows_of_area.get(activity.area, []))
            for activity in unplanned_qs
        ],
        outside=list(outside_qs),
        municipalities=counting.activities_by_municipality(targets, within),
        filters=filters,
        planned_by_month=counting.planned_by_month(r.target for r in all_rows),
        # The line is the whole year's, month by month: a quarter does not narrow it.
        held_by_month=counting.held_by_month(
            (r.target for r in all_rows), replace(filters, quarter=None).activities(year)
        ),
        **pages,
    )


@dataclass(frozen=True)
class RealisationFilterChoices:
    areas: list
    goals: list
    quarters: list
    kinds: list
    districts: list


def realisation_filter_choices(result: Realisation) -> RealisationFilterChoices:
    """What the dashboard's filters offer: the areas and goals of the programme in force
    (the chosen area's goals only), the quarters, the kinds and the districts (1 query)."""
    goals = [
        (g.pk, f"{g.number} {Truncator(g.title or g.text).chars(70)}")
        for area in result.areas
        for g in area.section.goals.all()
    ]
    return RealisationFilterChoices(
        areas=list(Area.choices),
        goals=goals,
        quarters=list(Quarter.choices),
        kinds=list(ActivityKind.choices),
        districts=list(District.objects.order_by("order", "name").values_list("pk", "name")),
    )


# --- the annual realisation report ----------------------------------------------------


class _Institute:
    """The institute itself, reading its own figures for its report's document. A
    document is rendered by a worker, for no one in particular: who may read it is the
    report's workflow's business (`documents.is_report_public`), not the reader's. It
    passes the staff check of `realisation()` (as a superuser would), and nothing else
    uses it."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


INSTITUTE = _Institute()


def realisation_report(*, user, year: int) -> RealisationReport | None:
    """The year's realisation report with its programme, for staff (None for anyone
    else, and when there is none yet)."""
    if not is_staff_member(user):
        return None
    return (
        RealisationReport.objects.select_related("programme").filter(programme__year=year).first()
    )


def report_history(*, report: RealisationReport) -> list[ReportTransition]:
    """Every step of the report's workflow, oldest first, with who took it (one query)."""
    return list(report.transitions.select_related("actor").order_by("created_at", "id"))


def report_last_return(*, history: list[ReportTransition]) -> ReportTransition | None:
    """The director's latest return, from the history already read (no query)."""
    return next((t for t in reversed(history) if t.action == ReportAction.RETURN), None)


def annex_activities(*, revision: Revision) -> list[Activity]:
    """Every held activity of the revision's year, in date order, for the report's annex:
    its municipality, the targets of `revision` it realises (`report_targets`, with
    their goal or area) and its participants (`participant_count`). Three queries."""
    targets = Target.objects.of_revision(revision).select_related("goal__section", "section")
    return list(
        Activity.objects.filter(
            start_date__year=revision.programme.year, status=ActivityStatus.HELD
        )
        .select_related("municipality")
        .annotate(
            participant_count=Count(
                "registrations",
                filter=Q(registrations__status__in=PARTICIPATING_STATUSES),
                distinct=True,
            )
        )
        .prefetch_related(Prefetch("programme_targets", queryset=targets, to_attr="report_targets"))
        .order_by("start_date", "id")
    )


@dataclass
class ReportData:
    """What the realisation report shows: the year's realisation (as the realisation
    page reads it) and the annex of every held activity."""

    report: RealisationReport
    result: Realisation
    annex: list[Activity]


def realisation_report_data(*, report: RealisationReport) -> ReportData:
    """The report's live figures. Read for the institute (see `_Institute`): the callers
    are the document's renderer and the services that freeze it, never a page that
    shows them to whoever asks."""
    result = realisation(user=INSTITUTE, year=report.programme.year)
    annex = annex_activities(revision=result.revision) if result.revision else []
    return ReportData(report=report, result=result, annex=annex)


# --- public progress: the published programme, planned against realised ----------------

# What a unit's realised figure counts when it counts people (participants, students).
_MEASURES_OF_PEOPLE = frozenset({counting.PARTICIPATIONS, counting.PEOPLE})


class PublicTargetRealisation(TargetRealisation):
    """A target's realisation as the public reads it (programme.disclosure): its
    realised figure suppressed when it counts fewer than 5 people, and then no
    percentage either (planned × percentage would give the figure back). It carries no
    staff notes and no activities, only their figures."""

    @property
    def counts_people(self) -> bool:
        return counting.UNIT_MEASURE.get(self.target.unit) in _MEASURES_OF_PEOPLE

    @property
    def public_realised(self) -> PublicFigure:
        return public_figure(self.realised, about_people=self.counts_people)

    @property
    def percent(self) -> int | None:
        if self.public_realised.suppressed:
            return None
        return super().percent


@dataclass
class PublicTotals:
    """The year's totals for the public: the figures about people through
    programme.disclosure."""

    held: int
    participations: PublicFigure
    people: PublicFigure
    institutions: int
    municipalities: int

    @classmethod
    def of(cls, counts: Counts) -> "PublicTotals":
        return cls(
            held=counts.held,
            participations=public_figure(counts.participations, about_people=True),
            people=public_figure(counts.people, about_people=True),
            institutions=counts.institutions,
            municipalities=counts.municipalities,
        )


def _realisation_areas(revision: Revision, row) -> list[AreaRealisation]:
    """The areas of a revision whose tree is prefetched, each target made a row by
    `row(target)`; goals without targets left out (no query)."""
    areas = []
    for section in revision.sections.all():
        area = AreaRealisation(
            section=section,
            intro=[row(t) for t in section.intro_targets],
            closing=[row(t) for t in section.closing_targets],
        )
        for goal in section.goals.all():
            rows = [row(t) for t in goal.targets.all()]
            if rows:
                area.goals.append(GoalRealisation(goal, rows))
        areas.append(area)
    return areas


def public_progress(*, year: int) -> Realisation | None:
    """The year's published programme planned against realised, for anyone: None unless
    the year has a published revision (a draft, or a plan approved or adopted but not
    published, is not public). Only what the public may read: per target its figures
    (PublicTargetRealisation), never staff notes, the activities' titles or who took
    part; the year's totals (`totals`, counted as on the staff page; show them through
    PublicTotals) and the municipalities reached. Only the activities held in `year`
    count, whatever a target is linked to.

    Queries, constant whatever the number of targets and activities: the revision with
    its programme; the tree (sections, area targets, goals, goal targets); the targets'
    counts (2); the programme's reach (1); its activities per municipality (1)."""
    revision = (
        Revision.objects.select_related("programme")
        .filter(programme__year=year, status=RevisionStatus.PUBLISHED)
        .prefetch_related(tree_prefetch(staff=False))
        .first()
    )
    if revision is None:
        return None
    targets = Target.objects.of_revision(revision)
    within = RealisationFilters().activities(year)  # the year's activities only
    counts = counting.target_counts(targets, within)
    areas = _realisation_areas(
        revision, lambda t: PublicTargetRealisation(t, counts.get(t.pk, Counts()))
    )
    return Realisation(
        revision,
        areas,
        counting.programme_counts(targets, within),
        municipalities=counting.activities_by_municipality(targets, within),
    )
