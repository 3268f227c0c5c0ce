from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("III Research and analysis")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
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
