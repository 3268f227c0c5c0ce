from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("II Professional training")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_catalogue()
        self._ready_points()
        self._ready_survey()
        self._ready_practice()

    def _ready_catalogue(self) -> None:
        """The catalogue (h13): the history's words, the owner's dashboard panel of
        accreditations that end soon (and its beat task, imported so the worker knows
        it), the points a session's certificates state, and the public pages' map and
        their place on the area's public page."""
        from pzss.core.extensions import (
            AreaLink,
            DashboardPanel,
            register_area_link,
            register_audit_actions,
            register_certificate_terms,
            register_dashboard_panel,
        )
        from pzss.core.models import Area
        from pzss.lib.sitemaps import register_sitemap
        from training import catalogue_tasks  # noqa: F401 (registers the beat's tasks)
        from training.catalogue_services import session_certificate_rule
        from training.catalogue_sitemaps import CatalogueSitemap
        from training.catalogue_views import expiring_dashboard_panel

        register_audit_actions(
            {
                "programme_create": _("Training programme entered in the catalogue"),
                "programme_update": _("Training programme changed"),
                "programme_accreditation": _("Accreditation status of the programme changed"),
                "programme_publish": _("Training programme published in the catalogue"),
                "programme_unpublish": _("Training programme taken out of the catalogue"),
                "programme_expiry_warning": _("Owner warned that the accreditation ends soon"),
                "training_session_schedule": _("Training session scheduled"),
            }
        )
        register_dashboard_panel(
            DashboardPanel(
                name="training-expiring",
                template="training/catalogue/_dashboard_panel.html",
                context=expiring_dashboard_panel,
                order=35,
            )
        )
        register_certificate_terms("training-sessions", session_certificate_rule)
        register_sitemap("training-catalogue", CatalogueSitemap)
        register_area_link(
            AreaLink(
                area=Area.TRAINING,
                url_name="training_catalogue:list",
                label=_("Catalogue of trainings"),
                description=_(
                    "The accredited programmes of the institute and of its partners, and "
                    "their upcoming sessions with sign-up."
                ),
                order=0,
            )
        )

    def _ready_points(self) -> None:
        """Licence points per person: the transcript's PDF, the task that e-mails its
        link (defined in the services, imported here so the worker knows it) and the
        words of a person's history."""
        from pzss.core.extensions import AreaLink, register_area_link, register_audit_actions
        from pzss.core.models import Area, Person
        from pzss.documents.registry import register_renderer
        from training import points_services  # noqa: F401  (registers the e-mail task)
        from training.points_documents import render_transcript
        from training.points_selectors import TRANSCRIPT_DOCUMENT_KIND

        register_renderer(TRANSCRIPT_DOCUMENT_KIND, Person, render_transcript)
        register_area_link(
            AreaLink(
                area=Area.TRAINING,
                url_name="training_transcript:ask",
                label=_("Your transcript of professional training"),
                description=_(
                    "Your trainings and licence points by year, with a PDF: a personal link "
                    "by e-mail, no account needed."
                ),
                order=50,
            )
        )
        register_audit_actions(
            {
                "external_training_add": _("Training held elsewhere added"),
                "external_training_update": _("Training held elsewhere changed"),
                "external_training_delete": _("Training held elsewhere removed"),
                "transcript_request": _("Transcript link requested"),
            }
        )

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

    def _ready_practice(self) -> None:
        """Student practice and consultative help: the certificate of completed practice
        (PDF), a mentor's students on the staff dashboard, and the words of their
        history."""
        from pzss.core.extensions import (
            DashboardPanel,
            register_audit_actions,
            register_dashboard_panel,
        )
        from pzss.documents.registry import register_renderer
        from training.models import PracticeStudent
        from training.practice_documents import render_practice_certificate
        from training.practice_services import PRACTICE_CERTIFICATE
        from training.practice_views import practice_dashboard_panel

        register_renderer(PRACTICE_CERTIFICATE, PracticeStudent, render_practice_certificate)
        register_dashboard_panel(
            DashboardPanel(
                name="training-practice",
                template="training/practice/_dashboard_panel.html",
                context=practice_dashboard_panel,
                order=40,
            )
        )
        register_audit_actions(
            {
                "practice_agreement_create": _("Practice agreement entered"),
                "practice_agreement_update": _("Practice agreement edited"),
                "practice_student_add": _("Student taken into practice"),
                "practice_student_withdraw": _("Student left the practice"),
                "practice_student_complete": _("Practice completed"),
                "practice_hours_add": _("Practice hours logged"),
                "practice_hours_delete": _("Practice hours removed"),
                "practice_hours_confirm": _("Practice hours confirmed by the mentor"),
                "practice_certificate_issue": _("Certificate of completed practice issued"),
                "consultation_create": _("Consultation logged"),
                "consultation_update": _("Consultation edited"),
            }
        )

    def load_demo(self) -> str:
        """Area II's demo (`manage.py load_demo` asks every app): the catalogue with its
        sessions and certificates, trainings held elsewhere, the needs surveys (this
        year's open, last year's published), student practice and consultations."""
        from training.catalogue_demo import load_catalogue_demo
        from training.points_demo import load_points_demo
        from training.practice_demo import load_practice_demo
        from training.survey_demo import load_survey_demo

        return "\n".join(
            [load_catalogue_demo(), load_points_demo(), load_survey_demo(), load_practice_demo()]
        )
