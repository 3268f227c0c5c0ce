"""Journeys of area I, the expert support: a centre sends a request from the public form
and follows it through the signed link in its e-mail; the adviser answers before the
deadline (an internal note stays hers); an adviser plans a working visit, draws the
case-file sample reproducibly, records findings, writes and issues the report with a
recommendation, renders its PDF through the worker and sends the follow-up link; the
institution reports on the recommendation and staff see its answer. A standing group's
year is shown."""

import datetime as dt
import re
import subprocess

from tests.e2e.conftest import SHOTS, login

EMAIL = "dragana.kovac@csr-primer.rs"
CENTRE = "ЦСР Сомбор"
SUBJECT = "Примена нових стандарда хранитељства"
REPLY = "Стандарди се примењују од првог дана наредног месеца; шаљемо упутство."
NOTE = "Интерна белешка: проверити са правном службом пре слања."
RECOMMENDATION = "Ажурирати планове услуга за децу у хранитељским породицама."
SAVETNICA = "SELECT id FROM auth_user WHERE username = 'savetnica'"
LINK = re.compile(r"https?://\S+")


def _staff(browser, stack):
    ctx = browser.new_context(
        base_url=stack.base_url,
        viewport={"width": 1366, "height": 900},
        locale="sr-RS",
        accept_downloads=True,
    )
    ctx.set_default_timeout(20_000)
    page = ctx.new_page()
    login(page, "savetnica", "savetnica-2026")
    return page


def _public(browser, stack):
    ctx = browser.new_context(
        base_url=stack.base_url, viewport={"width": 1366, "height": 900}, locale="sr-RS"
    )
    ctx.set_default_timeout(20_000)
    return ctx.new_page()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _link_in(message, part: str) -> str:
    for url in LINK.findall(_body(message)):
        if part in url:
            return url
    raise AssertionError(f"no link with {part!r} in:\n{_body(message)}")


