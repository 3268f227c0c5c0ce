from django.contrib.sitemaps import Sitemap

from outreach.library.selectors import public_publications


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return public_publications().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
