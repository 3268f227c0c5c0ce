"""WeasyPrint reads only the portal's own static and media files: never file://, never
the network, whatever HTML a user managed to put into a document."""

import http.server
import threading

import pytest

from pzss.lib.pdf import PDF_BASE_URL, _local_path, html_to_pdf


@pytest.fixture
def http_server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_file_urls_are_never_read(tmp_path, monkeypatch):
    opened = []
    import urllib.request

    real = urllib.request.OpenerDirector.open
    monkeypatch.setattr(
        urllib.request.OpenerDirector,
        "open",
        lambda self, *a, **k: opened.append(a) or real(self, *a, **k),
    )
    html = '<p>Текст</p><img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">'
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert opened == []
    assert b"root:" not in pdf


def test_network_urls_are_never_fetched(http_server):
    base, hits = http_server
    html = f'<p>Текст</p><img src="{base}/tracker.png"><link rel="stylesheet" href="{base}/x.css">'
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert hits == []


def test_only_static_and_media_paths_resolve(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "x.pdf").write_bytes(b"%PDF")
    assert _local_path(PDF_BASE_URL + "static/css/portal.css") is not None
    assert _local_path(PDF_BASE_URL + "media/documents/x.pdf") == tmp_path / "documents" / "x.pdf"
    assert _local_path(PDF_BASE_URL + "media/../../etc/passwd") is None
    assert _local_path(PDF_BASE_URL + "static/../../../etc/passwd") is None
    assert _local_path("file:///etc/passwd") is None
    assert _local_path("http://example.org/static/css/portal.css") is None
    assert _local_path(PDF_BASE_URL + "etc/passwd") is None
