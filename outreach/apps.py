from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("IV Information, promotion and support; the public site")

    def ready(self) -> None:
        # Imports here, not at the top: models and views load only once apps are ready.
        from outreach.library import services as library
        from outreach.library.sitemaps import PublicationSitemap
        from outreach.search import register as register_search
        from outreach.sitemaps import AreaSitemap, NewsSitemap
        from outreach.views import campaign_panel, media_panel, news_panel
        from pzss.core.extensions import (
            ActivityPanel,
            on_work_published,
            register_activity_panel,
            register_audit_actions,
        )
        from pzss.lib import public_cache
        from pzss.lib.sitemaps import register_sitemap

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
        # A published work programme enters the library by itself.
        on_work_published("library", library.publication_from_work)
        register_sitemap("publications", PublicationSitemap)
        register_sitemap("news", NewsSitemap)
        register_sitemap("areas", AreaSitemap)
        register_audit_actions(
            {
                "news_create": _("News item created"),
                "news_update": _("News item changed"),
                "news_publish": _("News item published"),
                "news_unpublish": _("News item unpublished"),
                "media_appearance_save": _("Media appearance recorded"),
                "information_campaign_save": _("Information campaign recorded"),
                "publication_create": _("Publication created"),
                "publication_update": _("Publication changed"),
                "publication_publish": _("Publication published"),
                "publication_withdraw": _("Publication withdrawn"),
                "publication_file_add": _("Publication file added"),
                "publication_file_delete": _("Publication file removed"),
                "publication_from_work": _("Published work entered in the library"),
                "publication_from_work_update": _("Library entry of a published work updated"),
            }
        )
        public_cache.watch(self.label)
        register_search()

    def load_demo(self) -> str:
        """The news of the institute's own news page and the media appearances of the demo
        activities; the library's demo: the institute's reports of 2021 (area III, goals
        2.1–2.5), each with a small PDF, and the published programmes (the core's
        `load_demo` command asks every app)."""
        from outreach.demo import load_demo_news
        from outreach.library.demo import load_library_demo

        news, appearances = load_demo_news()
        library = load_library_demo()
        return f"Demo news items: {news}; media appearances: {appearances}. {library}"

    def build_ten_years(self, rng) -> str:
        """Ten years of news and publications for the benchmarks (build_ten_years)."""
        from outreach.tenyears import build

        return build(rng)
