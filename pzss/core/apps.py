from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pzss.core"
    label = "core"
    verbose_name = _("Core: institutions, people, activities")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.connect_signals()
        # No public page shows the audit trail or a person of the directory (participants
        # are never public): a sign-up's new person refreshes nothing.
        public_cache.watch(self.label, ignore=["core.auditentry", "core.person"])
