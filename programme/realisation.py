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

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

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


def target_counts(targets: QuerySet[Target], *, year: int | None = None) -> dict[int, Counts]:
    """Each target's counts, by its pk: two queries, aggregated in the database, however
    many targets and activities (one for the held activities and their hours, one for
    the people and institutions they reached — apart, so that the hours are not added
    once per participant). With `year`, only the activities that started in it count."""
    links = Target.activities.through.objects.filter(
        target__in=targets.values("pk"), activity__status=ActivityStatus.HELD
    )
    if year is not None:
        links = links.filter(activity__start_date__year=year)
    links = links.values("target_id")
    held = {
        row["target_id"]: row
        for row in links.annotate(held=Count("activity_id"), hours=Sum("activity__hours"))
    }
    participating = Q(activity__registrations__status__in=PARTICIPATING_STATUSES)
    reach = {
        row["target_id"]: row
        for row in links.annotate(
            participations=Count("activity__registrations", filter=participating, distinct=True),
            people=Count("activity__registrations__person", filter=participating, distinct=True),
            institutions=Count("activity__institutions", distinct=True),
            municipalities=Count("activity__institutions__municipality", distinct=True),
        )
    }
    counts = {}
    for pk, row in held.items():
        r = reach.get(pk, {})
        counts[pk] = Counts(
            held=row["held"],
            hours=row["hours"] or Decimal(0),
            participations=r.get("participations", 0),
            people=r.get("people", 0),
            institutions=r.get("institutions", 0),
            municipalities=r.get("municipalities", 0),
        )
    return counts


def programme_counts(targets: QuerySet[Target], *, year: int | None = None) -> Counts:
    """The whole programme's reach: the held activities linked to any of `targets`, each
    once even when it realises two, and their participations, distinct people,
    institutions and municipalities (one query). With `year`, only the activities that
    started in it."""
    activities = Activity.objects.filter(
        status=ActivityStatus.HELD, programme_targets__in=targets.values("pk")
    )
    if year is not None:
        activities = activities.filter(start_date__year=year)
    participating = Q(registrations__status__in=PARTICIPATING_STATUSES)
    # Aliases apart from the relations' names (an alias "institutions" would hide the
    # relation from the municipalities' count).
    row = activities.aggregate(
        n_held=Count("pk", distinct=True),
        n_participations=Count("registrations", filter=participating, distinct=True),
        n_people=Count("registrations__person", filter=participating, distinct=True),
        n_institutions=Count("institutions", distinct=True),
        n_municipalities=Count("institutions__municipality", distinct=True),
    )
    return Counts(**{name.removeprefix("n_"): value for name, value in row.items()})


def activities_by_municipality(
    targets: QuerySet[Target], *, year: int | None = None
) -> dict[str, int]:
    """How many held activities linked to any of `targets` reached an institution in each
    municipality (an activity that reached two institutions of one municipality counts
    once there): what the map of the municipalities reached shows (one query). With
    `year`, only the activities that started in it."""
    activities = Activity.objects.filter(
        status=ActivityStatus.HELD,
        programme_targets__in=targets.values("pk"),
        institutions__municipality__isnull=False,
    )
    if year is not None:
        activities = activities.filter(start_date__year=year)
    rows = activities.values("institutions__municipality__name").annotate(
        n=Count("pk", distinct=True)
    )
    return {row["institutions__municipality__name"]: row["n"] for row in rows}


def done_activities(targets: QuerySet[Target]) -> dict[int, list[Activity]]:
    """The held activities linked to each of `targets`, in date order: what was done
    (one query)."""
    done: dict[int, list[Activity]] = {}
    links = (
        Target.activities.through.objects.filter(
            target__in=targets.values("pk"), activity__status=ActivityStatus.HELD
        )
        .select_related("activity")
        .order_by("activity__start_date", "activity_id")
    )
    for link in links:
        done.setdefault(link.target_id, []).append(link.activity)
    return done
