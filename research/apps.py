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
        self._ready_mapping()
        self._ready_submissions()

    def _ready_submissions(self) -> None:
        """Submissions: the history names what the workflow did; the dashboard says what
        waits for review."""
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
        )
        from research.submission_selectors import review_dashboard_panel

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

    def _ready_mapping(self) -> None:
        """The service mapping (III 4.3): its import jobs, audit labels and public pages."""
        from pzss.core.extensions import register_audit_actions
        from pzss.lib.jobs import register_job
        from pzss.lib.sitemaps import register_sitemap
        from research import mapping_jobs
        from research.mapping_sitemaps import ServiceMappingSitemap

        register_job(
            mapping_jobs.IMPORT_PREVIEW,
            mapping_jobs.run_import_preview,
            label=_("Import of a service mapping: the preview"),
            result_template="research/mapping/_import_preview.html",
        )
        register_job(
            mapping_jobs.IMPORT,
            mapping_jobs.run_import,
            label=_("Import of a service mapping"),
            atomic=True,
            result_template="research/mapping/_import_done.html",
        )
        register_audit_actions(
            {
                "service_mapping_create": _("Service mapping created"),
                "service_mapping_publish": _("Service mapping published"),
                "service_mapping_unpublish": _("Service mapping returned to a draft"),
                "service_mapping_import": _("Service mapping imported from XLSX"),
                "local_service_create": _("Local service added"),
                "local_service_update": _("Local service changed"),
                "local_service_delete": _("Local service deleted"),
            }
        )
        register_sitemap("research-services", ServiceMappingSitemap)

    def load_demo(self) -> str:
        """The «Аурора» and annual forms with half a year of the centres' submissions, and
        a demo centre login (`manage.py load_demo` asks every app)."""
        from research.demo import load_research_demo

        return load_research_demo()

    def demo_logins(self) -> list[tuple[str, str, str]]:
        """The demo centre's login, printed with the demo's others."""
        from research.demo import DEMO_CENTRE_LOGIN

        username, password, _municipality = DEMO_CENTRE_LOGIN
        return [(username, password, "institution")]
