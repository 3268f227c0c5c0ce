"""Journeys of area II, the training: staff publish an accredited programme in the catalogue
and schedule a session of it; a person with no account signs up, attends one of its two
days and gets a certificate with the points that day earns; later the person asks for a
transcript by e-mail and downloads its PDF with those points. A centre's contact person
fills in the annual needs survey through the signed link, saves, comes back and submits,
and the answer appears in the staff's aggregated results."""

import datetime as dt
import re
import subprocess

from tests.e2e.conftest import SHOTS, login

TITLE = "Супервизија у центрима за социјални рад – основни ниво"
NUMBER = "АК-2026-117"
EMAIL = "marija.sekulic@csr-primer.rs"

# The journey cannot wait for the session's two days to pass: they are moved into the past.
SESSION_HELD = """
import datetime as dt
from django.utils import timezone
from pzss.core.models import Activity
today = timezone.localdate()
Activity.objects.filter(pk={pk}).update(
    start_date=today - dt.timedelta(days=3), end_date=today - dt.timedelta(days=2)
)
"""

# The demo sends no survey invitation: the signed link of one that nobody has answered yet
# (after the submitted and the drafts in the demo's order) is read from the code that
# writes it into the invitation e-mail.
INVITATION_LINK = """
from django.utils import timezone
from training.models import SurveyInvitation
from training.survey_mail import invitation_path
invitation = (
    SurveyInvitation.objects.filter(
        survey__year=timezone.localdate().year, survey__status="open",
        submitted_at__isnull=True, answers__isnull=True,
    ).order_by("institution__name").last()
)
print(invitation.survey_id, invitation_path(invitation))
"""


def _pdf_text(pdf) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


def _pdf_page_png(pdf, name: str) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"]
        + [str(pdf), str(SHOTS / name)],
        check=True,
    )


def _chart_numbers(page, question_pk: int) -> dict[str, str]:
    """The numbers under a question's chart (its table, read as a screen reader would)."""
    rows = page.locator(f"#result-{question_pk} .chart-numbers tbody tr")
    return {
        rows.nth(i).locator("th").text_content().strip(): rows.nth(i)
        .locator("td")
        .first.text_content()
        .strip()
        for i in range(rows.count())
    }


