"""Rendering HTML to PDF with WeasyPrint, reading only the portal's own files.

WeasyPrint's URL fetcher is replaced: it serves files from the portal's static and
media folders and refuses everything else (no `file://`, no network), so text a user
typed can never make a render read the server's files or call out.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils._os import safe_join

# Documents are rendered against this base, so relative and /static/ links resolve to it.
PDF_BASE_URL = "https://pzss.internal/"
_HOST = "pzss.internal"


def _local_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != _HOST:
        return None
    path = unquote(parts.path)
    if path.startswith(settings.STATIC_URL):
        try:
            found = finders.find(path[len(settings.STATIC_URL) :])
        except Exception:  # SuspiciousFileOperation for paths that climb out
            return None
        if found:
            return Path(found)
        try:
            candidate = Path(safe_join(settings.STATIC_ROOT, path[len(settings.STATIC_URL) :]))
        except Exception:
            return None
        return candidate if candidate.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        try:
            candidate = Path(safe_join(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL) :]))
        except Exception:
            return None
        return candidate if candidate.is_file() else None
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PortalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            local = _local_path(url)
            if local is None:
                raise ValueError(f"Refused to fetch {url!r}: only the portal's own files are read")
            mime = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=local.read_bytes(), headers={"Content-Type": mime})

    return PortalURLFetcher


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from weasyprint import HTML

    fetcher = _fetcher_class()(allowed_protocols=["https", "http", "data"])
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render()
    return document.write_pdf(), len(document.pages)


def html_to_pdf(html: str) -> bytes:
    return render_pdf(html)[0]


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF, also when its objects sit in compressed object streams."""
    import re
    import zlib

    pattern = re.compile(rb"/Type\s*/Page(?![s\w])")
    count = len(pattern.findall(pdf))
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            count += len(pattern.findall(zlib.decompress(match.group(1))))
        except zlib.error:
            continue
    return count
