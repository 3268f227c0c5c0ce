"""What the public progress page may print of a figure about people.

A figure that counts people — participations, people reached, the realised figure of a
target whose unit counts people (participants, students) — names no one, but a small one
can point at someone ("2 students at the institute in March"). The public progress page
therefore never prints such a figure from 1 to 4: it reads «мање од 5» instead, in its
tables, its totals and its charts alike (`public_figure`). Nought is printed: it tells of
no one. Figures of activities, institutions and municipalities are not about people and
are printed as they are.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy

# The smallest figure about people that the public pages print.
SMALLEST_PUBLIC_COUNT = 5
SUPPRESSED = gettext_lazy("fewer than 5")


@dataclass(frozen=True)
class PublicFigure:
    """A figure as the public may read it: its value, or none at all when it is
    suppressed (the true figure is not kept, so no template can print it)."""

    value: int | Decimal | None
    suppressed: bool = False

    def __str__(self) -> str:
        if self.suppressed:
            return str(SUPPRESSED)
        return floatformat(self.value, "-1")


def public_figure(value: int | Decimal, *, about_people: bool) -> PublicFigure:
    """`value` for the public: suppressed when it counts people and is from 1 to 4."""
    if about_people and 0 < value < SMALLEST_PUBLIC_COUNT:
        return PublicFigure(None, suppressed=True)
    return PublicFigure(value)
