from django.urls import reverse

from programme.models import Programme, RevisionStatus
from pzss.lib.sitemaps import PublicSitemap


class ProgrammeSitemap(PublicSitemap):
    """The published work programmes (a draft year is not public)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Programme.objects.filter(revisions__status=RevisionStatus.PUBLISHED)
            .distinct()
            .order_by("-year")
        )

    def location(self, item):
        return reverse("programme:detail", kwargs={"year": item.year})


class ProgrammeProgressSitemap(ProgrammeSitemap):
    """The published programmes' progress pages (planned against realised): they change
    as the year's activities are held."""

    changefreq = "weekly"
    priority = 0.6

    def location(self, item):
        return reverse("programme:progress", kwargs={"year": item.year})