def test_a_programme_is_published_attended_certified_and_on_the_transcript(browser, stack):
    today = dt.date.today()
    staff_ctx = browser.new_context(
        base_url=stack.base_url, viewport={"width": 1366, "height": 900}, locale="sr-RS"
    )
    staff_ctx.set_default_timeout(20_000)
    s = staff_ctx.new_page()
    login(s, "savetnica", "savetnica-2026")

    # 1. The programme, accredited, two days, 8 points in proportion to the days attended.
    s.goto("/staff/training/programmes/new/")
    s.fill("input[name=title]", TITLE)
    s.select_option("select[name=origin]", "own")
    s.fill("textarea[name=summary]", "Основе супервизије стручног рада у центрима.")
    s.fill("textarea[name=outcomes]", "Учесник уме да води супервизијски састанак.")
    s.fill("textarea[name=trainers]", "Јелена Стојановић")
    s.fill("textarea[name=target_group]", "Супервизори у центрима за социјални рад")
    s.fill("input[name=days]", "2")
    s.fill("input[name=hours]", "12")
    s.fill("input[name=licence_points]", "8")
    s.select_option("select[name=points_rule]", "per_day")
    s.select_option("select[name=status]", "accredited")
    s.fill("input[name=accreditation_body]", "Републички завод за социјалну заштиту")
    s.fill("input[name=accreditation_number]", NUMBER)
    s.fill("input[name=valid_from]", (today - dt.timedelta(days=200)).isoformat())
    s.fill("input[name=valid_until]", (today + dt.timedelta(days=3 * 365)).isoformat())
    s.click("main form button[type=submit]")
    s.wait_for_url(re.compile(r".*/staff/training/programmes/\d+/$"))
    programme = int(re.search(r"/programmes/(\d+)/", s.url).group(1))
    s.click("main form button:has-text('Објави у каталогу')")
    s.wait_for_load_state("networkidle")
    assert (
        stack.sql(f"SELECT is_published FROM training_trainingprogramme WHERE id = {programme}")
        == "t"
    )

    # The public catalogue lists it; its page shows the accreditation number and points.
    public_ctx = browser.new_context(
        base_url=stack.base_url, viewport={"width": 1366, "height": 900}, locale="sr-RS"
    )
    public_ctx.set_default_timeout(20_000)
    p = public_ctx.new_page()
    p.goto("/training/")
    assert TITLE in p.locator("main").inner_text()
    p.screenshot(path=str(SHOTS / "training-catalogue.png"), full_page=True)
    p.get_by_role("link", name=TITLE).first.click()
    p.wait_for_url("**/training/programmes/**")
    text = " ".join(p.locator("main").inner_text().split())
    assert f"Републички завод за социјалну заштиту, Бр. {NUMBER}" in text, text
    assert "Бодови за лиценцу 8 Сваки дан присуства доноси свој део бодова" in text, text

    # 2. A session of it, a few days ahead, open for sign-up.
    s.goto(f"/staff/training/programmes/{programme}/sessions/new/")
    s.fill("input[name=start_date]", (today + dt.timedelta(days=5)).isoformat())
    s.fill("input[name=end_date]", (today + dt.timedelta(days=6)).isoformat())
    s.fill("input[name=start_time]", "09:30")
    s.fill("input[name=place]", "Покрајински завод за социјалну заштиту, Нови Сад")
    s.fill("input[name=capacity]", "20")
    s.click("main form button[type=submit]")
    s.wait_for_url(re.compile(r".*/staff/activities/\d+/$"))
    event = int(re.search(r"/activities/(\d+)/", s.url).group(1))

    # The programme's public page leads to the session's sign-up.
    p.reload()
    p.screenshot(path=str(SHOTS / "training-programme.png"), full_page=True)
    p.locator(f"a[href='/events/{event}/#signup-h']").click()
    p.wait_for_url(f"**/events/{event}/**")

    # 3. A person with no account signs up and gets the e-mail.
    p.fill("input[name=first_name]", "Марија")
    p.fill("input[name=last_name]", "Секулић")
    p.fill("input[name=email]", EMAIL)
    p.select_option("select[name=institution]", label="ЦСР Сомбор")
    p.select_option("select[name=position]", "supervisor")
    p.check("input[name=consent]")
    p.click("form.signup-form button[type=submit]")
    p.wait_for_load_state("networkidle")
    status = stack.sql(
        "SELECT r.status FROM core_registration r JOIN core_person p ON p.id = r.person_id"
        f" WHERE r.activity_id = {event} AND p.email = '{EMAIL}'"
    )
    assert status == "confirmed", p.locator("main").inner_text()
    stack.wait_for_mail(EMAIL, TITLE)

    # 4. The days pass; staff mark her present on the first day, absent on the second.
    stack.manage("shell", "-c", SESSION_HELD.format(pk=event))
    s.goto(f"/staff/events/{event}/attendance/")
    days = s.locator("nav.day-switch a")
    assert days.count() == 2
    days.nth(0).click()
    s.wait_for_load_state("networkidle")
    s.locator("form:has(input[name=present][value='1']) button").click()
    s.locator("button[aria-pressed=true]:has-text('✓')").wait_for()
    days.nth(1).click()
    s.wait_for_load_state("networkidle")
    s.locator("form:has(input[name=present][value='0']) button").click()
    s.locator("button[aria-pressed=true]:has-text('✗')").wait_for()
    s.goto(f"/staff/events/{event}/")
    s.get_by_role("button", name="Издај потврде").click()
    s.wait_for_load_state("networkidle")
    code = stack.sql(
        "SELECT c.code FROM core_certificate c JOIN core_registration r"
        " ON r.id = c.registration_id JOIN core_person p ON p.id = r.person_id"
        f" WHERE c.activity_id = {event} AND p.email = '{EMAIL}'"
    )
    assert code, "no certificate was issued"
    p.goto(f"/certificates/{code}/")
    text = " ".join(p.locator("main").inner_text().split())
    assert "Марија Секулић" in text and NUMBER in text
    assert "Присуство 1 од 2 дана: 4 од 8 бодова." in text

    # 5. Later: the transcript, through the link the e-mail carries, as a PDF.
    p.goto("/training/transcript/")
    p.fill("input[name=email]", EMAIL)
    p.click("main form button[type=submit]")
    p.wait_for_url("**/training/transcript/sent/")
    mail = stack.wait_for_mail(EMAIL, "/training/transcript/")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/training/transcript/[^\s/]+/", body).group(0)
    p.goto(link)
    record = p.locator("main").inner_text()
    assert TITLE in record and NUMBER in record, record
    p.click("main form button[type=submit]")
    download = p.locator("a[href$='/download/']")
    download.wait_for(timeout=180_000)
    response = p.request.get(download.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = SHOTS.parent / "training-transcript.pdf"
    pdf.write_bytes(response.body())
    text = _pdf_text(pdf)
    assert TITLE in text, text
    assert NUMBER in text, text
    # Only the day attended counts: 4 of the programme's 8 points, for 6 of its 12 hours.
    assert "Укупно бодова за лиценцу 4 · 1 обука · 6 ч" in text, text
    _pdf_page_png(pdf, "training-transcript-pdf")
    pdf.unlink()

    # The student practice of the demo's agreement, as staff see it.
    agreement = stack.sql("SELECT id FROM training_practiceagreement ORDER BY id LIMIT 1")
    s.goto(f"/staff/training/practice/{agreement}/")
    s.screenshot(path=str(SHOTS / "training-practice.png"), full_page=True)
    public_ctx.close()
    staff_ctx.close()


def test_a_centre_answers_the_needs_survey_and_the_results_count_it(browser, stack):
    survey, path = stack.manage("shell", "-c", INVITATION_LINK).split()[-2:]
    staff_ctx = browser.new_context(
        base_url=stack.base_url, viewport={"width": 1366, "height": 900}, locale="sr-RS"
    )
    staff_ctx.set_default_timeout(20_000)
    s = staff_ctx.new_page()
    login(s, "savetnica", "savetnica-2026")
    respondent_ctx = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    respondent_ctx.set_default_timeout(20_000)
    r = respondent_ctx.new_page()

    r.goto(path)
    fields = r.locator("#survey-form [id^=div_id_q]")
    assert fields.count() == 6
    pks = [int(fields.nth(i).get_attribute("id").removeprefix("div_id_q")) for i in range(6)]
    programmes_q, number_q, single_q, multiple_q, scale_q, text_q = pks
    programme = r.locator(f"#div_id_q{programmes_q} label.form-check-label").first.inner_text()
    choice = "Онлајн обука"

    s.goto(f"/staff/training/surveys/{survey}/results/")
    before = _chart_numbers(s, programmes_q)
    before_choice = _chart_numbers(s, single_q)
    assert before and before_choice, "the results page shows no numbers"

    # A first sitting: some answers, saved as a draft.
    r.locator(f"#div_id_q{programmes_q}").get_by_label(programme, exact=True).check()
    r.fill(f"input[name=q{number_q}]", "14")
    r.click("#survey-form button[value=save]")
    r.wait_for_load_state("networkidle")
    # Back later through the same link: the draft is there; the rest, then submit.
    r.goto(path)
    assert r.locator(f"#div_id_q{programmes_q}").get_by_label(programme, exact=True).is_checked()
    assert r.input_value(f"input[name=q{number_q}]") == "14"
    r.locator(f"#div_id_q{single_q}").get_by_label(choice, exact=True).check()
    r.locator(f"#div_id_q{multiple_q}").get_by_label("Супервизија", exact=True).check()
    r.locator(f"#div_id_q{scale_q} input[type=radio]").nth(3).check()
    r.fill(f"textarea[name=q{text_q}]", "Обуке би требало да буду ближе општинама на северу.")
    r.click("#survey-form button[value=submit]")
    r.wait_for_load_state("networkidle")
    r.locator("#survey-thanks").wait_for()
    # The link now shows the answers, read-only.
    r.goto(path)
    r.locator("#survey-thanks").wait_for()
    assert r.locator("#survey-form").count() == 0
    assert programme in r.locator("#survey-answers").inner_text()

    s.reload()
    after = _chart_numbers(s, programmes_q)
    after_choice = _chart_numbers(s, single_q)
    assert int(after[programme]) == int(before.get(programme, "0")) + 1, (before, after)
    assert int(after_choice[choice]) == int(before_choice.get(choice, "0")) + 1, after_choice
    s.screenshot(path=str(SHOTS / "training-survey-results.png"), full_page=True)
    respondent_ctx.close()
    staff_ctx.close()
