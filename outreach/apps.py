from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("IV Information, promotion and support; the public site")

    def ready(self) -> None:
        # Imports here, not at the top: models and views load only once apps are ready.
        from outreach.views import campaign_panel, media_panel, news_panel
        from pzss.core.extensions import (
            ActivityPanel,
            register_activity_panel,
            register_audit_actions,
        )
        from pzss.lib import public_cache

        register_activity_panel(
            ActivityPanel(
                name="outreach-media",
                template="outreach/staff/_media_panel.html",
                context=media_panel,
                order=20,
            )
        )
        register_activity_panel(
            ActivityPanel(
                name="outreach-campaign",
                template="outreach/staff/_campaign_panel.html",
                context=campaign_panel,
                order=21,
            )
        )
        register_activity_panel(
            ActivityPanel(
                name="outreach-news",
                template="outreach/staff/_news_panel.html",
                context=news_panel,
                order=30,
            )
        )
        register_audit_actions(
            {
                "news_create": _("News item created"),
                "news_update": _("News item changed"),
                "news_publish": _("News item published"),
                "news_unpublish": _("News item unpublished"),
                "media_appearance_save": _("Media appearance recorded"),
                "information_campaign_save": _("Information campaign recorded"),
            }
        )
        public_cache.watch(self.label)

    def load_demo(self) -> str:
        """The news of the institute's own news page, and the media appearances of the
        demo activities (the core's `load_demo` command asks every app)."""
        from outreach.demo import load_demo_news

        news, appearances = load_demo_news()
        return f"Demo news items: {news}; media appearances: {appearances}"
