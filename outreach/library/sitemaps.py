from outreach.library.selectors import public_publications
from pzss.lib.sitemaps import PublicSitemap


class PublicationSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return public_publications().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
