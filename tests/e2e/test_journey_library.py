"""Journey: a visitor narrows the library to the reports, opens one and downloads its PDF;
a Latin reader finds the same report by a word typed without diacritics."""

import subprocess

from tests.e2e.conftest import shot


def test_a_visitor_downloads_a_report_from_the_library(browser, stack, tmp_path):
    visitor = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    v = visitor.new_page()
    v.set_default_timeout(30_000)
    v.goto("/publications/")
    v.click("a.facet-link[href='?kind=report']")
    v.wait_for_url("**/publications/?kind=report")
    # The facet is kept in the address and shown as chosen; every entry left is a report.
    assert v.locator("a.facet-link.active").count() == 1
    kinds = v.locator(".publication-item > p.text-muted").all_inner_texts()
    assert kinds and all(k.startswith("Извештај") for k in kinds), kinds
    shot(v, "library-reports")
    first = v.locator(".publication-item h2 a").first
    title = first.inner_text()
    first.click()
    v.wait_for_url("**/publications/*/")
    assert v.locator("h1").inner_text() == title

    # The download button serves the report's PDF, whose text is the report's.
    href = v.locator("main a.btn-primary[href*='/files/']").first.get_attribute("href")
    response = v.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert " ".join(title.split()[:3]) in " ".join(text.split())
    visitor.close()
