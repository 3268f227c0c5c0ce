from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("II Professional training")

    def ready(self) -> None:
        from pzss.lib import public_cache

        public_cache.watch(self.label)
        self._ready_points()

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
