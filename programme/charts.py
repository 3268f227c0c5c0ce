"""The realisation's charts, the staff page's and the public progress page's, from the
same figures as their tables (programme.selectors `realisation`, `public_progress`): per
area, how far each goal has come in % of its plan; the municipalities the programme's
held activities reached, on the tile map of Vojvodina. Drawn by pzss/lib/charts.py; the
words are the reader's, content in the reader's script."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from programme import realisation as counting
from programme.disclosure import SUPPRESSED
from programme.selectors import AreaRealisation, Realisation
from pzss.lib.charts import Chart, cumulative_line, municipality_map, planned_vs_realised
from pzss.lib.translit import for_language


def _content(text: str) -> str:
    return for_language(text, get_language())


def goals_chart(area: AreaRealisation) -> Chart | None:
    """How far each goal of the area has come: the mean of its targets' percentages (each
    capped at 100, so one target far ahead does not hide one behind), against the plan's
    100. Only targets with a number count; None when no goal of the area has one
    (qualitative goals are listed, not drawn)."""
    return _goals_chart(area)


def public_goals_chart(area: AreaRealisation) -> Chart | None:
    """The goals chart of the public progress page, whose targets
    (selectors.PublicTargetRealisation) have no percentage where their figure counts
    fewer than 5 people: such a target is left out of its goal's mean, and a goal whose
    every target with a number is such reads «fewer than 5» instead of a percentage, in
    the drawing and in its table alike — never a figure that gives the number back."""
    return _goals_chart(area, suppressed=str(SUPPRESSED))


def _goals_chart(area: AreaRealisation, *, suppressed: str | None = None) -> Chart | None:
    labels, planned, realised, texts = [], [], [], []
    targets = reached = 0
    hidden_any = False
    for g in area.goals:
        percents = [min(t.percent, 100) for t in g.targets if t.percent is not None]
        hidden = suppressed is not None and any(
            t.comparable and t.percent is None for t in g.targets
        )
        hidden_any = hidden_any or hidden
        if not percents and not hidden:
            continue
        name = g.goal.title or g.goal.text
        labels.append(f"{g.goal.number} {_content(Truncator(name).words(8))}")
        planned.append(100)
        if percents:
            realised.append(round(sum(percents) / len(percents)))
            texts.append(None)
        else:
            realised.append(0)
            texts.append(suppressed)
        targets += len(percents)
        reached += sum(1 for p in percents if p >= 100)
    if not labels:
        return None
    title = gettext("Area %(roman)s: realised per goal, in %% of the plan") % {
        "roman": area.section.roman
    }
    description = ngettext(
        "%(goals)s goal with targets with a number; %(reached)s of %(targets)s reached.",
        "%(goals)s goals with targets with a number; %(reached)s of %(targets)s reached.",
        len(labels),
    ) % {"goals": len(labels), "reached": reached, "targets": targets}
    if hidden_any:
        description += " " + gettext(
            "Targets that count fewer than 5 people are left out of their goal's percentage."
        )
    return planned_vs_realised(
        title=title,
        description=description,
        labels=labels,
        planned=planned,
        realised=realised,
        planned_label=gettext("Planned, %"),
        realised_label=gettext("Realised, %"),
        label_header=gettext("Goal"),
        realised_text=texts if any(texts) else None,
    )


def municipalities_chart(result: Realisation) -> Chart:
    reached = {name: n for name, n in result.municipalities.items() if n}
    if reached:
        description = ngettext(
            "The held activities reached institutions in %(n)s municipality of 45.",
            "The held activities reached institutions in %(n)s municipalities of 45.",
            len(reached),
        ) % {"n": len(reached)}
        top = max(reached, key=lambda name: (reached[name], name))
        description += " " + gettext("The most: %(name)s, %(count)s.") % {
            "name": _content(top),
            "count": reached[top],
        }
    else:
        description = gettext("No held activity has reached an institution yet.")
    return municipality_map(
        title=gettext("Municipalities reached"),
        description=description,
        values=reached,
        label=_content,
        name_header=gettext("Municipality"),
        value_header=gettext("Held activities"),
    )


def cumulative_chart(result: Realisation, *, year: int, today=None) -> Chart | None:
    """The year's held activities month by month, running total, against the plan's: the
    targets whose plan is a number of held activities, each target's quantity spread
    evenly over its months. The realised line stops at the current month. None when no
    target plans a number of held activities."""
    planned = counting.running_total(result.planned_by_month)
    if not planned or not planned[-1]:
        return None
    today = today or timezone.localdate()
    last = 12 if today.year > year else (0 if today.year < year else today.month)
    held = counting.running_total(result.held_by_month)
    realised = [value if month <= last else None for month, value in enumerate(held, start=1)]
    periods = [date_format(dt.date(year, month, 1), "M") for month in range(1, 13)]
    done = held[last - 1] if last else 0
    due = round(planned[last - 1]) if last else 0
    description = ngettext(
        "Through %(month)s: %(done)s held activity against %(due)s planned by then "
        "(%(total)s in the year). The plan spreads each target over its months.",
        "Through %(month)s: %(done)s held activities against %(due)s planned by then "
        "(%(total)s in the year). The plan spreads each target over its months.",
        done,
    ) % {
        "month": date_format(dt.date(year, max(last, 1), 1), "F"),
        "done": done,
        "due": due,
        "total": round(planned[-1]),
    }
    return cumulative_line(
        title=gettext("The year month by month: held activities against the plan"),
        description=description,
        periods=periods,
        planned=[round(p, 1) for p in planned],
        realised=realised,
        planned_label=gettext("Planned"),
        realised_label=gettext("Held"),
        period_header=gettext("Month"),
    )
