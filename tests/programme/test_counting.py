"""The counting rules of the realisation, each on its own, then all of them at once on
the realisation page, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme import realisation as counting
from programme import selectors
from programme.models import Bound, OutsideProgramme, RevisionStatus, Target
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Institution,
    Person,
    Registration,
    RegistrationStatus,
)
from tests.core.soup import soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030


def _activity(title="Радна посета", *, area=1, status=ActivityStatus.HELD, days=1, **kw):
    start = kw.pop("start_date", dt.date(YEAR, 3, 10))
    return Activity.objects.create(
        area=area,
        kind=kw.pop("kind", ActivityKind.WORKING_VISIT),
        title=title,
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1) if days > 1 else None,
        status=status,
        cancel_reason="Отказано." if status == ActivityStatus.CANCELLED else "",
        **kw,
    )


def _person(n: int) -> Person:
    return Person.objects.create(first_name="Ана", last_name=f"Особа {n}", email=f"p{n}@x.rs")


def _attend(activity, *people, status=RegistrationStatus.ATTENDED):
    for person in people:
        Registration.objects.create(activity=activity, person=person, status=status)


@pytest.fixture
def revision():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def target(revision) -> Target:
    return first_target(revision)  # 2 visits, area I


def _counts(target) -> counting.Counts:
    return counting.target_counts(Target.objects.filter(pk=target.pk)).get(
        target.pk, counting.Counts()
    )


def _row(target) -> selectors.TargetRealisation:
    target.refresh_from_db()
    return selectors.TargetRealisation(target, _counts(target))


# --- an activity counts when held, once ------------------------------------------------


def test_a_cancelled_activity_counts_for_nothing(target):
    cancelled = _activity(status=ActivityStatus.CANCELLED)
    _attend(cancelled, _person(1))
    target.activities.add(cancelled, _activity(status=ActivityStatus.SCHEDULED))
    assert counting.held_activities(Activity.objects.all()).count() == 0
    assert counting.participations(Activity.objects.all()) == 0
    assert _counts(target) == counting.Counts()
    assert _row(target).state == "not_started"


def test_a_three_day_training_counts_once(target):
    target.activities.add(_activity("Тродневна обука", days=3))
    assert _counts(target).held == 1
    assert _row(target).percent == 50  # 1 of 2


# --- people ----------------------------------------------------------------------------


def test_a_person_at_two_events_is_two_participations_and_one_person_reached(target):
    ana, bora, cane = _person(1), _person(2), _person(3)
    first, second = _activity("Прва"), _activity("Друга")
    _attend(first, ana, bora)
    _attend(second, ana)
    _attend(second, cane, status=RegistrationStatus.ABSENT)  # not a participant
    target.activities.add(first, second)
    activities = Activity.objects.all()
    assert counting.participations(activities) == 3
    assert counting.people_reached(activities) == 2
    counts = _counts(target)
    assert (counts.held, counts.participations, counts.people) == (2, 3, 2)


def test_institutions_and_municipalities_reached_are_distinct(target):
    one, other = Institution.objects.select_related("municipality").order_by("pk")[:2]
    same_place = Institution.objects.filter(municipality=one.municipality).exclude(pk=one.pk)
    first, second = _activity("Прва"), _activity("Друга")
    first.institutions.set([one, other])
    second.institutions.set([one])
    target.activities.add(first, second)
    activities = Activity.objects.all()
    expected_municipalities = len({one.municipality_id, other.municipality_id})
    assert counting.institutions_reached(activities) == 2
    assert counting.municipalities_reached(activities) == expected_municipalities
    counts = _counts(target)
    assert (counts.institutions, counts.municipalities) == (2, expected_municipalities)
    if same_place.exists():
        second.institutions.add(same_place.first())
        assert _counts(target).municipalities == expected_municipalities


# --- the unit decides what is counted ---------------------------------------------------


def _target_of(revision, unit, quantity, bound=Bound.EXACT):
    goal = first_target(revision).goal
    return Target.objects.create(
        goal=goal,
        description=f"Циљ у јединици {unit}",
        kind=ActivityKind.OTHER,
        unit=unit,
        quantity=quantity,
        bound=bound,
    )


def test_the_unit_decides_what_is_counted(revision):
    ana, bora = _person(1), _person(2)
    first, second = _activity("Прва", hours=Decimal("6")), _activity("Друга", hours=Decimal("4.5"))
    _attend(first, ana, bora)
    _attend(second, ana)
    targets = {
        unit: _target_of(revision, unit, 10)
        for unit in ["events", "groups", "visits", "reports", "participants", "students", "hours"]
    }
    for t in targets.values():
        t.activities.add(first, second)
    realised = {unit: _row(t).realised for unit, t in targets.items()}
    assert realised == {
        "events": 2,
        "groups": 2,
        "visits": 2,
        "reports": 2,
        "participants": 3,
        "students": 2,
        "hours": Decimal("10.5"),
    }
    assert _row(targets["participants"]).percent == 30
    assert _row(targets["hours"]).percent == 105
    assert _row(targets["hours"]).state == "reached"


def test_a_rate_has_no_percentage(revision):
    rate = _target_of(revision, "times_a_month", 2)
    rate.activities.add(_activity())
    row = _row(rate)
    assert (row.realised, row.percent, row.state) == (1, None, "not_comparable")


# --- minimum, maximum, qualitative ------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "realised", "state"),
    [
        (Bound.EXACT, 0, "not_started"),
        (Bound.EXACT, 1, "in_progress"),
        (Bound.EXACT, 2, "reached"),
        (Bound.EXACT, 3, "reached"),
        (Bound.AT_LEAST, 1, "in_progress"),
        (Bound.AT_LEAST, 2, "reached"),
        (Bound.AT_LEAST, 5, "reached"),
        (Bound.AT_MOST, 1, "reached"),
        (Bound.AT_MOST, 2, "reached"),
        (Bound.AT_MOST, 3, "over_limit"),
    ],
)
def test_a_minimum_or_a_maximum_is_met_accordingly(bound, realised, state):
    assert counting.state_of(bound=bound, quantity=2, unit="events", realised=realised) == state


def test_students_over_a_maximum_are_over_the_limit(revision):
    practice = _target_of(revision, "students", 2, bound=Bound.AT_MOST)
    activity = _activity("Пракса", days=20)
    _attend(activity, _person(1), _person(2), _person(3))
    practice.activities.add(activity)
    row = _row(practice)
    assert (row.realised, row.percent, row.state) == (3, 150, "over_limit")


def test_a_qualitative_target_never_shows_a_percentage(revision):
    goal = first_target(revision).goal
    qualitative = Target.objects.create(
        goal=goal, description="Учешће у радним групама", kind=ActivityKind.WORKING_GROUP
    )
    qualitative.activities.add(_activity("Радна група", kind=ActivityKind.WORKING_GROUP))
    row = _row(qualitative)
    assert (row.percent, row.state, row.comparable) == (None, "qualitative", False)
    assert counting.percent_of(quantity=None, unit="", realised=5) is None


def test_the_page_shows_a_qualitative_targets_held_activities_and_no_percentage(
    staff_client, revision
):
    goal = first_target(revision).goal
    qualitative = Target.objects.create(
        goal=goal, description="Учешће у радним групама", kind=ActivityKind.WORKING_GROUP
    )
    qualitative.activities.add(
        _activity("Састанак радне групе", kind=ActivityKind.WORKING_GROUP),
        _activity("Отказан састанак", status=ActivityStatus.CANCELLED),
    )
    page = soup(staff_client.get(f"/programme/{YEAR}/realisation/"))
    row = page.find("tr", id=f"target-{qualitative.pk}")
    assert row.select_one(".percent").get_text(strip=True) == "—"
    done = [li.get_text(" ", strip=True) for li in row.select(".done li")]
    assert len(done) == 1 and "Sastanak radne grupe" in done[0]


# --- the whole programme, in a constant number of queries -------------------------------


def test_the_programmes_reach_counts_each_activity_and_person_once(revision):
    first_t, second_t = first_target(revision), _target_of(revision, "participants", 5)
    ana = _person(1)
    shared = _activity("Заједничка")
    _attend(shared, ana)
    other = _activity("Друга")
    _attend(other, ana)
    first_t.activities.add(shared, other)
    second_t.activities.add(shared)
    totals = counting.programme_counts(Target.objects.of_revision(revision))
    assert (totals.held, totals.participations, totals.people) == (2, 2, 1)


def _queries_for(staff_user, *, n: int) -> int:
    revision = make_revision(
        year=YEAR + n,
        status=RevisionStatus.PUBLISHED,
        targets_per_goal=n,
        intro_targets=n,
        closing_targets=n,
    )
    people = [_person(1000 * n + i) for i in range(n)]
    for target in Target.objects.of_revision(revision).with_tree():
        for i in range(2):
            activity = _activity(
                f"Посета {target.pk}.{i}",
                area=target.area_section.area,
                kind="other",
                start_date=dt.date(YEAR + n, 3, 10),
            )
            _attend(activity, *people)
            target.activities.add(activity)
    for i in range(n):  # held activities that realise no target, half marked outside
        free = _activity(f"Ван плана {i}", start_date=dt.date(YEAR + n, 5, 1))
        if i % 2:
            OutsideProgramme.objects.create(activity=free, reason="Ван програма.")
    selectors.realisation(user=staff_user, year=YEAR + n)  # the user's roles, once
    with CaptureQueriesContext(connection) as ctx:
        result = selectors.realisation(user=staff_user, year=YEAR + n)
        assert sum(row.counts.participations for a in result.areas for row in a.rows) > 0
        assert len(result.unplanned) + len(result.outside) == n
    return len(ctx.captured_queries)


def test_counting_the_whole_programme_takes_as_many_queries_at_two_sizes(staff_user):
    small = _queries_for(staff_user, n=2)
    large = _queries_for(staff_user, n=12)
    assert small == large
    # the revision in force; the tree (revision, sections, area targets, goals, goal
    # comments, goal targets, responsible); counts (3); held activities (1); notes (1);
    # reach (3), per municipality (1) and per month (1); unplanned (1), outside the
    # programme (1)
    assert small == 20


def test_the_realisation_still_reads_as_a_revision_and_its_areas(staff_user, revision):
    found, areas = selectors.realisation(user=staff_user, year=YEAR)
    assert found == revision and [a.section.area for a in areas] == [1, 2, 3, 4]


def test_the_map_counts_each_held_activity_once_in_each_municipality_it_reached(target):
    novi_sad = Institution.objects.filter(municipality__name="Нови Сад")[:2]
    sombor = Institution.objects.get(name="ЦСР Сомбор")
    both = _activity("Округли сто")
    both.institutions.add(*novi_sad, sombor)  # two of Novi Sad's: still one activity there
    only_sombor = _activity("Радна посета Сомбор")
    only_sombor.institutions.add(sombor)
    cancelled = _activity("Отказана", status=ActivityStatus.CANCELLED)
    cancelled.institutions.add(sombor)
    target.activities.add(both, only_sombor, cancelled)
    targets = Target.objects.filter(pk=target.pk)
    assert counting.activities_by_municipality(targets) == {"Нови Сад": 1, "Сомбор": 2}
