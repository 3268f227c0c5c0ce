"""Builders of programme data for tests: a revision in any status, of any size."""

import datetime as dt

from programme.models import Goal, Programme, Revision, RevisionStatus, Section, Target, TargetPart
from programme.wording import AREA_TITLES
from pzss.core.models import ActivityKind, Area


def make_revision(
    *,
    year: int = 2030,
    status: str = RevisionStatus.DRAFT,
    goals_per_area: int = 1,
    targets_per_goal: int = 1,
    programme: Programme | None = None,
    number: int = 1,
    intro_targets: int = 0,
    closing_targets: int = 0,
) -> Revision:
    """A revision with the four areas, `goals_per_area` goals each with
    `targets_per_goal` targets; `intro_targets` targets of each area's introduction and
    `closing_targets` of the closing text (counted in area IV), which it then has."""
    programme = programme or Programme.objects.create(year=year)
    frozen_after_board = status in {"adopted", "published", "superseded"}
    revision = Revision.objects.create(
        programme=programme,
        number=number,
        status=status,
        title=f"Програм рада Покрајинског завода за социјалну заштиту за {programme.year}. годину",
        doc_number="1/2029",
        doc_date=dt.date(programme.year - 1, 12, 14),
        introduction="Увод у програм.\n\nДруги пасус увода.",
        closing="Завод ће сачинити нови стратешки план." if closing_targets else "",
        signatory="Славко Имрић",
        board_decision_number="393/2020" if frozen_after_board else "",
        board_decision_date=dt.date(programme.year - 1, 12, 14) if frozen_after_board else None,
    )
    for area in Area:
        section = Section.objects.create(
            revision=revision, area=area, title=AREA_TITLES[area], text="Текст области."
        )
        Target.objects.bulk_create(
            Target(
                section=section,
                part=TargetPart.AREA,
                order=t,
                description=f"Праћење програма {area.roman}.{t}",
                kind=ActivityKind.OTHER,
            )
            for t in range(1, intro_targets + 1)
        )
        if area == Area.OUTREACH:
            Target.objects.bulk_create(
                Target(
                    section=section,
                    part=TargetPart.CLOSING,
                    order=t,
                    description=f"Нови стратешки план {t}",
                    kind=ActivityKind.WORKING_MEETING,
                    quantity=1,
                    unit="plans",
                )
                for t in range(1, closing_targets + 1)
            )
        for g in range(1, goals_per_area + 1):
            goal = Goal.objects.create(
                section=section,
                order=g,
                number=f"{g}.",
                title=f"Циљ {area.roman}.{g} — подршка центрима",
                text="Текст циља.",
            )
            Target.objects.bulk_create(
                Target(
                    goal=goal,
                    order=t,
                    description=f"Радне посете {t}",
                    kind=ActivityKind.WORKING_VISIT,
                    quantity=t + 1,
                    unit="visits",
                    indicator="Посете обављене",
                )
                for t in range(1, targets_per_goal + 1)
            )
    return revision


def first_goal(revision: Revision) -> Goal:
    return (
        Goal.objects.filter(section__revision=revision).order_by("section__area", "order").first()
    )


def area_target(revision: Revision, part: str = TargetPart.AREA) -> Target:
    """The first target of an area's introduction (part "area") or of the closing
    text (part "closing")."""
    return (
        Target.objects.filter(section__revision=revision, part=part)
        .order_by("section__area", "order")
        .first()
    )


def first_target(revision: Revision) -> Target:
    return (
        Target.objects.filter(goal__section__revision=revision)
        .order_by("goal__section__area", "goal__order", "order")
        .first()
    )
