"""Journey: staff submit the draft programme; the director returns it with a comment;
staff amend and resubmit; the director approves; the PDF is downloaded once its progress
shows ready, and it has the expected number of pages."""

import re
import subprocess

from tests.e2e.conftest import login, shot

YEAR = 2031


def _pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _transition(page, action: str, comment: str = "") -> None:
    page.goto(f"/programme/{YEAR}/revisions/1/{action}/")
    if comment:
        page.fill("textarea[name=comment]", comment)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/programme/{YEAR}/revisions/1/")


def test_programme_from_draft_to_approved_pdf(browser, stack, tmp_path):
    staff = browser.new_context(base_url=stack.base_url, locale="sr-RS", accept_downloads=True)
    director = browser.new_context(base_url=stack.base_url, locale="sr-RS", accept_downloads=True)
    s, d = staff.new_page(), director.new_page()
    for p in (s, d):
        p.set_default_timeout(30_000)
    login(s, "savetnica", "savetnica-2026")
    login(d, "direktorka", "direktorka-2026")

    # Staff start next year's draft as a copy of the published programme, and submit it.
    s.goto("/programme/new/")
    s.fill("input[name=year]", str(YEAR))
    s.click("main form button[type=submit]")
    s.wait_for_url(f"**/programme/{YEAR}/edit/")
    _transition(s, "submit")
    assert "submitted" in stack.sql(
        "SELECT r.status FROM programme_revision r JOIN programme_programme p"
        " ON p.id = r.programme_id WHERE p.year = 2031"
    )

    # The director returns it, with a comment on the first goal.
    d.goto(f"/programme/{YEAR}/revisions/1/return/")
    d.fill("textarea[name=comment]", "Допуните циљеве области I.")
    d.locator("textarea[name^=goal_]").first.fill("Наведите број радних посета по кварталима.")
    d.click("main form button[type=submit]")
    d.wait_for_url(f"**/programme/{YEAR}/revisions/1/")

    # Staff see the comment beside the goal, amend the goal and submit again.
    s.goto(f"/programme/{YEAR}/revisions/1/")
    s.get_by_text("Наведите број радних посета по кварталима.").first.wait_for()
    s.goto(f"/programme/{YEAR}/edit/")
    s.locator("a[href*='/edit/goals/']").first.click()
    title = s.locator("input[name=title]")
    title.fill(title.input_value() + " (допуњено)")
    s.click("main form button[type=submit]")
    s.wait_for_url(f"**/programme/{YEAR}/edit/**")
    _transition(s, "submit", "Допуњено према коментарима.")

    # The director approves.
    _transition(d, "approve")
    d.goto(f"/programme/{YEAR}/revisions/1/")
    shot(d, "programme-approved")

    # Staff download the PDF after its progress shows ready.
    s.goto(f"/programme/{YEAR}/revisions/1/pdf/")
    download_link = s.locator("a[href$='/download/']")
    download_link.wait_for(timeout=120_000)
    status = s.locator(".document-status").inner_text()
    expected = int(re.search(r"(\d+)\s", status).group(1))
    response = s.request.get(download_link.get_attribute("href"))  # the browser's session
    assert response.ok and response.headers["content-type"] == "application/pdf"
    target = tmp_path / "programme.pdf"
    target.write_bytes(response.body())
    assert target.read_bytes().startswith(b"%PDF")
    pages = _pdf_pages(target)
    assert pages == expected
    assert pages >= 15  # the institute's programme: header, contents, four areas
    staff.close()
    director.close()
