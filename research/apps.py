from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("III Research and analysis")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
