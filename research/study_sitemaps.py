from pzss.lib.sitemaps import PublicSitemap
from research.models import Study


class StudySitemap(PublicSitemap):
    """The published studies' public pages (a draft is never on the map)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Study.objects.published().only("slug", "updated_at").order_by("pk")

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at
