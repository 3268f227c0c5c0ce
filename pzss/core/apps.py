from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pzss.core"
    label = "core"
    verbose_name = _("Core: institutions, people, activities")

    def ready(self) -> None:
        from pzss.core.exports import ACTIVITY_EXPORT, run_activity_export
        from pzss.lib import public_cache
        from pzss.lib.jobs import register_job

        public_cache.connect_signals()
        # No public page shows the audit trail or a person of the directory (participants
        # are never public): a sign-up's new person refreshes nothing.
        public_cache.watch(self.label, ignore=["core.auditentry", "core.person"])
        register_job(ACTIVITY_EXPORT, run_activity_export, label=_("Export of activities"))
