"""What the public search finds of the events: every public activity (upcoming or past,
as its public page shows it) by its title, description and place."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity
from pzss.search.registry import Entry, register_search_source


def event_entries(activity: Activity):
    place = ", ".join(
        p
        for p in [activity.place, activity.municipality.name if activity.municipality else ""]
        if p
    )
    yield Entry(
        key=str(activity.pk),
        title=activity.title,
        text="\n\n".join(p for p in [activity.description, place] if p),
        url=reverse("events:event", kwargs={"pk": activity.pk}),
        date=activity.start_date,
    )


def register() -> None:
    register_search_source(
        "event",
        label=_("Events"),
        item_label=_("Event"),
        order=30,
        models={Activity: lambda activity: activity.pk},
        queryset=lambda: Activity.objects.public().select_related("municipality"),
        entries=event_entries,
    )
