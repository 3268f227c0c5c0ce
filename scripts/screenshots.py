"""Take screenshots of the main pages in headless Chromium (Debian's /usr/bin/chromium).

Usage: start the portal (`make run`), then
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--lang sr]
Pages that need a login log in as the demo staff account first.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

PAGES = [
    ("dashboard", "/staff/", True),
    ("activity-list", "/staff/activities/", True),
    ("activity-form", "/staff/activities/new/", True),
    ("home", "/", False),
    ("events", "/events/", False),
    ("programme", "/programme/2021/", False),
    ("realisation-dashboard", "/programme/2026/realisation/", True),
    ("programme-progress", "/programme/2026/progress/", False),
    ("realisation-report-page", "/programme/2026/report/", True),
    ("realisation-dashboard-filtered", "/programme/2026/realisation/?area=1&quarter=3", True),
    # the first held activity of the list (a path ending in "#first" follows the first link)
    ("activity-detail", "/staff/activities/?status=held#first", True),
    # the public pages, as a visitor sees them (no login)
    ("news-list", "/news/", False),
    ("news-item", "/news/#first", False),
    ("library", "/publications/", False),
    ("publication", "/publications/?kind=report#first", False),
    ("area-iii", "/areas/iii/", False),
    ("search", "/search/?q=извештај", False),
    ("search-latin-query", "/search/?q=izvestaj", False),
]
# The first link of a page's list, for a path ending in "#first".
FIRST_LINK = "main table tbody a, main .news-list h2 a, main .publication-item h2 a"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--lang", default="sr", choices=["sr", "sr-latn", "en"])
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--width", type=int, default=1366)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": args.width, "height": 900},
            locale="sr-RS" if args.lang != "en" else "en-GB",
        )
        context.add_cookies([{"name": "django_language", "value": args.lang, "url": args.base}])
        visitor = browser.new_context(
            viewport={"width": args.width, "height": 900},
            locale="sr-RS" if args.lang != "en" else "en-GB",
        )
        visitor.add_cookies([{"name": "django_language", "value": args.lang, "url": args.base}])
        anonymous = visitor.new_page()
        page = context.new_page()
        page.goto(f"{args.base}/accounts/login/")
        page.fill("input[name=username]", "savetnica")
        page.fill("input[name=password]", "savetnica-2026")
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        for name, path, login in PAGES:
            if args.only and name not in args.only:
                continue
            tab = page if login else anonymous
            tab.goto(f"{args.base}{path}")
            tab.wait_for_load_state("networkidle")
            if path.endswith("#first"):
                tab.locator(FIRST_LINK).first.click()
                tab.wait_for_load_state("networkidle")
            suffix = "" if args.lang == "sr" else f"-{args.lang}"
            if args.width != 1366:
                suffix += f"-{args.width}"
            target = OUT / f"{name}{suffix}.png"
            tab.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
