"""A phone: at 360 px no page scrolls sideways and the small links are at least 24×24 px;
the phone screenshots of the public pages."""

from tests.e2e.conftest import PHONE, SHOTS, login, phone_context, public_pages, staff_pages


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _too_wide(page, urls) -> dict[str, int]:
    wide = {}
    for url in urls:
        page.goto(url)
        width = _width(page)
        if width > PHONE["width"]:
            wide[url] = width
    return wide


def test_no_public_page_scrolls_sideways_on_a_360px_phone(browser, stack, sample):
    context = phone_context(browser, stack)
    page = context.new_page()
    assert _too_wide(page, public_pages(sample)) == {}
    context.close()


def test_no_main_staff_page_scrolls_sideways_on_a_360px_phone(browser, stack, sample):
    context = phone_context(browser, stack)
    page = context.new_page()
    login(page, "savetnica", "savetnica-2026")
    assert _too_wide(page, staff_pages(sample)) == {}
    context.close()


SMALL_LINKS = {
    "/": ".site-footer a",
    "/programme/2021/": "nav.doc-toc a",
}


def test_the_footer_and_the_programme_contents_links_are_at_least_24px_touch_targets(
    browser, stack
):
    context = phone_context(browser, stack)
    page = context.new_page()
    small = []
    for url, selector in SMALL_LINKS.items():
        page.goto(url)
        boxes = page.eval_on_selector_all(
            selector,
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [e.textContent.trim().slice(0, 40), r.width, r.height]; })",
        )
        assert boxes, f"no links matched {selector} on {url}"
        small += [(url, *box) for box in boxes if box[1] < 24 or box[2] < 24]
    assert small == []
    context.close()


def test_phone_screenshots_of_the_public_pages(browser, stack, sample):
    context = phone_context(browser, stack)
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (
        ("home", "/"),
        ("events", "/events/"),
        ("event", f"/events/{sample['event']}/"),
        ("programme", "/programme/2021/"),
    ):
        page.goto(url)
        if name == "programme":  # hundreds of screens long: show a reflowed task table
            page.locator(".doc-targets").first.evaluate(
                "e => e.scrollIntoView({behavior: 'instant'})"
            )
        page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=name != "programme")
        assert _width(page) <= PHONE["width"], url
    context.close()
