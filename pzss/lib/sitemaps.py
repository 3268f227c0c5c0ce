"""The sections of /sitemap.xml: each app that has public pages registers its Sitemap in
its AppConfig.ready(), so the project's URLs name no app's pages."""

from django.contrib.sitemaps import Sitemap

# The dict the sitemap view reads (by reference: what is registered later is in it too).
SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {}


def register_sitemap(name: str, sitemap: type[Sitemap] | Sitemap) -> None:
    SITEMAPS[name] = sitemap
