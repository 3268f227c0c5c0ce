from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "pzss.documents"
    label = "documents"
    verbose_name = _("Rendered documents")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
