from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("I Expert support")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
