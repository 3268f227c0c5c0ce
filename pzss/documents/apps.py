from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "pzss.documents"
    label = "documents"
    verbose_name = _("Rendered documents")

    def ready(self) -> None:
        from pzss.documents.jobs import job_request
        from pzss.lib import jobs, public_cache

        # A job is no public page's content: its saves leave the public pages cached.
        public_cache.watch(self.label, ignore=["documents.job"])
        # Apps below this one (the core) queue their jobs through pzss.lib.jobs.
        jobs.install_queue(job_request)
