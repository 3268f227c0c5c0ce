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
        self._ready_studies()

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
