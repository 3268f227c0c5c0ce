"""Every page the URL walker opens (tests/core/test_access.py) is HTML a validator
accepts as far as Python's html.parser can tell: no attribute outside HTML (htmx's are
written `data-hx-*`, which htmx reads as well), no id twice on one page, every
element closed where it was opened, and no scroll box (`table-responsive`) inside another,
where a phone would show two scroll areas one in the other."""

from html.parser import HTMLParser

import pytest

from tests.core.test_access import (
    INSTITUTION_ONLY,
    OBJECT_LEVEL_ROUTES,
    PUBLIC,
    STAFF_ONLY,
    _params,
    institution_user,  # noqa: F401 (an institution's login, a fixture)
    world,  # noqa: F401 (the walker's objects, a fixture)
)

pytestmark = pytest.mark.django_db

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Elements whose end tag HTML lets a page leave out; closing their parent closes them.
OPTIONAL_END = {
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
}  # fmt: skip


class PageChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.open: list[tuple[str, int, bool]] = []

    def _where(self) -> str:
        return f"line {self.getpos()[0]}"

    def _attributes(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("hx-"):
                self.problems.append(f"{self._where()}: <{tag} {name}> is not HTML (data-{name})")
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"{self._where()}: id {value!r} twice")
                self.ids.add(value)

    def handle_starttag(self, tag, attrs):
        self._attributes(tag, attrs)
        box = "table-responsive" in (dict(attrs).get("class") or "").split()
        if box:
            outer = [line for _name, line, is_box in self.open if is_box]
            if outer:
                self.problems.append(
                    f"{self._where()}: a table-responsive box inside the one of line {outer[-1]}"
                )
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0], box))

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"{self._where()}: </{tag}> closes a void element")
            return
        names = [name for name, _line, _box in self.open]
        if tag not in names:
            self.problems.append(f"{self._where()}: </{tag}> closes nothing open")
            return
        while self.open:
            name, line, _box = self.open.pop()
            if name == tag:
                return
            if name not in OPTIONAL_END:
                self.problems.append(
                    f"{self._where()}: </{tag}> closes <{name}> of line {line}, still open"
                )

    def close(self):
        super().close()
        for name, line, _box in self.open:
            if name not in OPTIONAL_END:
                self.problems.append(f"<{name}> of line {line} is never closed")


def html_problems(html: str) -> list[str]:
    checker = PageChecker()
    checker.feed(html)
    checker.close()
    return checker.problems


def _check(response, route):
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return
    assert html_problems(response.content.decode()) == [], route.id


@pytest.mark.parametrize("route", _params(STAFF_ONLY + OBJECT_LEVEL_ROUTES))
def test_every_staff_page_is_valid_html(staff_client, world, route):  # noqa: F811
    _check(staff_client.get(route.url(world)), route)


@pytest.mark.parametrize("route", _params(INSTITUTION_ONLY))
def test_every_institution_page_is_valid_html(client, institution_user, world, route):  # noqa: F811
    client.force_login(institution_user)
    _check(client.get(route.url(world)), route)


@pytest.mark.parametrize("route", _params(PUBLIC))
def test_every_public_page_is_valid_html(client, world, route):  # noqa: F811
    _check(client.get(route.url(world)), route)


def test_the_checker_finds_what_a_validator_would():
    assert html_problems('<div hx-get="/x"></div>') == [
        "line 1: <div hx-get> is not HTML (data-hx-get)"
    ]
    assert html_problems('<p id="a"></p><p id="a"></p>') == ["line 1: id 'a' twice"]
    assert html_problems("<div><span></div>") == [
        "line 1: </div> closes <span> of line 1, still open"
    ]
    assert html_problems("<section><div></section>")
    assert html_problems("<main>") == ["<main> of line 1 is never closed"]
    assert html_problems("<ul><li>one<li>two</ul><table><tr><td>x</table><br>") == []
    assert html_problems('<div data-hx-get="/x"><input></div>') == []
    nested = '<div class="table-responsive">\n<div class="x table-responsive"><table></table>'
    assert html_problems(nested + "</div></div>") == [
        "line 2: a table-responsive box inside the one of line 1"
    ]
    side_by_side = '<div class="table-responsive"><table></table></div>' * 2
    assert html_problems(side_by_side) == []
