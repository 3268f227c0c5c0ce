"""Journeys of events: staff plan a round table, open it for sign-up and log it as held;
a supervisor with no account signs up, reads the e-mail and cancels, and the first person
waiting gets the seat; a member of the public reads the programme in Latin script,
downloads its PDF and verifies a certificate."""

import datetime as dt
import re

from tests.e2e.conftest import login, shot

EVENT_SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from pzss.core.models import Activity
from pzss.events.services.signup import signup_configure
staff = get_user_model().objects.get(username="savetnica")
activity = Activity.objects.create(
    area=1, kind="round_table", title="{title}", start_date=timezone.localdate() + dt.timedelta(days=9),
    start_time=dt.time(10, 0), place="ЦСР Сомбор", is_public=True, status="scheduled", created_by=staff,
)
signup_configure(user=staff, activity=activity, capacity={seats}, options={{"is_open": True}}, groups=[], questions=[])
print(activity.pk)
"""

CERTIFICATE_SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from pzss.core.models import Activity, Institution, Person, Registration
from pzss.events.services.certificates import certificates_issue
staff = get_user_model().objects.get(username="savetnica")
activity = Activity.objects.create(
    area=2, kind="education", title="Едукација „Мотивација запослених“", status="held",
    start_date=timezone.localdate() - dt.timedelta(days=3), hours=6, created_by=staff,
)
person = Person.objects.create(first_name="Љиљана", last_name="Ђурђевић", email="ljiljana@csr-primer.rs",
    institution=Institution.objects.get(name="ЦСР Кикинда"))
Registration.objects.create(activity=activity, person=person, institution=person.institution, status="attended")
print(certificates_issue(user=staff, activity=activity)[0].code)
"""


def _status(stack, event_id: int, email: str) -> str:
    return stack.sql(
        "SELECT r.status FROM core_registration r JOIN core_person p ON p.id = r.person_id"
        f" WHERE r.activity_id = {int(event_id)} AND p.email = '{email}'"
    )


def _sign_up(page, event_id: int, first: str, last: str, email: str) -> str:
    page.goto(f"/events/{event_id}/")
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", last)
    page.fill("input[name=email]", email)
    page.select_option("select[name=institution]", label="ЦСР Сомбор")
    page.select_option("select[name=position]", "supervisor")
    page.check("input[name=consent]")
    page.click("form.signup-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page.locator("main").inner_text()


def test_staff_plan_a_round_table_open_it_and_log_it_as_held(page, stack):
    login(page, "savetnica", "savetnica-2026")
    today = dt.date.today().isoformat()
    page.goto("/staff/activities/new/")
    page.select_option("select[name=area]", "1")
    page.select_option("select[name=kind]", "round_table")
    page.fill("input[name=title]", "Округли сто за супервизоре групе 2: „Извештавање супервизора“")
    page.fill("input[name=start_date]", today)
    page.fill("input[name=start_time]", "10:00")
    page.fill("input[name=place]", "ЦСР Сомбор")
    page.check("input[name=is_public]")
    page.fill("input[name=capacity]", "25")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/staff/activities/\d+/$"))
    activity_id = int(re.search(r"/activities/(\d+)/", page.url).group(1))

    # Open it for sign-up.
    page.goto(f"/staff/events/{activity_id}/settings/")
    page.check("input[name=is_open]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert (
        stack.sql(f"SELECT is_open FROM core_eventsignup WHERE activity_id = {int(activity_id)}")
        == "t"
    )
    page.goto(f"/events/{activity_id}/")
    page.locator("form.signup-form").wait_for()

    # Later: log it as held, with its participants.
    page.goto(f"/staff/activities/{activity_id}/held/")
    page.fill("textarea[name=outcome]", "Договорене теме за наредни сусрет.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/staff/activities/{activity_id}/")
    page.fill("input[name=new-first_name]", "Драгана")
    page.fill("input[name=new-last_name]", "Шушњар")
    page.fill("input[name=new-email]", "dragana.susnjar@csr-primer.rs")
    page.locator("form:has(input[name=new-first_name]) button[type=submit]").click()
    page.locator("#participants").get_by_text("Драгана Шушњар").wait_for()
    assert stack.sql(f"SELECT status FROM core_activity WHERE id = {int(activity_id)}") == "held"
    assert _status(stack, int(activity_id), "dragana.susnjar@csr-primer.rs") == "attended"
    shot(page, "staff-round-table-held")


def test_a_supervisor_signs_up_cancels_by_the_link_and_the_first_waiting_gets_the_seat(
    browser, stack
):
    event_id = int(
        stack.manage(
            "shell", "-c", EVENT_SETUP.format(title="Округли сто групе 2", seats=1)
        ).split()[-1]
    )
    first_ctx = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    second_ctx = browser.new_context(
        base_url=stack.base_url, locale="sr-RS", viewport={"width": 360, "height": 740}
    )
    first, second = first_ctx.new_page(), second_ctx.new_page()
    text = _sign_up(first, event_id, "Весна", "Илић", "vesna.ilic@csr-primer.rs")
    assert _status(stack, event_id, "vesna.ilic@csr-primer.rs") == "confirmed", text
    _sign_up(second, event_id, "Горан", "Ђорђевић", "goran.djordjevic@csr-primer.rs")
    shot(second, "supervisor-waiting-list-phone")
    assert _status(stack, event_id, "goran.djordjevic@csr-primer.rs") == "waitlisted"

    # The confirmation e-mail carries the personal link; cancelling there frees the seat.
    mail = stack.wait_for_mail("vesna.ilic@csr-primer.rs")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/registrations/[^\s/]+/", body).group(0)
    assert any(
        part.get_filename() and part.get_filename().endswith(".ics")
        for part in mail.iter_attachments()
    )
    first.goto(link)
    first.once("dialog", lambda dialog: dialog.accept())  # "Cancel your registration?"
    first.click("main form button[type=submit]")
    first.wait_for_load_state("networkidle")
    shot(first, "supervisor-cancelled")
    assert _status(stack, event_id, "vesna.ilic@csr-primer.rs") == "cancelled"
    assert _status(stack, event_id, "goran.djordjevic@csr-primer.rs") == "confirmed"
    stack.wait_for_mail("goran.djordjevic@csr-primer.rs", timeout=60)
    first_ctx.close()
    second_ctx.close()


def test_the_public_read_the_programme_in_latin_download_it_and_verify_a_certificate(page, stack):
    code = stack.manage("shell", "-c", CERTIFICATE_SETUP).split()[-1]
    page.goto("/")
    page.click("a[hreflang=sr-Latn]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "sr-Latn"
    page.goto("/programme/")
    page.locator("a[href='/programme/2021/']").first.click()
    page.wait_for_url("**/programme/2021/")
    main = page.locator("main").inner_text()
    assert "Program rada Pokrajinskog zavoda za socijalnu zaštitu" in main
    assert "Стручна" not in main  # no Cyrillic left in Latin script
    shot(page, "public-programme-latin")

    page.goto("/programme/2021/pdf/")
    link = page.locator("a[href$='/download/']")
    link.wait_for(timeout=120_000)
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    page.goto("/certificates/")
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    assert "Ljiljana Đurđević" in text
    assert "ljiljana@csr-primer.rs" not in text  # only what the certificate itself shows
    shot(page, "public-certificate-verified")
