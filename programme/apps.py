from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Annual work programme")

    def ready(self) -> None:
        from programme.documents import (
            is_programme_document_public,
            is_public,
            is_report_document_public,
            is_report_public,
            render_programme,
            render_realisation_report,
        )
        from programme.exports import REALISATION_EXPORT, run_realisation_export
        from programme.models import RealisationReport, Revision
        from programme.report_exports import REPORT_XLSX, run_report_xlsx
        from programme.search import register as register_search
        from programme.selectors import programme_in_force
        from programme.services import (
            REPORT_DOCUMENT_KIND,
            activity_realise_goal,
            published_programme_works,
            published_report_works,
        )
        from programme.sitemaps import ProgrammeProgressSitemap, ProgrammeSitemap
        from programme.views import approval_dashboard_panel
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
            register_programme_in_force,
            register_published_works,
            register_realisation_linker,
        )
        from pzss.documents.registry import register_renderer
        from pzss.lib import public_cache
        from pzss.lib.jobs import register_job
        from pzss.lib.sitemaps import register_sitemap

        register_renderer(
            "programme",
            Revision,
            render_programme,
            is_public=is_public,
            is_public_document=is_programme_document_public,
        )
        register_renderer(
            REPORT_DOCUMENT_KIND,
            RealisationReport,
            render_realisation_report,
            is_public=is_report_public,
            is_public_document=is_report_document_public,
        )
        register_job(
            REPORT_XLSX, run_report_xlsx, label=_("Annex to the realisation report (XLSX)")
        )
        register_dashboard_panel(
            DashboardPanel(
                name="programme-approval",
                template="programme/_dashboard_approval.html",
                context=approval_dashboard_panel,
                order=10,
            )
        )
        register_published_works("programme", published_programme_works)
        register_published_works("realisation_report", published_report_works)
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
        register_realisation_linker(activity_realise_goal)
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
