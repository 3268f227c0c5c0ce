from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("II Professional training")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_survey()

    def _ready_survey(self) -> None:
        """The needs survey (issue 13, part 3): its report's PDF, its answers' XLSX job,
        its place in the public library, and the words of its history."""
        from pzss.core.extensions import (
            AreaLink,
            register_area_link,
            register_audit_actions,
            register_published_works,
        )
        from pzss.core.models import Area
        from pzss.documents.registry import register_renderer
        from pzss.lib.jobs import register_job
        from training.models import NeedsSurvey
        from training.survey_documents import (
            is_survey_document_public,
            is_survey_public,
            render_survey_report,
        )
        from training.survey_exports import run_survey_xlsx
        from training.survey_services import DOCUMENT_KIND, SURVEY_XLSX, published_works

        register_renderer(
            DOCUMENT_KIND,
            NeedsSurvey,
            render_survey_report,
            is_public=is_survey_public,
            is_public_document=is_survey_document_public,
        )
        register_job(SURVEY_XLSX, run_survey_xlsx, label=_("Answers of a needs survey (XLSX)"))
        register_published_works("needs_survey_report", published_works)
        register_area_link(
            AreaLink(
                area=Area.TRAINING,
                url_name="training_surveys:list",
                label=_("Surveys of training needs"),
                description=_(
                    "What the institutions said they need, and the recommendations to the founders."
                ),
                order=20,
            )
        )
        register_audit_actions(
            {
                "needs_survey_create": _("Needs survey started"),
                "needs_survey_update": _("Needs survey changed"),
                "needs_survey_open": _("Needs survey opened for answers"),
                "needs_survey_close": _("Needs survey closed"),
                "needs_survey_publish": _("Needs survey published"),
                "survey_question_add": _("Question added to the survey"),
                "survey_question_update": _("Question of the survey changed"),
                "survey_question_delete": _("Question deleted from the survey"),
                "survey_question_move": _("Question of the survey moved"),
                "survey_invitations_add": _("Institutions invited to the survey"),
                "survey_invitation_update": _("Invitation's contact changed"),
                "survey_invitation_remove": _("Invitation removed"),
                "survey_invitation_resend": _("Invitation sent again"),
                "survey_answers_save": _("Survey answers saved as a draft"),
                "survey_answers_submit": _("Survey answers submitted"),
            }
        )
