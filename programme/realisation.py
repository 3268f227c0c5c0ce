"""The counting rules of the programme's realisation, each a function of its own.

- An activity counts when it is held, once, whatever its number of days; a planned,
  scheduled or cancelled one counts for nothing (`held_activities`).
- Participations count people per event: a person at two held events is two
  participations (`participations`); «people reached» counts distinct people, so the
  same person is one (`people_reached`). A participant is who came or is expected
  (core's PARTICIPATING_STATUSES): not the absent, waiting, cancelled or rejected.
- «Institutions reached» counts the distinct institutions the held activities covered
  (`Activity.institutions`, what staff record as covered), and «municipalities reached»
  the distinct municipalities those institutions are in (`institutions_reached`,
  `municipalities_reached`).
- A target's unit decides what is counted (`UNIT_MEASURE`, `realised_value`): events,
  groups, visits and reports count held activities; participants count participations;
  students count people (a student is one however many days of practice); hours add up
  the held activities' hours. A training programme or a plan is a document, which the
  activities held towards it do not prove written, and "times a month" is a rate, not a
  total: those show the count of held activities, without a percentage.
- A minimum («најмање») or an exact quantity is reached once as much was realised; a
  maximum («највише») is met by anything up to it, and more is over the limit
  (`state_of`). A qualitative target never shows a percentage (`percent_of`).

`target_counts` counts every target of a revision in a constant number of queries,
aggregated in the database, whatever the number of targets and activities.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from programme.models import Bound, Target, Unit
from pzss.core.models import Activity, ActivityStatus, Registration
from pzss.core.models.registrations import PARTICIPATING_STATUSES

HELD_ACTIVITIES = "held"
PARTICIPATIONS = "participations"
PEOPLE = "people"
HOURS = "hours"

# What each unit counts. A unit not named here (training programmes, plans, times a
# month) has no total of activities to set against its quantity.
UNIT_MEASURE: dict[str, str] = {
    Unit.EVENTS: HELD_ACTIVITIES,
    Unit.GROUPS: HELD_ACTIVITIES,
    Unit.VISITS: HELD_ACTIVITIES,
    Unit.REPORTS: HELD_ACTIVITIES,
    Unit.PARTICIPANTS: PARTICIPATIONS,
    Unit.STUDENTS: PEOPLE,
    Unit.HOURS: HOURS,
}
# Units whose realised total can be set against the planned quantity (a percentage).
COUNTABLE_UNITS = frozenset(UNIT_MEASURE)

_PARTICIPATING = Q(status__in=PARTICIPATING_STATUSES)


# --- the rules, on any set of activities -----------------------------------------------


def held_activities(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities that count: held ones (each once, however many days it took)."""
    return activities.filter(status=ActivityStatus.HELD)


def _registrations(activities: QuerySet[Activity]) -> QuerySet[Registration]:
    return Registration.objects.filter(_PARTICIPATING, activity__in=held_activities(activities))


def participations(activities: QuerySet[Activity]) -> int:
    """People per held event: a person at two events counts twice."""
    return _registrations(activities).count()


def people_reached(activities: QuerySet[Activity]) -> int:
    """Distinct people at the held events: a person at two events counts once."""
    return _registrations(activities).values("person").distinct().count()


def institutions_reached(activities: QuerySet[Activity]) -> int:
    """Distinct institutions the held activities covered."""
    return (
        held_activities(activities)
        .filter(institutions__isnull=False)
        .values("institutions")
        .distinct()
        .count()
    )


def municipalities_reached(activities: QuerySet[Activity]) -> int:
    """Distinct municipalities of the institutions the held activities covered."""
    return (
        held_activities(activities)
        .filter(institutions__municipality__isnull=False)
        .values("institutions__municipality")
        .distinct()
        .count()
    )


def hours_held(activities: QuerySet[Activity]) -> Decimal:
    """The hours of the held activities, added up."""
    return held_activities(activities).aggregate(h=Sum("hours"))["h"] or Decimal(0)


