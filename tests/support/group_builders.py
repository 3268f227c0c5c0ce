"""Builders of the standing groups' tests: a supervisors' group with three members."""

import datetime as dt

from django.utils import timezone

from pzss.core.models import Person, StandingGroup

YEAR = timezone.localdate().year - 1


def group_with_members(number: int = 1, kind=StandingGroup.Kind.SUPERVISORS):
    name = "Група супервизора" if kind == StandingGroup.Kind.SUPERVISORS else "Група правника"
    group = StandingGroup.objects.get(name=f"{name} {number}")
    members = [
        Person.objects.create(
            first_name=f"Члан{n}", last_name=f"Група{number}", email=f"m{number}{n}@example.rs"
        )
        for n in range(3)
    ]
    group.members.set(members)
    return group, members


def day(month: int, d: int = 10) -> dt.date:
    return dt.date(YEAR, month, d)
