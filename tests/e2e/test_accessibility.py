"""A screen reader: axe-core (vendored in static/vendor/axe-core, injected by the test,
linked from no page) finds no WCAG 2.1 A/AA violation on the public pages, at 360 px and on
a desktop, and on the main staff pages, in Cyrillic, Latin and English. A failing run
leaves axe's report, one JSON file per language and page, in var/axe/."""

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import PHONE, login, phone_context, public_pages, staff_pages

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_REPORTS = ROOT / "var" / "axe"
LANGUAGES = ("sr", "sr-latn", "en")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1366, "height": 900}


def _axe(page, url: str, language: str, *, spoil: str = "") -> list[dict]:
    page.goto(url)
    if spoil:
        page.evaluate(spoil)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    violations = result["violations"]
    if violations:
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        name = url.strip("/").replace("/", "_") or "home"
        (AXE_REPORTS / f"{language}-{name}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=2)
        )
    return [
        {"page": url, "rule": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]


def _switch(page, language: str) -> None:
    page.goto(f"/language/{language}/?next=/")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag21_aa_violation_on_the_public_pages(browser, stack, sample, language):
    for viewport in (PHONE, DESKTOP):
        context = phone_context(browser, stack, viewport=viewport)
        page = context.new_page()
        _switch(page, language)
        found = [v for url in public_pages(sample) for v in _axe(page, url, language)]
        context.close()
        assert found == [], f"see {AXE_REPORTS}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag21_aa_violation_on_the_main_staff_pages(browser, stack, sample, language):
    context = phone_context(browser, stack, viewport=DESKTOP)
    page = context.new_page()
    login(page, "savetnica", "savetnica-2026")
    _switch(page, language)
    found = [v for url in staff_pages(sample) for v in _axe(page, url, language)]
    context.close()
    assert found == [], f"see {AXE_REPORTS}"


def test_axe_really_reports_a_violation_and_saves_the_report(browser, stack):
    """The checks above pass only if axe runs: an input without a label on the home page
    is reported, and the report is saved."""
    context = phone_context(browser, stack)
    page = context.new_page()
    report = AXE_REPORTS / "en-home.json"
    report.unlink(missing_ok=True)
    unlabelled = "document.querySelector('main').append(document.createElement('input'))"
    found = _axe(page, "/", "en", spoil=unlabelled)
    context.close()
    assert "label" in {v["rule"] for v in found}
    assert "label" in {v["id"] for v in json.loads(report.read_text())}
    report.unlink()
