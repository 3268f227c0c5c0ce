from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("I Expert support")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_visits()

    def _ready_visits(self) -> None:
        """The working visits' actions, as the change history names them."""
        from pzss.core.extensions import register_audit_actions

        register_audit_actions(
            {
                "working_visit_plan": _("Working visit planned"),
                "working_visit_update": _("Plan of the working visit changed"),
                "sample_frame_save": _("Frame of case files saved"),
                "sample_draw": _("Sample of case files drawn"),
                "case_file_review_save": _("Findings for a case file saved"),
            }
        )
