from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "pzss.events"
    label = "events"
    verbose_name = _("Event sign-up")

    def ready(self) -> None:
        # Imports here, not at the top: models and views load only once apps are ready.
        from pzss.core.extensions import (
            ActivityPanel,
            on_activity_change,
            register_activity_panel,
            register_audit_actions,
        )
        from pzss.core.models import Activity
        from pzss.documents.registry import register_renderer
        from pzss.events import documents, jobs
        from pzss.events.exports import REGISTRATIONS_EXPORT, run_registrations_export
        from pzss.events.models import Certificate
        from pzss.events.search import register as register_search
        from pzss.events.selectors import registration_seat_topics
        from pzss.events.services.waitlist import seats_after_activity_change
        from pzss.events.sitemaps import EventSitemap
        from pzss.events.views.participants import participants_panel
        from pzss.lib import public_cache
        from pzss.lib.jobs import register_job
        from pzss.lib.sitemaps import register_sitemap

        register_renderer(documents.CERTIFICATE, Certificate, documents.render_certificate)
        register_renderer(documents.SIGNIN_SHEET, Activity, documents.render_signin_sheet)
        register_job(
            jobs.IMPORT_PREVIEW,
            jobs.run_import_preview,
            label=_("Import of participants: the preview"),
            result_template="events/staff/_import_preview.html",
        )
        register_job(
            jobs.IMPORT,
            jobs.run_import,
            label=_("Import of participants"),
            atomic=True,
            result_template="events/staff/_import_done.html",
        )
        register_job(
            REGISTRATIONS_EXPORT, run_registrations_export, label=_("Export of registrations")
        )
        register_activity_panel(
            ActivityPanel(
                name="participants",
                template="events/staff/_activity_panel.html",
                context=participants_panel,
                order=10,
            )
        )
        on_activity_change("event-seats", seats_after_activity_change)
        register_audit_actions(
            {
                "participant_add": _("Participant added"),
                "participant_remove": _("Participant removed"),
                "participant_import": _("Participant imported"),
                "participants_import": _("Participant list imported"),
                "registrations_message": _("Message sent to the participants"),
                "certificates_issue": _("Certificates issued"),
                "certificates_email": _("Certificates sent by e-mail"),
                "activity_seats": _("Seats changed"),
                "signup_configure": _("Sign-up settings changed"),
            }
        )
        register_sitemap("events", EventSitemap)
        register_search()
        public_cache.watch(self.label)
        # A registration (the core's row) changes only the seats left that the event list
        # and its event's page show: a sign-up refreshes those two, not every public page.
        public_cache.narrow("core.registration", registration_seat_topics)

    def load_demo(self) -> str:
        """The demo's open sign-ups (the core's `load_demo` command asks every app)."""
        from pzss.events.demo import open_demo_signups

        return f"Demo events open for sign-up: {open_demo_signups()}"
