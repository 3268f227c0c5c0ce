from django.urls import reverse

from pzss.core.models import Municipality
from pzss.lib.sitemaps import PublicSitemap
from research.mapping_selectors import municipality_slug, public_mapping


class ServiceMappingSitemap(PublicSitemap):
    """The published service mapping and the page of each municipality; nothing while no
    round is published (the pages would say only that)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        if public_mapping() is None:
            return []
        slugs = [municipality_slug(m) for m in Municipality.objects.order_by("name")]
        return ["", *slugs]

    def location(self, item: str) -> str:
        if not item:
            return reverse("research_public:services")
        return reverse("research_public:municipality", kwargs={"slug": item})
