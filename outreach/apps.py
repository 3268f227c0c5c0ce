from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("IV Information, promotion and support; the public site")

    def ready(self) -> None:
        from outreach.library import services as library
        from outreach.library.sitemaps import PublicationSitemap
        from pzss.core.extensions import on_work_published, register_audit_actions
        from pzss.lib import public_cache
        from pzss.lib.sitemaps import register_sitemap

        # A published work programme enters the library by itself.
        on_work_published("library", library.publication_from_work)
        register_sitemap("publications", PublicationSitemap)
        register_audit_actions(
            {
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

    def load_demo(self) -> str:
        """The library's demo: the institute's reports of 2021 (area III, goals 2.1–2.5),
        each with a small PDF, and the published programmes (the core's `load_demo`
        command asks every app)."""
        from outreach.library.demo import load_library_demo

        return load_library_demo()
