from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("II Professional training")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
