"""The realisation's charts, the staff page's and the public progress page's, from the
same figures as their tables (programme.selectors `realisation`, `public_progress`): per
area, how far each goal has come in % of its plan; the municipalities the programme's
held activities reached, on the tile map of Vojvodina. Drawn by pzss/lib/charts.py; the
words are the reader's, content in the reader's script."""

from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from programme.disclosure import SUPPRESSED
from programme.selectors import AreaRealisation, Realisation
from pzss.lib.charts import Chart, municipality_map, planned_vs_realised
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
