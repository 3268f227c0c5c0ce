"""Journey: the year carried out and reported. Staff narrow the realisation dashboard to
one area and link a held activity that realised no target to the target it realises:
the target's figure goes up by one. They start the year's realisation report and
submit it; the director returns it with a comment; staff amend and resubmit; the
director approves and publishes it; a visitor finds it in the public library, downloads
its PDF, and reads the programme's public progress, where the target shows its figure."""

import datetime as dt
import subprocess
import time

from tests.e2e.conftest import login, shot

YEAR = dt.date.today().year  # the demo's programme is the current year's
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

    # Staff narrow the dashboard to area III and link its first unplanned activity to
    # a target; they come back to the page as narrowed, where the target counts it.
    s.goto(f"/programme/{YEAR}/realisation/")
    s.select_option("#f-area", "3")
    s.click("form.filters button[type=submit]")
    s.wait_for_url("**/realisation/?area=3**")
    item = s.locator(".unplanned-list > li").first
    title = item.locator("strong").first.inner_text()
    select = item.locator("select[name=target]")
    target_pk = select.locator("option").first.get_attribute("value")
    before = int(s.locator(f"#target-{target_pk} .held").inner_text())
    select.select_option(target_pk)
    item.locator("button", has_text="Повежи").click()
    s.wait_for_url(f"**/realisation/?area=3#target-{target_pk}")
    assert s.locator(".alert-success").filter(has_text=title).count() == 1
    linked = before + 1
    assert int(s.locator(f"#target-{target_pk} .held").inner_text()) == linked
    assert s.locator(".unplanned-list strong", has_text=title).count() == 0
    s.locator(f"#target-{target_pk}").scroll_into_view_if_needed()
    shot(s, "realisation-linked")

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

    # The visitor reads the programme's progress, from the programme's public page: the
    # linked target shows its new figure, and no participant's name is on the page.
    v.goto(f"/programme/{YEAR}/")
    v.click(f"main a[href='/programme/{YEAR}/progress/']")
    v.wait_for_url(f"**/programme/{YEAR}/progress/")
    row = v.locator(f"#target-{target_pk}")
    assert row.locator(".realised").inner_text().split()[0] == str(linked)
    assert v.locator("main svg[role=img]").count() >= 2  # the goals' charts, the map
    shot(v, "progress-visitor")
    for context in (staff, director, visitor):
        context.close()
