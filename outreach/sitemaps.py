from django.urls import reverse

from outreach.areas import AREA_PAGES, AreaPage
from outreach.models import NewsItem
from pzss.lib.sitemaps import PublicSitemap


class AreaSitemap(PublicSitemap):
    """The pages of the four areas of work (their lists change as news and events do)."""

    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[AreaPage]:
        return list(AREA_PAGES)


class NewsSitemap(PublicSitemap):
    """The published news items whose time has come (a scheduled one joins at its time:
    the map is cached for minutes, not until the next save)."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return NewsItem.objects.published().only("year", "slug", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return reverse("outreach:news_detail", kwargs={"year": item.year, "slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
