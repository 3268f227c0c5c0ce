from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("II Professional training")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_practice()

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
