from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("I Expert support")
    # The demo's working visits go first to the centres area III's figures put first.
    demo_order = 10

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_requests()
        self._ready_visits()
        self._ready_reports()

    def _ready_requests(self) -> None:
        """Support requests: the history names what was done; the adviser's dashboard
        lists their overdue and soon-due requests."""
        from pzss.core.extensions import (
            AreaLink,
            DashboardPanel,
            register_area_link,
            register_audit_actions,
            register_dashboard_panel,
        )
        from pzss.core.models import Area
        from support.request_selectors import deadlines_dashboard_panel

        register_area_link(
            AreaLink(
                area=Area.SUPPORT,
                url_name="support_public:form",
                label=_("Request for expert support"),
                description=_(
                    "Centres for social work and institutions ask the institute for expert "
                    "support in writing."
                ),
                order=0,
            )
        )

        register_audit_actions(
            {
                "support_request_create": _("Support request received"),
                "support_request_assign": _("Support request assigned"),
                "support_request_status": _("Status of the support request changed"),
                "support_request_reply": _("Reply to the requester"),
                "support_request_note": _("Internal note"),
                "support_request_requester_reply": _("The requester replied"),
                "support_request_deadline": _("Deadline of the support request changed"),
                "support_request_activity": _("Activity answering the request linked"),
            }
        )
        register_dashboard_panel(
            DashboardPanel(
                name="support-request-deadlines",
                template="support/requests/_dashboard.html",
                context=deadlines_dashboard_panel,
                order=20,
            )
        )

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

    def load_demo(self) -> str:
        """Area I's demo (`manage.py load_demo` asks every app): support requests in every
        state, this year's working visits with their samples and findings, their reports
        and recommendations, the standing groups' year, case conferences and the project."""
        from support.group_demo import load_groups_demo
        from support.report_demo import load_reports_demo
        from support.request_demo import load_requests_demo
        from support.visit_demo import load_visits_demo

        return "\n".join(
            [load_requests_demo(), load_visits_demo(), load_reports_demo(), load_groups_demo()]
        )
