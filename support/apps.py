from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("I Expert support")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_reports()

    def _ready_reports(self) -> None:
        """The visit reports (issue 14, part 2): their PDF, the lead's overdue
        recommendations on the dashboard, the words of their history and the tasks."""
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
        )
        from pzss.documents.registry import register_renderer
        from support import report_services  # noqa: F401 (registers the tasks)
        from support.models import VisitReport
        from support.report_documents import render_visit_report
        from support.report_selectors import overdue_dashboard_panel

        register_renderer(report_services.DOCUMENT_KIND, VisitReport, render_visit_report)
        register_dashboard_panel(
            DashboardPanel(
                name="support-overdue-recommendations",
                template="support/visits/_dashboard_panel.html",
                context=overdue_dashboard_panel,
                order=35,
            )
        )
        register_audit_actions(
            {
                "visit_report_create": _("Visit report started"),
                "visit_report_update": _("Visit report's texts changed"),
                "visit_report_issue": _("Visit report issued"),
                "visit_report_correction": _("Correction of the visit report noted"),
                "visit_report_close": _("Follow-up of the visit report closed"),
                "visit_follow_up_send": _("Follow-up link sent to the institution"),
                "visit_recommendation_add": _("Recommendation added"),
                "visit_recommendation_update": _("Recommendation changed"),
                "visit_recommendation_delete": _("Recommendation removed"),
                "visit_recommendation_answer": _("Institution answered on a recommendation"),
                "visit_recommendation_confirm": _("Recommendation's state confirmed"),
                "visit_recommendation_reopen": _("Recommendation reopened"),
            }
        )
