# The worker finds the library's tasks here (Celery's autodiscovery reads `<app>.tasks`).
from outreach.library.services import extract_publication_text

__all__ = ["extract_publication_text"]
