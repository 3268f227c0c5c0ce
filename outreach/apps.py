from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("IV Information, promotion and support; the public site")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
