from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Annual work programme")

    def ready(self) -> None:
        from programme.documents import is_public, render_programme
        from programme.exports import REALISATION_EXPORT, run_realisation_export
        from programme.models import Revision
        from programme.search import register as register_search
        from programme.selectors import programme_in_force
        from programme.services import published_programme_works
        from programme.sitemaps import ProgrammeProgressSitemap, ProgrammeSitemap
        from programme.views import approval_dashboard_panel
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
            register_programme_in_force,
            register_published_works,
        )
        from pzss.documents.registry import register_renderer
        from pzss.lib import public_cache
        from pzss.lib.jobs import register_job
        from pzss.lib.sitemaps import register_sitemap

        register_renderer("programme", Revision, render_programme, is_public=is_public)
        register_dashboard_panel(
            DashboardPanel(
                name="programme-approval",
                template="programme/_dashboard_approval.html",
                context=approval_dashboard_panel,
                order=10,
            )
        )
        register_published_works("programme", published_programme_works)
        register_job(
            REALISATION_EXPORT,
            run_realisation_export,
            label=_("Export of the programme's realisation"),
        )
        # An activity's history names what the programme's realisation did to it.
        register_audit_actions(
            {
                "programme_activity_outside": _("Marked as outside the work programme"),
                "programme_activity_outside_undo": _(
                    "No longer marked as outside the work programme"
                ),
                "programme_target_note": _("Note on a programme target"),
            }
        )
        register_programme_in_force(programme_in_force)
        register_sitemap("programme", ProgrammeSitemap)
        register_sitemap("programme-progress", ProgrammeProgressSitemap)
        register_search()
        public_cache.watch(self.label)

    def load_demo(self) -> str:
        """The current year's programme, made, published and realised as staff would
        (`manage.py load_demo` asks every app, in INSTALLED_APPS order, after the core
        has made the demo activities)."""
        from programme.demo import load_demo_programme

        return load_demo_programme()
