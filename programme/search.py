"""What the public search finds of the work programme: the published revision of each
year — its introduction and closing text, each area's text and each goal with its
targets, every one an entry of its own that links to its place in the programme.

Only a revision's save changes these: a published revision is frozen (its sections,
goals and targets are edited only in a draft), and it leaves the index when it is
superseded or deleted."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programme.models import Revision, RevisionStatus
from programme.selectors import tree_prefetch
from pzss.search.registry import Entry, register_search_source


def _targets_text(targets) -> str:
    return "\n".join(t.description for t in targets)


def revision_entries(revision: Revision):
    url = reverse("programme:detail", kwargs={"year": revision.programme.year})
    date = revision.doc_date
    yield Entry(
        key=f"{revision.pk}",
        title=revision.title,
        text="\n\n".join(p for p in [revision.introduction, revision.closing] if p),
        url=url,
        date=date,
    )
    for section in revision.sections.all():
        yield Entry(
            key=f"{revision.pk}:{section.anchor}",
            title=f"{section.roman}. {section.title} ({revision.programme.year})",
            text="\n\n".join(
                p for p in [section.text, _targets_text(section.area_targets.all())] if p
            ),
            url=f"{url}#{section.anchor}",
            date=date,
        )
        for goal in section.goals.all():
            heading = goal.title or Truncator(goal.text).words(12)
            yield Entry(
                key=f"{revision.pk}:{goal.anchor}",
                title=f"{goal.number} {heading} ({revision.programme.year})",
                text="\n\n".join(p for p in [goal.text, _targets_text(goal.targets.all())] if p),
                url=f"{url}#{goal.anchor}",
                date=date,
            )


def register() -> None:
    register_search_source(
        "programme",
        label=_("Work programme"),
        item_label=pgettext_lazy("search result", "Work programme"),
        order=40,
        models={Revision: lambda revision: revision.pk},
        queryset=lambda: (
            Revision.objects.filter(status=RevisionStatus.PUBLISHED)
            .select_related("programme")
            .prefetch_related(tree_prefetch(staff=False))
        ),
        entries=revision_entries,
    )
