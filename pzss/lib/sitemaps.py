"""The sections of /sitemap.xml: each app that has public pages registers its Sitemap in
its AppConfig.ready(), so the project's URLs name no app's pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

# The dict the sitemap view reads (by reference: what is registered later is in it too).
SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {}


def register_sitemap(name: str, sitemap: type[Sitemap] | Sitemap) -> None:
    SITEMAPS[name] = sitemap


class PublicSitemap(Sitemap):
    """A section of the map whose addresses are on SITE_URL, the portal's public address,
    never the request's Host: the map is cached by its path like the other public pages,
    so one rendered for an internal host name would be served to everyone (the canonical
    links of the pages say SITE_URL too, pzss/lib/discovery.py)."""

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"
