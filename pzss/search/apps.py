from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "pzss.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from pzss.search import indexing
        from pzss.search.text import install_sqlite_function

        connection_created.connect(install_sqlite_function, dispatch_uid="pzss-search-sqlite")
        # The apps that are searched register their sources in their own ready() (see
        # pzss.search.registry); the signals that keep the index fresh are connected once.
        indexing.connect_signals()

    def demo_loaded(self) -> str:
        """After every app's demo data (the core's `load_demo` command): the index holds
        all of it, whatever path wrote it."""
        from pzss.search.indexing import rebuild

        counts = rebuild()
        shown = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        return f"Search index: {sum(counts.values())} entries ({shown})."
