from django.contrib.sitemaps import Sitemap

from outreach.areas import AREA_PAGES, AreaPage


class AreaSitemap(Sitemap):
    """The pages of the four areas of work (their lists change as news and events do)."""

    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[AreaPage]:
        return list(AREA_PAGES)
