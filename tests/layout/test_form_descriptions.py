"""Every help text and every error of a form is connected to its field, so a screen reader
reads it with the field: each `aria-describedby` names an element that is on the page,
and each help text (`.form-text`) and error (`.invalid-feedback`) is named by the
`aria-describedby` of a field. Checked on every page the URL walker finds, staff and
public, as the form first comes (help texts) and as it comes back refused (errors)."""

import pytest
from bs4 import BeautifulSoup

from tests.core.test_access import PUBLIC, STAFF_ONLY, _params, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

DESCRIPTIONS = ".form-text, .invalid-feedback"


@pytest.fixture
def open_world(world):  # noqa: F811
    """The walker's world with its sample event open for sign-up (the public form)."""
    from pzss.events.models import EventSignup
    from tests.core.test_access import SAMPLE_PK

    EventSignup.objects.create(activity_id=SAMPLE_PK)
    return world


def _problems(html: str, url: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    main = page.find("main") or page
    ids = {e["id"] for e in page.find_all(id=True)}
    referenced: set[str] = set()
    problems = []
    for element in main.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            referenced.add(ref)
            if ref not in ids:
                problems.append(f"{url}: {element.get('name') or element.name} names #{ref}")
    for form in main.find_all("form"):
        for description in form.select(DESCRIPTIONS):
            chain = [description, *description.parents]
            if not any(e.get("id") in referenced for e in chain if getattr(e, "get", None)):
                text = " ".join(description.get_text().split())[:50]
                problems.append(f"{url}: {text!r} is no field's description")
    return problems


def _refused_data(form) -> dict:
    """Only the hidden fields: every required field is left empty, so it shows its error."""
    return {
        f["name"]: f.get("value", "")
        for f in form.find_all("input", attrs={"type": "hidden", "name": True})
    }


def _check_every_form(client, url: str) -> tuple[list[str], int]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return [], 0
    html = response.content.decode()
    problems = _problems(html, url)
    forms = [
        f
        for f in (BeautifulSoup(html, "html.parser").find("main") or BeautifulSoup()).find_all(
            "form"
        )
        if (f.get("method") or "").lower() == "post"
    ]
    for form in forms:
        action = form.get("action") or url
        refused = client.post(action, _refused_data(form))
        if "text/html" in refused.get("Content-Type", "") and refused.status_code in {200, 400}:
            problems += _problems(refused.content.decode(), f"{action} (refused)")
    return problems, len(forms)


@pytest.mark.parametrize("route", _params(STAFF_ONLY))
def test_every_help_text_and_error_of_a_staff_form_is_connected_to_its_field(
    staff_client,
    world,  # noqa: F811
    route,
):
    problems, _forms = _check_every_form(staff_client, route.url(world))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("route", _params(PUBLIC))
def test_every_help_text_and_error_of_a_public_form_is_connected_to_its_field(
    client, open_world, route, settings
):
    settings.REGISTRATION_RATE_LIMIT = ""
    problems, _forms = _check_every_form(client, route.url(open_world))
    assert not problems, "\n".join(problems)


def test_the_sign_up_forms_email_help_text_is_the_fields_description(english, open_world):
    from tests.core.test_access import SAMPLE_PK

    page = BeautifulSoup(english.get(f"/events/{SAMPLE_PK}/").content, "html.parser")
    email = page.find("input", attrs={"name": "email"})
    [help_id] = email["aria-describedby"].split()
    assert "personal link" in page.find(id=help_id).get_text()
    refused = BeautifulSoup(
        english.post(f"/events/{SAMPLE_PK}/register/", {}).content, "html.parser"
    )
    email = refused.find("input", attrs={"name": "email"})
    described = " ".join(refused.find(id=i).get_text() for i in email["aria-describedby"].split())
    assert "personal link" in described
    assert "required" in described.lower()


def test_the_walk_really_sees_refused_staff_forms(staff_client, world):  # noqa: F811
    """The walk above passes only if it sees errors: the activity form, posted empty,
    comes back with its errors, each the description of its field."""
    [form] = [
        f
        for f in BeautifulSoup(staff_client.get("/staff/activities/new/").content, "html.parser")
        .find("main")
        .find_all("form")
        if (f.get("method") or "").lower() == "post"
    ]
    refused = staff_client.post("/staff/activities/new/", _refused_data(form))
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.select(".invalid-feedback")
    assert _problems(refused.content.decode(), "/staff/activities/new/") == []
