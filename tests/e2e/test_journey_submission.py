"""Journey: a centre's figures for a period, from the form to acceptance and into the
statistics. The demo centre (Novi Sad) logs in and lands on its reporting page, fills in
the current «Аурора» fortnight and submits it; staff return it with a comment, and the
centre is e-mailed; the centre reads the comment, corrects a figure and submits again;
staff accept it, the centre is e-mailed, and the period's collection is a held activity
of area III. The completeness grid then has one more accepted cell, this month's
statistical report counts the figures, and its PDF, rendered by the worker, says so."""

import subprocess
import time

from tests.e2e.conftest import PHONE, SHOTS, login

GRID = "/staff/research/data/aurora/completeness/"

CENTRE = ("csr-novisad", "csr-novisad-2026")
CENTRE_EMAIL = "csr-novisad@example.rs"
COMMENT = "Број деце међу жртвама делује превисоко — проверите, молимо."
FIGURES = {
    "reports": "12",
    "reports_partner": "7",
    "victims": "13",
    "victims_women": "10",
    "victims_men": "3",
    "victims_children": "9",
    "victims_elderly": "1",
    "physical": "6",
    "psychological": "10",
    "sexual": "1",
    "economic": "2",
    "urgent_measures": "4",
    "protection_plans": "8",
    "shelter": "1",
    "coordination_meetings": "2",
}


def _centre_login(page) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", CENTRE[0])
    page.fill("input[name=password]", CENTRE[1])
    page.click("main form button[type=submit]")
    page.wait_for_url("**/reporting/")


def _mails_to(stack, address: str) -> list:
    return [m for m in stack.messages() if address in str(m["To"])]