def _text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_a_centre_asks_for_support_and_reads_the_answer_through_its_link(browser, stack):
    # 1. The public form: the institution chosen from the directory.
    p = _public(browser, stack)
    p.goto("/support/request/")
    p.select_option("select[name=institution]", label=CENTRE)
    p.fill("input[name=requester_name]", "Драгана Ковач")
    p.fill("input[name=requester_email]", EMAIL)
    p.fill("input[name=subject]", SUBJECT)
    p.select_option("select[name=kind]", "area")
    p.fill(
        "textarea[name=description]",
        "Молимо упутство о примени нових стандарда у раду са хранитељским породицама.",
    )
    p.click("main form button[type=submit]")
    p.wait_for_url("**/support/request/sent/")
    assert "Ваш захтев је послат" in _text(p), _text(p)
    received = stack.wait_for_mail(EMAIL)
    link = _link_in(received, "/support/request/")
    number = stack.sql(f"SELECT number FROM support_supportrequest WHERE subject = '{SUBJECT}'")
    assert number and number in str(received["Subject"]), received["Subject"]

    # 2. The adviser finds it in the list and opens its page: the deadline is shown.
    s = _staff(browser, stack)
    s.goto("/staff/support/requests/")
    s.get_by_role("link", name=re.compile(re.escape(number))).first.click()
    s.wait_for_url(re.compile(r".*/staff/support/requests/\d+/$"))
    pk = int(re.search(r"/requests/(\d+)/", s.url).group(1))
    deadline = dt.date.fromisoformat(
        stack.sql(f"SELECT deadline FROM support_supportrequest WHERE id = {pk}")
    )
    assert deadline >= dt.date.today()
    assert f"Рок {deadline:%d.%m.%Y.}" in _text(s), _text(s)

    # Assigned to herself, an internal note, then the reply that answers it.
    adviser = stack.sql(SAVETNICA)
    s.select_option("form[action$='/assign/'] select[name=adviser]", adviser)
    s.click("form[action$='/assign/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    assert (
        stack.sql(
            f"SELECT u.username FROM support_supportrequest r JOIN auth_user u "
            f"ON u.id = r.adviser_id WHERE r.id = {pk}"
        )
        == "savetnica"
    )
    s.fill("form[action$='/note/'] textarea[name=note-text]", NOTE)
    s.click("form[action$='/note/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    assert NOTE in _text(s)
    s.fill("form[action$='/reply/'] textarea[name=text]", REPLY)
    s.select_option("form[action$='/reply/'] select[name=status]", "answered")
    s.click("form[action$='/reply/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    assert REPLY in _text(s)
    status, answered = stack.sql(
        f"SELECT status, answered_at::date FROM support_supportrequest WHERE id = {pk}"
    ).split("|")
    assert status == "answered"
    assert dt.date.fromisoformat(answered) <= deadline
    s.screenshot(path=str(SHOTS / "support-request-thread.png"), full_page=True)

    # 3. The reply e-mail carries the answer and the same link; the thread shows the
    # reply, never the internal note.
    reply_mail = stack.wait_for_mail(EMAIL, REPLY)
    # Each e-mail signs its link anew (a timestamped signature): both open the thread.
    reply_link = _link_in(reply_mail, "/support/request/")
    p.goto(reply_link)
    text = _text(p)
    assert SUBJECT in text and REPLY in text, text
    assert NOTE not in text and "Интерна белешка" not in text
    p.goto(link)
    assert REPLY in _text(p) and NOTE not in _text(p)
    # A tampered link opens nothing.
    assert p.request.get(link.rstrip("/")[:-3] + "xyz/").status == 404


FRAME = "\n".join(
    [
        "551-12/2026; 7; family",
        "551-13/2026; 4; family",
        "551-14/2026; 9; residential",
        "551-15/2026; 12; family",
        "551-16/2026; 3; family",
        "551-17/2026; 6; family",
        "551-18/2026; 8; family",
        "551-19/2026; 15; family",
    ]
)


def _pdf_text(pdf) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


def test_a_working_visit_with_its_sample_report_and_follow_up(browser, stack):
    today = dt.date.today()
    s = _staff(browser, stack)

    # 4. The plan: the centre, a date already past (the visit was made), the team, why.
    s.goto("/staff/support/visits/plan/")
    s.select_option("main form[method=get] select[name=institution]", label=CENTRE)
    s.click("main form[method=get] button[type=submit]")
    s.wait_for_load_state("networkidle")
    # The priority rule made visible: the centre's figures from area III.
    assert "Деце до шест година на смештају ван породице" in _text(s), _text(s)
    plan = s.locator("main form[method=post]")
    plan.locator("select[name=institution]").select_option(label=CENTRE)
    plan.locator("input[name=start_date]").fill((today - dt.timedelta(days=6)).isoformat())
    plan.locator("select[name=lead]").select_option(stack.sql(SAVETNICA))
    plan.locator("textarea[name=reason]").fill(
        "Највише деце до шест година на смештају ван породице у подручју центра."
    )
    plan.locator("textarea[name=questions]").fill(
        "Да ли су планови услуга ажурни?\nДа ли се поштују рокови поновне процене?"
    )
    plan.locator("button[type=submit]").click()
    s.wait_for_load_state("networkidle")
    assert re.search(r"/staff/support/visits/\d+/$", s.url), _text(s)
    pk = int(re.search(r"/visits/(\d+)/", s.url).group(1))
    assert CENTRE in _text(s)
    # A past date: the visit was made, so its report can be issued.
    assert (
        stack.sql(
            "SELECT a.start_date < current_date FROM support_workingvisit v "
            f"JOIN core_activity a ON a.id = v.activity_id WHERE v.id = {pk}"
        )
        == "t"
    )

    # The frame: case-file numbers only, the criteria (children up to ten in family
    # care) and the size; then the draw, its seed and the redraw check.
    s.fill("textarea[name=text]", FRAME)
    s.fill("input[name=max_age]", "10")
    s.select_option("select[name=care]", "family")
    s.fill("input[name=size]", "3")
    s.click("form[action$='/frame/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    assert "8" in _text(s)
    s.click("form[action$='/draw/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    seed = stack.sql(
        "SELECT d.seed FROM support_sampledraw d JOIN support_sampleframe f ON f.id = d.frame_id "
        f"WHERE f.visit_id = {pk} ORDER BY d.id DESC LIMIT 1"
    )
    text = _text(s)
    assert seed and seed in text, text
    assert "поклапа се" in text, text

    # Findings for the first sampled file: every checklist item answered.
    card = s.locator("#findings form").first
    for group in sorted(
        {n for n in card.locator("input[type=radio]").evaluate_all("e => e.map(i => i.name)")}
    ):
        card.locator(f"input[name='{group}']").first.check()
    card.locator("textarea[name=note]").fill("План услуга ажуриран пре четири месеца.")
    card.locator("button[type=submit]").click()
    s.wait_for_load_state("networkidle")
    assert "1 од 3" in _text(s), _text(s)
    s.screenshot(path=str(SHOTS / "support-visit-sample.png"), full_page=True)

    # 5. The report with a recommendation whose deadline is after the visit, issued.
    s.goto(f"/staff/support/visits/{pk}/report/")
    s.fill("textarea[name=summary]", "Рад са децом у хранитељству је уредан, уз мање застоје.")
    s.fill("textarea[name=conclusions]", "Потребно је ажурирати планове услуга.")
    s.click(f"form[action='/staff/support/visits/{pk}/report/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    s.fill("form[action$='/recommendations/add/'] textarea[name=text]", RECOMMENDATION)
    s.fill("form[action$='/recommendations/add/'] input[name=responsible]", "руководилац службе")
    s.fill(
        "form[action$='/recommendations/add/'] input[name=deadline]",
        (today + dt.timedelta(days=60)).isoformat(),
    )
    s.click("form[action$='/recommendations/add/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    assert RECOMMENDATION in _text(s), _text(s)
    s.click("form[action$='/report/issue/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    number = stack.sql(f"SELECT number FROM support_visitreport WHERE visit_id = {pk}")
    assert number, _text(s)
    assert (
        stack.sql(
            f"SELECT a.status FROM support_workingvisit v JOIN core_activity a "
            f"ON a.id = v.activity_id WHERE v.id = {pk}"
        )
        == "held"
    )

    # The PDF, rendered by the worker: the page polls, then the file is served.
    s.goto(f"/staff/support/visits/{pk}/report/pdf/")
    s.locator(".document-status a.btn").wait_for(timeout=90_000)
    response = s.request.get(f"/staff/support/visits/{pk}/report/pdf/")
    assert response.headers.get("content-type") == "application/pdf"
    pdf = SHOTS.parent / "support-visit-report.pdf"
    pdf.write_bytes(response.body())
    text = _pdf_text(pdf)
    assert CENTRE in text and number in text, text
    assert RECOMMENDATION.split()[0] in text and "хранитељским" in text, text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
        + [str(pdf), str(SHOTS / "support-visit-report-pdf")],
        check=True,
    )
    pdf.unlink()

    # The follow-up link to the institution.
    s.goto(f"/staff/support/visits/{pk}/report/")
    s.fill("form[action$='/follow-up/'] input[name=email]", "sombor@csr-primer.rs")
    s.click("form[action$='/follow-up/'] button[type=submit]")
    s.wait_for_load_state("networkidle")
    mail = stack.wait_for_mail("sombor@csr-primer.rs", number)
    follow_up = _link_in(mail, "/support/follow-up/")

    # 6. The institution opens it and reports what it did.
    p = _public(browser, stack)
    p.goto(follow_up)
    assert RECOMMENDATION in _text(p), _text(p)
    form = p.locator("form:has(textarea[name$=action_taken])").first
    form.locator("textarea[name$=action_taken]").fill(
        "Планови услуга за сву децу у хранитељству ажурирани су на стручном колегијуму."
    )
    options = form.locator("select[name$=-state] option").evaluate_all("e => e.map(o => o.value)")
    form.locator("select[name$=-state]").select_option("done" if "done" in options else options[-1])
    form.locator("input[name$=answered_by]").fill("руководилац службе")
    form.locator("button[type=submit]").click()
    p.wait_for_load_state("networkidle")
    assert "стручном колегијуму" in _text(p), _text(p)
    assert (
        stack.sql(
            "SELECT r.state FROM support_recommendation r JOIN support_visitreport v "
            f"ON v.id = r.report_id WHERE v.visit_id = {pk}"
        )
        == "done"
    )

    # Staff see the answer on the report and in the recommendations list.
    s.goto(f"/staff/support/visits/{pk}/report/")
    assert "стручном колегијуму" in _text(s), _text(s)
    s.goto("/staff/support/recommendations/")
    assert RECOMMENDATION in _text(s), _text(s)


def test_a_supervisors_group_shows_its_year(browser, stack):
    group = stack.sql(
        "SELECT id FROM core_standinggroup WHERE kind = 'supervisors' ORDER BY number, id LIMIT 1"
    )
    s = _staff(browser, stack)
    s.goto(f"/staff/support/groups/{group}/year/")
    assert s.locator("main h1").count() == 1
    s.screenshot(path=str(SHOTS / "support-group-year.png"), full_page=True)
