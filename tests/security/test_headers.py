"""Content-Security-Policy and friends on every page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csp_forbids_inline_script_and_style(client):
    response = client.get(reverse("outreach:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp


# A script that runs: with no src, and not a data block. JSON-LD
# (<script type="application/ld+json">) is data the browser never runs, so the CSP's
# script-src does not apply to it; its text is escaped (pzss.lib.structured_data).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>")


@pytest.mark.parametrize("name", ["outreach:home", "events:events", "events:privacy", "login"])
def test_public_pages_have_no_inline_script_or_style(client, name):
    html = client.get(reverse(name)).content.decode()
    assert not INLINE_SCRIPT.search(html), "inline <script> found"
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html), "inline style attribute found"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler found"


def test_staff_pages_have_no_inline_script_or_style(staff_client):
    for url in [
        reverse("core:dashboard"),
        reverse("core:activity_list"),
        reverse("core:activity_create"),
    ]:
        html = staff_client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\sstyle=", html), url


def test_security_headers(client):
    response = client.get(reverse("outreach:home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def _web_templates():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        # Documents for WeasyPrint and e-mails (any app's `emails/`) are not served
        # under the CSP.
        if "emails" in rel.split("/")[:-1] or "pdf" in rel:
            continue
        yield rel, path.read_text()


@pytest.mark.parametrize(
    "name,source", list(_web_templates()), ids=lambda v: v if "/" in str(v) else ""
)
def test_no_template_carries_inline_script_style_or_handlers(name, source):
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), name
    assert "<style" not in source, name
    assert not re.search(r"""\sstyle=["']""", source), name
    assert not re.search(r"""\son[a-z]+=["']""", source), name