def test_a_centre_submits_staff_return_the_centre_corrects_staff_accept(browser, stack):
    period = stack.sql(
        "SELECT p.id FROM research_period p JOIN research_dataset d ON d.id = p.data_set_id"
        " WHERE d.code = 'aurora' AND p.start <= current_date AND p.end >= current_date"
    )
    centre_ctx = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    staff_ctx = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    c, s = centre_ctx.new_page(), staff_ctx.new_page()
    for p in (c, s):
        p.set_default_timeout(30_000)

    # Before: the grid's accepted cells, and this month's report without these figures.
    login(s, "savetnica", "savetnica-2026")
    s.goto(GRID)
    accepted_before = s.locator("#completeness-grid td.cc-accepted").count()
    report = stack.sql(
        "SELECT id FROM research_statisticalreport WHERE kind = 'dv_monthly' AND year ="
        " extract(year FROM current_date) AND month = extract(month FROM current_date)"
    )
    assert report, "the demo has this month's draft report"
    s.goto(f"/staff/research/statistics/{report}/")
    summary_before = _summary(s)

    # The centre lands on its own page, with the open fortnight on top, not the dashboard.
    _centre_login(c)
    assert c.locator("a[href='/staff/']").count() == 0
    c.click(f"main a[href='/reporting/periods/{period}/']")
    c.wait_for_url(f"**/reporting/periods/{period}/")
    for code, value in FIGURES.items():
        c.fill(f"#id_{code}", value)
    # A part above its total is refused next to the field, with a summary on top.
    c.fill("#id_reports_partner", "20")
    c.click("button[name=submit]")
    assert c.locator("#errors").count() == 1
    assert c.locator("#id_reports_partner.is-invalid").count() == 1
    assert stack.sql(f"SELECT count(*) FROM research_submission WHERE period_id = {period}") == "0"
    SHOTS.mkdir(parents=True, exist_ok=True)
    c.set_viewport_size({"width": 1366, "height": 900})
    c.screenshot(path=str(SHOTS / "research-centre-form.png"), full_page=True)
    c.set_viewport_size(PHONE)
    c.screenshot(path=str(SHOTS / "research-centre-form-phone.png"), full_page=True)
    assert c.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    c.set_viewport_size({"width": 1366, "height": 900})
    c.fill("#id_reports_partner", FIGURES["reports_partner"])
    c.click("button[name=submit]")
    c.wait_for_url(f"**/reporting/periods/{period}/")
    submission = stack.sql(
        "SELECT s.id FROM research_submission s JOIN auth_user u ON u.username = 'csr-novisad'"
        " JOIN core_institutionaccount a ON a.user_id = u.id AND a.institution_id ="
        f" s.institution_id WHERE s.period_id = {period} AND s.status = 'submitted'"
    )
    assert submission

    # Staff find it waiting for review and return it with a comment.
    s.goto("/staff/research/data/review/")
    s.click(f"main a[href='/staff/research/data/review/{submission}/']")
    s.fill("textarea[name=comment]", COMMENT)
    s.click(f"form[action$='/review/{submission}/return/'] button[type=submit]")
    s.wait_for_url(f"**/review/{submission}/")
    assert (
        stack.sql(f"SELECT status FROM research_submission WHERE id = {submission}") == "returned"
    )
    stack.wait_for_mail(CENTRE_EMAIL, COMMENT)

    # The centre reads the comment, corrects the figure and submits again.
    c.goto(f"/reporting/periods/{period}/")
    assert COMMENT in c.locator(".alert-warning").inner_text()
    c.fill("#id_victims_children", "4")
    c.click("button[name=submit]")
    c.wait_for_url(f"**/reporting/periods/{period}/")
    assert stack.sql(f"SELECT status FROM research_submission WHERE id = {submission}") == (
        "submitted"
    )

    # Staff see both versions, the changed figure highlighted, and accept.
    s.goto(f"/staff/research/data/review/{submission}/")
    assert s.locator(".compare-versions td.table-warning").count() == 1
    mails_before = len(_mails_to(stack, CENTRE_EMAIL))
    s.click(f"form[action$='/review/{submission}/accept/'] button[type=submit]")
    s.wait_for_url(f"**/review/{submission}/")
    assert stack.sql(f"SELECT status FROM research_submission WHERE id = {submission}") == (
        "accepted"
    )
    deadline = time.monotonic() + 60
    while len(_mails_to(stack, CENTRE_EMAIL)) <= mails_before:
        assert time.monotonic() < deadline, "no e-mail of the acceptance"
        time.sleep(0.5)
    activity = stack.sql(
        "SELECT a.status FROM core_activity a JOIN research_period p ON p.activity_id = a.id"
        f" WHERE p.id = {period}"
    )
    assert activity == "held"

    # The centre's page shows the figures locked, both versions kept.
    c.goto(f"/reporting/periods/{period}/")
    assert c.locator("form[action$='/correct/']").count() == 1
    assert c.locator("#versions").count() == 1

    # The completeness grid has one more accepted cell.
    s.goto(GRID)
    assert s.locator("#completeness-grid td.cc-accepted").count() == accepted_before + 1
    s.screenshot(path=str(SHOTS / "research-completeness.png"), full_page=True)

    # This month's report counts the accepted figures: its first figure (new reports)
    # grew by this centre's 12.
    s.goto(f"/staff/research/statistics/{report}/")
    summary_after = _summary(s)
    assert summary_after["reports"] == summary_before.get("reports", 0) + 12
    s.screenshot(path=str(SHOTS / "research-monthly-report.png"), full_page=True)
    assert s.locator("#figure svg[role=img]").count() >= 1  # the map of the municipalities

    # Its PDF is rendered by the worker (the page only queues it) and says the same.
    s.click("#report-pdf")
    deadline = time.monotonic() + 180
    while True:
        response = s.request.get(f"/staff/research/statistics/{report}/pdf/")
        if response.headers.get("content-type") == "application/pdf":
            break
        assert time.monotonic() < deadline, "the report's PDF was not rendered"
        time.sleep(2)
    pdf = SHOTS.parent / "research-monthly-report.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    title = stack.sql(f"SELECT title FROM research_statisticalreport WHERE id = {report}")
    assert " ".join(title.split()) in text
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(SHOTS / "research-monthly-report-pdf"),
        ],
        check=True,
    )
    pdf.unlink()
    centre_ctx.close()
    staff_ctx.close()


def _summary(page) -> dict[str, int]:
    """The report's summary table, {field code: this period's figure}, by the order of
    the form's number fields (the rows carry no codes; the first is «new reports»)."""
    rows = page.locator("#report-summary tbody tr")
    figures = {}
    codes = [code for code in FIGURES if code != "note"]
    for i in range(min(rows.count(), len(codes))):
        text = rows.nth(i).locator("td").first.inner_text().strip().replace(".", "")
        if text.isdigit():
            figures[codes[i]] = int(text)
    return figures
