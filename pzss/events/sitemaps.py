from django.urls import reverse

from pzss.events.selectors import public_upcoming_activities
from pzss.lib.sitemaps import PublicSitemap


class EventSitemap(PublicSitemap):
    """The upcoming public events: a past one drops out of the map."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return public_upcoming_activities()

    def location(self, item):
        return reverse("events:event", kwargs={"pk": item.pk})

    def lastmod(self, item):
        return item.updated_at
