"""Journey: staff start the year's realisation report and submit it; the director
returns it with a comment; staff amend and resubmit; the director approves and
publishes it; a visitor finds it in the public library and downloads its PDF."""

import subprocess
import time

from tests.e2e.conftest import login, shot

YEAR = 2026
REPORT = f"/programme/{YEAR}/report/"
COMMENT = "Допуните увод подацима о обукама у другом кварталу."
AMENDED = "Обуке у другом кварталу одржане су према плану."


def _step(page, action: str) -> None:
    page.click(f"form[action$='/report/{action}/'] button[type=submit]")
    page.wait_for_url(f"**{REPORT}")


def test_the_report_from_draft_to_the_library(browser, stack, tmp_path):
    staff = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    director = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    s, d = staff.new_page(), director.new_page()
    for p in (s, d):
        p.set_default_timeout(30_000)
    login(s, "savetnica", "savetnica-2026")
    login(d, "direktorka", "direktorka-2026")

    # Staff find the report from the realisation page, start it, write and submit it.
    s.goto(f"/programme/{YEAR}/realisation/")
    s.click(f"main a[href='{REPORT}']")
    s.wait_for_url(f"**{REPORT}")
    s.click("form[action$='/report/new/'] button[type=submit]")
    s.wait_for_url(f"**{REPORT}")
    s.fill("textarea[name=introduction]", "Завод је у 2026. години реализовао програм.")
    s.click("main form:has(textarea[name=introduction]) button[type=submit]")
    s.wait_for_url(f"**{REPORT}")
    _step(s, "submit")
    assert (
        stack.sql(
            "SELECT r.status FROM programme_realisationreport r JOIN programme_programme p"
            f" ON p.id = r.programme_id WHERE p.year = {YEAR}"
        )
        == "submitted"
    )

    # The director returns it with a comment.
    d.goto(REPORT)
    d.fill("form.report-return textarea[name=comment]", COMMENT)
    d.click("form.report-return button[type=submit]")
    d.wait_for_url(f"**{REPORT}")

    # Staff see the comment, amend the introduction and submit again.
    s.goto(REPORT)
    s.locator("#report-returned").get_by_text(COMMENT).wait_for()
    intro = s.locator("textarea[name=introduction]")
    intro.fill(intro.input_value() + "\n\n" + AMENDED)
    s.click("main form:has(textarea[name=introduction]) button[type=submit]")
    s.wait_for_url(f"**{REPORT}")
    _step(s, "submit")

    # The director approves and publishes it.
    d.goto(REPORT)
    _step(d, "approve")
    _step(d, "publish")
    assert (
        stack.sql(
            "SELECT r.status FROM programme_realisationreport r JOIN programme_programme p"
            f" ON p.id = r.programme_id WHERE p.year = {YEAR}"
        )
        == "published"
    )
    shot(d, "report-published")

    # A visitor finds it in the library and downloads its PDF (rendered by the worker).
    visitor = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    v = visitor.new_page()
    v.set_default_timeout(30_000)
    v.goto("/publications/")
    v.click("a.facet-link[href='?kind=realisation_report']")
    v.wait_for_url("**/publications/?kind=realisation_report")
    entry = v.locator(".publication-item h2 a").first
    assert entry.inner_text() == f"Извештај о реализацији Програма рада за {YEAR}. годину"
    entry.click()
    v.wait_for_url("**/publications/*/")
    href = v.locator("main a.btn-primary[href*='/files/']").first.get_attribute("href")
    deadline = time.monotonic() + 180
    while True:
        response = v.request.get(href)
        if response.status == 200 or time.monotonic() > deadline:
            break
        assert response.status == 202  # the PDF is still on its way
        time.sleep(2)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert f"Извештај о реализацији Програма рада за {YEAR}. годину" in text
    assert AMENDED in text  # what was published is what was resubmitted
    for context in (staff, director, visitor):
        context.close()
