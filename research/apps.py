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
        self._ready_completeness()
        self._register_reports()
        self._ready_studies()
        self._ready_submissions()
        self._ready_public_links()
        self._ready_visit_figures()

    def _ready_visit_figures(self) -> None:
        """The centres' accepted annual figures, for area I's priority of working visits."""
        from pzss.core.extensions import register_institution_figures
        from research.visit_figures import csw_annual_figures

        register_institution_figures(csw_annual_figures)

    def _ready_public_links(self) -> None:
        """Area III's public pages, listed on the area's public page."""
        from pzss.core.extensions import AreaLink, register_area_link
        from pzss.core.models import Area

        for order, (url_name, label, description) in enumerate(
            [
                (
                    "statistics:list",
                    _("Statistical reports"),
                    _("The monthly statistics on domestic violence and the consolidated reports."),
                ),
                (
                    "research_public:services",
                    _("Mapping of local services"),
                    _("The local social services of each municipality, on the map."),
                ),
                (
                    "research_studies:list",
                    _("Studies"),
                    _("The institute's research and its published results."),
                ),
            ]
        ):
            register_area_link(
                AreaLink(
                    area=Area.RESEARCH,
                    url_name=url_name,
                    label=label,
                    description=description,
                    order=order,
                )
            )

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

    def _register_reports(self) -> None:
        """The statistical reports: their PDF, their spreadsheet job, their place in the
        public library, and the words of their history."""
        from pzss.core.extensions import register_audit_actions, register_published_works
        from pzss.documents.registry import register_renderer
        from pzss.lib.jobs import register_job
        from research.models import StatisticalReport
        from research.report_documents import (
            is_report_document_public,
            is_report_public,
            render_statistical_report,
        )
        from research.report_exports import run_report_xlsx
        from research.report_services import DOCUMENT_KIND, REPORT_XLSX, published_works

        register_renderer(
            DOCUMENT_KIND,
            StatisticalReport,
            render_statistical_report,
            is_public=is_report_public,
            is_public_document=is_report_document_public,
        )
        register_job(
            REPORT_XLSX, run_report_xlsx, label=_("Figures of a statistical report (XLSX)")
        )
        register_published_works("statistical_report", published_works)
        register_audit_actions(
            {
                "statistical_report_create": _("Statistical report started"),
                "statistical_report_update": _("Statistical report's texts changed"),
                "statistical_report_publish": _("Statistical report published"),
            }
        )

    def _ready_studies(self) -> None:
        """The research register (III 4.1, 4.2): the summary PDF of a published output,
        the library's catch-up, the public pages' map, the activity and dashboard
        panels and the change history's words."""
        from pzss.core.extensions import (
            ActivityPanel,
            DashboardPanel,
            register_activity_panel,
            register_audit_actions,
            register_dashboard_panel,
            register_published_works,
        )
        from pzss.documents.registry import register_renderer
        from pzss.lib.sitemaps import register_sitemap
        from research.models import StudyOutput
        from research.study_documents import (
            is_output_document_public,
            is_output_public,
            render_study_output,
        )
        from research.study_services import OUTPUT_DOCUMENT_KIND, published_output_works
        from research.study_sitemaps import StudySitemap
        from research.study_views import studies_dashboard_panel, study_activity_panel

        register_renderer(
            OUTPUT_DOCUMENT_KIND,
            StudyOutput,
            render_study_output,
            is_public=is_output_public,
            is_public_document=is_output_document_public,
        )
        register_published_works("study_output", published_output_works)
        register_sitemap("studies", StudySitemap)
        register_activity_panel(
            ActivityPanel(
                name="research-study",
                template="research/studies/_activity_panel.html",
                context=study_activity_panel,
                order=15,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                name="research-studies",
                template="research/studies/_dashboard_panel.html",
                context=studies_dashboard_panel,
                order=40,
            )
        )
        register_audit_actions(
            {
                "study_create": _("Study entered in the register"),
                "study_update": _("Study changed"),
                "study_start": _("Study started"),
                "study_complete": _("Study completed"),
                "study_reopen": _("Study reopened"),
                "study_cancel": _("Study cancelled"),
                "study_publish": _("Study published"),
                "study_output_add": _("Study output added"),
                "study_output_delete": _("Study output removed"),
                "study_output_publish": _("Study output published"),
                "study_activity_add": _("Activity of the study planned"),
            }
        )

    def load_demo(self) -> str:
        """Area III's demo (`manage.py load_demo` asks every app): the «Аурора» and annual
        forms with the centres' submissions and a demo centre login; the statistical
        reports made of those figures; the service mapping; the studies."""
        from research.demo import load_research_demo
        from research.mapping_demo import load_mapping_demo
        from research.report_demo import load_reports_demo
        from research.study_demo import load_studies_demo

        return "\n".join(
            [load_research_demo(), load_reports_demo(), load_mapping_demo(), load_studies_demo()]
        )

    def demo_logins(self) -> list[tuple[str, str, str]]:
        """The demo centre's login, printed with the demo's others."""
        from research.demo import DEMO_CENTRE_LOGIN

        username, password, _municipality = DEMO_CENTRE_LOGIN
        return [(username, password, "institution")]
