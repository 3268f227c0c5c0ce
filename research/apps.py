from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("III Research and analysis")

    def ready(self) -> None:
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
        )
        from pzss.lib import public_cache
        from research.submission_selectors import review_dashboard_panel

        public_cache.watch(self.label)
        # Submissions: the history names what the workflow did; the dashboard says what
        # waits for review.
        register_audit_actions(
            {
                "submission_save_draft": _("Figures saved as a draft"),
                "submission_submit": _("Figures submitted"),
                "submission_return": _("Figures returned for correction"),
                "submission_accept": _("Figures accepted"),
                "submission_correct": _("Correction of accepted figures opened"),
            }
        )
        register_dashboard_panel(
            DashboardPanel(
                name="research-review",
                template="research/review/_dashboard.html",
                context=review_dashboard_panel,
                order=30,
            )
        )

    def load_demo(self) -> str:
        """The «Аурора» and annual forms with a year of the centres' submissions, and a
        demo centre login (`manage.py load_demo` asks every app)."""
        from research.demo import load_research_demo

        return load_research_demo()

    def demo_logins(self) -> list[tuple[str, str, str]]:
        """The demo centre's login, printed with the demo's others."""
        from research.demo import DEMO_CENTRE_LOGIN

        username, password, _municipality = DEMO_CENTRE_LOGIN
        return [(username, password, "institution")]
