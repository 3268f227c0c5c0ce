from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("I Expert support")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_requests()

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
