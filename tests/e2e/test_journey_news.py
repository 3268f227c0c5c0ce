"""Journey: staff log a round table as held, start a news item from its page, publish it;
a visitor finds it on the home page, on the news page and in the Atom feed at once, and
by searching in Latin, without diacritics, for words it has in Cyrillic."""

import datetime as dt

from defusedxml import ElementTree

from pzss.lib.translit import to_latin
from tests.e2e.conftest import login, shot

ATOM = "{http://www.w3.org/2005/Atom}"
ROUND_TABLE = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from pzss.core.models import Activity, Institution, Person, Registration
staff = get_user_model().objects.get(username="savetnica")
activity = Activity.objects.create(
    area=1, kind="round_table", title="Округли сто „Вештине доношења одлука“",
    start_date=timezone.localdate(), place="ЦСР Стара Пазова", status="scheduled",
    created_by=staff,
)
for town in ("Ириг", "Инђија", "Рума"):
    inst = Institution.objects.get(name="ЦСР " + town)
    person = Person.objects.create(first_name="Супервизор", last_name=town, institution=inst)
    Registration.objects.create(activity=activity, person=person, institution=inst,
                                position="supervisor", status="confirmed")
print(activity.pk)
"""


def test_news_from_a_held_round_table_reaches_the_home_page_and_the_feed(browser, stack):
    pk = stack.manage("shell", "-c", ROUND_TABLE).split()[-1]
    staff = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    s = staff.new_page()
    s.set_default_timeout(30_000)
    login(s, "savetnica", "savetnica-2026")

    # Held today.
    today = dt.date.today()
    s.goto(f"/staff/activities/{pk}/held/")
    s.fill("input[name=start_date]", today.isoformat())
    s.fill("textarea[name=outcome]", "Договорене су теме за наредни сусрет.")
    s.click("main form button[type=submit]")
    s.wait_for_url(f"**/staff/activities/{pk}/")

    # A news item written from it: title, date and place already there.
    s.click(f"a[href='/staff/outreach/news/new/?activity={pk}']")
    s.wait_for_url("**/staff/outreach/news/new/**")
    title = s.locator("input[name=title]").input_value()
    lead = s.locator("textarea[name=lead]").input_value()
    assert today.strftime("%d.%m.%Y.") in lead and "одржана је активност" in lead
    body = s.locator("textarea[name=body]").input_value()
    assert "Присуствовали су супервизори ЦСР Ириг, Инђија и Рума. Укупно учесника: 3." in body
    assert "Договорене су теме за наредни сусрет." in body
    s.fill("input[name=title]", title + " — вест")
    shot(s, "news-from-activity")
    s.click("main form button[name=publish]")
    s.wait_for_url("**/staff/outreach/news/*/")
    staff.close()

    # A visitor (the public pages are cached; the publication shows at once).
    visitor = browser.new_context(base_url=stack.base_url, locale="sr-RS")
    v = visitor.new_page()
    v.set_default_timeout(30_000)
    v.goto("/")
    link = v.locator(".news-latest a", has_text=title + " — вест")
    link.wait_for()
    link.click()
    v.wait_for_url("**/news/*/*/")
    assert lead in v.locator("main .lead").inner_text()
    feed = ElementTree.fromstring(v.request.get("/feeds/news.atom").body())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles[0] == title + " — вест"

    # In Latin, from the header's search box, typed without diacritics: the Cyrillic
    # item is found and shown in Latin, the words typed marked.
    v.click("a[hreflang=sr-Latn]")
    v.fill("#site-search-q", "vestine donosenja")
    v.press("#site-search-q", "Enter")
    v.wait_for_url("**/search/?q=vestine+donosenja")
    latin = to_latin(title + " — вест")
    hit = v.locator(".search-result h2 a", has_text=latin)
    hit.wait_for()
    assert hit.locator("mark").first.inner_text() == "Veštine"
    shot(v, "search-latin")
    hit.click()
    v.wait_for_url("**/news/*/*/")
    assert v.locator("h1").inner_text() == latin
    visitor.close()
