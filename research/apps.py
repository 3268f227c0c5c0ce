from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("III Research and analysis")

    def ready(self) -> None:
        from pzss.core.extensions import register_audit_actions
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        # The form builder's changes, as a data set's history names them.
        register_audit_actions(
            {
                "data_set_create": _("Data set created"),
                "data_set_update": _("Data set changed"),
                "form_draft_start": _("New draft of the form started"),
                "form_field_add": _("Field added to the form"),
                "form_field_update": _("Field of the form changed"),
                "form_field_delete": _("Field deleted from the form"),
                "form_field_move": _("Field of the form moved"),
                "form_rule_add": _("Rule added to the form"),
                "form_rule_delete": _("Rule deleted from the form"),
                "form_publish": _("Form version published"),
            }
        )
        self._ready_completeness()

    def _ready_completeness(self) -> None:
        """The staff dashboard's panel on the institutions' reports (h2)."""
        from pzss.core.extensions import DashboardPanel, register_dashboard_panel
        from research.completeness_views import completeness_dashboard_panel

        register_dashboard_panel(
            DashboardPanel(
                name="research-completeness",
                template="research/completeness/_dashboard_panel.html",
                context=completeness_dashboard_panel,
                order=30,
            )
        )
