"""Every form the URL walker finds, posted with hostile input — script, template syntax, a
NUL byte, 100,000 characters, invisible characters, spreadsheet formula prefixes — never
answers 500, and a form that is refused stores nothing."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from tests.core.test_access import PUBLIC, STAFF_ONLY, _params, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    "{{ 7|add:7 }}{% debug %}",
    "a\x00b",
    "x" * 100_000,
    "\u202eevil\u200b\u2066name\u2069",
    '=HYPERLINK("http://example.com","x")',
    "+1+1",
    "@SUM(A1)",
    "-1",
]
TEXT_INPUTS = {"text", "email", "search", "url", "tel", "number", "date", "datetime-local",
               "time", "month", "password", ""}  # fmt: skip


@pytest.fixture
def open_world(world):  # noqa: F811
    """The walker's world with its sample event open for sign-up, so the public walk
    posts the sign-up form too."""
    from pzss.events.models import EventSignup
    from tests.core.test_access import SAMPLE_PK

    EventSignup.objects.create(activity_id=SAMPLE_PK)
    return world


def _row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"core", "events", "documents", "programme", "support", "outreach"}
        and m._meta.label != "core.AuditEntry"
    }


def _forms(html: str):
    page = BeautifulSoup(html, "html.parser")
    main = page.find("main") or page
    return [f for f in main.find_all("form") if (f.get("method") or "").lower() == "post"]


def _hostile_data(form, value: str) -> dict:
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = (field.get("type") or "").lower()
            if kind in {"submit", "button", "file", "checkbox", "radio"}:
                if kind in {"checkbox", "radio"} and field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            if kind == "hidden":
                data[name] = field.get("value", "")
                continue
            if kind in TEXT_INPUTS:
                data[name] = value
        elif field.name == "select":
            options = field.find_all("option")
            chosen = next((o for o in options if o.get("value")), None)
            data[name] = chosen.get("value", "") if chosen else value
        else:
            data[name] = value
    return data


def _post_every_form(client, url: str) -> list[str]:
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return []
    problems = []
    for form in _forms(page.content.decode()):
        action = form.get("action") or url
        for value in HOSTILE:
            before = _row_counts()
            response = client.post(action, _hostile_data(form, value))
            if response.status_code >= 500:
                problems.append(f"{action} answered {response.status_code} to {value[:30]!r}")
            elif response.status_code in {400, 403, 404, 422, 429} and _row_counts() != before:
                problems.append(f"{action} refused {value[:30]!r} but stored something")
    return problems


@pytest.mark.parametrize("route", _params(STAFF_ONLY))
def test_hostile_input_to_every_staff_form_never_breaks_and_a_refusal_stores_nothing(
    staff_client,
    world,  # noqa: F811
    route,
):
    assert _post_every_form(staff_client, route.url(world)) == []


@pytest.mark.parametrize("route", _params(PUBLIC))
def test_hostile_input_to_every_public_form_never_breaks_and_a_refusal_stores_nothing(
    client,
    open_world,
    route,
    settings,
):
    settings.REGISTRATION_RATE_LIMIT = ""
    assert _post_every_form(client, route.url(open_world)) == []


def test_the_walk_really_posts_forms_and_sees_refusals(staff_client, client, open_world):
    """The walk above passes only if it posts: the activity form and the public sign-up
    form are found, filled and refused for a 100,000-character title or name."""
    from tests.core.test_access import SAMPLE_PK

    for c, url in ((staff_client, "/staff/activities/new/"), (client, f"/events/{SAMPLE_PK}/")):
        forms = _forms(c.get(url).content.decode())
        assert forms, url
    [form] = _forms(staff_client.get("/staff/activities/new/").content.decode())
    before = _row_counts()
    response = staff_client.post("/staff/activities/new/", _hostile_data(form, "x" * 100_000))
    assert response.status_code == 400
    assert _row_counts() == before
