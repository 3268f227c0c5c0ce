"""Journey: the realisation of the demo's programme in force, as staff see it during the
year. Staff narrow the dashboard to one area, link a held activity that realised no
target to the target it realises, and the target's figure goes up by one — on the page
they came back to, still narrowed."""

import datetime as dt

from tests.e2e.conftest import login, shot

YEAR = dt.date.today().year  # the demo's programme is the current year's


def test_staff_link_an_unplanned_activity_and_the_target_counts_it(browser, stack):
    context = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, "savetnica", "savetnica-2026")

    page.goto(f"/programme/{YEAR}/realisation/")
    page.select_option("#f-area", "3")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/realisation/?area=3**")
    item = page.locator(".unplanned-list > li").first
    title = item.locator("strong").first.inner_text()
    select = item.locator("select[name=target]")
    target_pk = select.locator("option").first.get_attribute("value")
    before = int(page.locator(f"#target-{target_pk} .held").inner_text())
    select.select_option(target_pk)
    item.locator("button", has_text="Повежи").click()

    page.wait_for_url(f"**/realisation/?area=3#target-{target_pk}")
    assert page.locator(".alert-success").filter(has_text=title).count() == 1
    assert int(page.locator(f"#target-{target_pk} .held").inner_text()) == before + 1
    assert page.locator(".unplanned-list strong", has_text=title).count() == 0
    page.locator(f"#target-{target_pk}").scroll_into_view_if_needed()
    shot(page, "realisation-linked")
    context.close()