# --- a target's figures -----------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """What the held activities linked to one target (or to a whole programme) add up
    to."""

    held: int = 0
    hours: Decimal = Decimal(0)
    participations: int = 0
    people: int = 0
    institutions: int = 0
    municipalities: int = 0


def realised_value(unit: str, counts: Counts) -> int | Decimal | None:
    """What a target of this unit has realised; None for a unit with no total."""
    measure = UNIT_MEASURE.get(unit)
    if measure is None:
        return None
    return {
        HELD_ACTIVITIES: counts.held,
        PARTICIPATIONS: counts.participations,
        PEOPLE: counts.people,
        HOURS: counts.hours,
    }[measure]


def percent_of(*, quantity: int | None, unit: str, realised) -> int | None:
    """Realised against planned, in per cent; None for a qualitative target or a unit
    with no total."""
    if quantity is None or realised is None or unit not in COUNTABLE_UNITS:
        return None
    return round(Decimal(realised) * 100 / quantity)


# What each state is called, wherever a target's state is written out (the dashboard's
# badges, its spreadsheet, the report).
STATE_LABELS = {
    "reached": _("Reached"),
    "in_progress": _("In progress"),
    "not_started": _("Not started"),
    "over_limit": _("Over the maximum"),
    "qualitative": _("Qualitative"),
    "not_comparable": _("Count only"),
}


def state_of(*, bound: str, quantity: int | None, unit: str, realised) -> str:
    """reached, in_progress, not_started, over_limit; or qualitative / not_comparable.

    An exact quantity or a minimum («најмање 1 група») is reached once as much was
    realised; a maximum («највише 10») is met by anything realised up to it, and more is
    over the limit, not an achievement."""
    if quantity is None:
        return "qualitative"
    if unit not in COUNTABLE_UNITS or realised is None:
        return "not_comparable"
    if not realised:
        return "not_started"
    if bound == Bound.AT_MOST:
        return "reached" if realised <= quantity else "over_limit"
    return "reached" if realised >= quantity else "in_progress"


def _links(targets: QuerySet[Target], within: QuerySet[Activity] | None) -> QuerySet:
    """The links of `targets` to held activities (of `within`, if given)."""
    links = Target.activities.through.objects.filter(
        target__in=targets.values("pk"), activity__status=ActivityStatus.HELD
    )
    if within is not None:
        links = links.filter(activity__in=within.values("pk"))
    return links


def _realising(targets: QuerySet[Target], within: QuerySet[Activity] | None) -> QuerySet:
    """The held activities linked to any of `targets` (of `within`, if given)."""
    activities = Activity.objects.filter(
        status=ActivityStatus.HELD, programme_targets__in=targets.values("pk")
    )
    if within is not None:
        activities = activities.filter(pk__in=within.values("pk"))
    return activities


def target_counts(
    targets: QuerySet[Target], within: QuerySet[Activity] | None = None
) -> dict[int, Counts]:
    """Each target's counts, by its pk: three queries, aggregated in the database, however
    many targets and activities — the held activities and their hours, the people they
    reached, the institutions they covered, each apart: joined together, every
    participant would be counted once per institution and the hours once per
    participant, and the rows to count multiply (0.3 s at 2,000 activities). `within`
    narrows what counts to those activities (the dashboard's filters: a quarter, a kind,
    a district)."""
    links = _links(targets, within).values("target_id")
    held = {
        row["target_id"]: row
        for row in links.annotate(held=Count("activity_id"), hours=Sum("activity__hours"))
    }
    participating = Q(activity__registrations__status__in=PARTICIPATING_STATUSES)
    people = {
        row["target_id"]: row
        # A registration is of one activity, and a link one target's: no row twice.
        for row in links.filter(participating).annotate(
            participations=Count("activity__registrations"),
            people=Count("activity__registrations__person", distinct=True),
        )
    }
    covered = {
        row["target_id"]: row
        for row in links.filter(activity__institutions__isnull=False).annotate(
            institutions=Count("activity__institutions", distinct=True),
            municipalities=Count("activity__institutions__municipality", distinct=True),
        )
    }
    counts = {}
    for pk, row in held.items():
        p, c = people.get(pk, {}), covered.get(pk, {})
        counts[pk] = Counts(
            held=row["held"],
            hours=row["hours"] or Decimal(0),
            participations=p.get("participations", 0),
            people=p.get("people", 0),
            institutions=c.get("institutions", 0),
            municipalities=c.get("municipalities", 0),
        )
    return counts


def programme_counts(targets: QuerySet[Target], within: QuerySet[Activity] | None = None) -> Counts:
    """The whole programme's reach: the held activities linked to any of `targets`, each
    once even when it realises two, and their participations, distinct people,
    institutions and municipalities (three queries: each relation counted apart, as in
    `target_counts`)."""
    activities = _realising(targets, within).values("pk")
    held = Activity.objects.filter(pk__in=activities).count()
    reach = Registration.objects.filter(_PARTICIPATING, activity__in=activities).aggregate(
        participations=Count("pk"), people=Count("person", distinct=True)
    )
    covered = Activity.institutions.through.objects.filter(activity__in=activities).aggregate(
        institutions=Count("institution", distinct=True),
        municipalities=Count("institution__municipality", distinct=True),
    )
    return Counts(held=held, **reach, **covered)


def activities_by_municipality(
    targets: QuerySet[Target], within: QuerySet[Activity] | None = None
) -> dict[str, int]:
    """How many held activities linked to any of `targets` reached an institution in each
    municipality (an activity that reached two institutions of one municipality counts
    once there): what the map of the municipalities reached shows (one query)."""
    rows = (
        _realising(targets, within)
        .filter(institutions__municipality__isnull=False)
        .values("institutions__municipality__name")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["institutions__municipality__name"]: row["n"] for row in rows}


def done_activities(
    targets: QuerySet[Target], within: QuerySet[Activity] | None = None
) -> dict[int, list[Activity]]:
    """The held activities linked to each of `targets`, in date order: what was done
    (one query)."""
    done: dict[int, list[Activity]] = {}
    links = (
        _links(targets, within)
        .select_related("activity")
        .order_by("activity__start_date", "activity_id")
    )
    for link in links:
        done.setdefault(link.target_id, []).append(link.activity)
    return done


# --- the year month by month ------------------------------------------------------------

# The units whose quantity is a number of held activities: the year's running total.
HELD_UNITS = frozenset(unit for unit, measure in UNIT_MEASURE.items() if measure == HELD_ACTIVITIES)


def counts_towards_line(target: Target) -> bool:
    """A target whose plan is a number of held activities to reach (not a maximum)."""
    return (
        target.quantity is not None and target.unit in HELD_UNITS and target.bound != Bound.AT_MOST
    )


def planned_by_month(targets: Iterable[Target]) -> list[Decimal]:
    """What the targets plan for each month of the year, January first: each target's
    quantity spread evenly over its months (its start to its end month; the whole year
    when the programme gives none)."""
    months = [Decimal(0)] * 12
    for target in targets:
        if not counts_towards_line(target):
            continue
        start = target.start_month or 1
        end = target.end_month or 12
        if end < start:
            start, end = end, start
        share = Decimal(target.quantity) / (end - start + 1)
        for month in range(start, end + 1):
            months[month - 1] += share
    return months


def held_by_month(targets: Iterable[Target], within: QuerySet[Activity] | None = None) -> list[int]:
    """The held activities realising those of `targets` that plan held activities, month
    by month by their start date: a link each, as the targets' own figures count them
    (one query; `targets` are already fetched)."""
    months = [0] * 12
    line = [t.pk for t in targets if counts_towards_line(t)]
    rows = (
        _links(Target.objects.filter(pk__in=line), within)
        .values("activity__start_date__month")
        .annotate(n=Count("activity_id"))
    )
    for row in rows:
        months[row["activity__start_date__month"] - 1] += row["n"]
    return months


def running_total(values: Iterable) -> list:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out
