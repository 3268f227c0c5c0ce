from pzss.lib.sitemaps import PublicSitemap
from training.models import TrainingProgramme


class CatalogueSitemap(PublicSitemap):
    """The published programmes' public pages (a programme in preparation that is not
    in the catalogue is never on the map)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return TrainingProgramme.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
