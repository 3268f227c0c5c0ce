"""Fixtures of the sign-up tests: a public event open for sign-up, institutions of the
reference data, the rendered-form helpers, and eager Celery for e-mail tests."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
    StandingGroup,
)
from pzss.events.models import EventSignup
from pzss.lib.translit import to_latin


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Each test that wants the limit sets it; the rest must not trip over each other.
    settings.REGISTRATION_RATE_LIMIT = ""


@pytest.fixture
def client(client):
    """Pages in English, so assertions read the source strings; tests of the scripts set
    the language cookie themselves."""
    client.cookies["django_language"] = "en"
    return client


def make_event(*, capacity=10, admission="anyone", days_ahead=10, length_days=1, **signup):
    start = timezone.localdate() + dt.timedelta(days=days_ahead)
    activity = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Округли сто: Вештине доношења одлука",
        start_date=start,
        end_date=start + dt.timedelta(days=length_days - 1) if length_days > 1 else None,
        start_time=dt.time(10, 0),
        place="ЦСР Сомбор",
        status=ActivityStatus.SCHEDULED,
        is_public=True,
        capacity=capacity,
        hours=6,
    )
    EventSignup.objects.create(activity=activity, admission=admission, **signup)
    return activity


@pytest.fixture
def event(db):
    return make_event(capacity=10)


@pytest.fixture
def sombor(db):
    return Institution.objects.get(name="ЦСР Сомбор")


@pytest.fixture
def stara_pazova(db):
    return Institution.objects.get(name="ЦСР Стара Пазова")


@pytest.fixture
def group2(db):
    return StandingGroup.objects.get(name="Група супервизора 2")


# --- forms through the rendered page ----------------------------------------------------------


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_by_action(page: BeautifulSoup, action: str):
    for form in page.find_all("form"):
        if form.get("action", "") == action:
            return form
    raise AssertionError(f"no form posting to {action!r} on the page")


def form_data(form) -> dict:
    """What a browser would send before the user types: {name: value}."""
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = field.get("type", "text").lower()
            if kind in {"submit", "button", "file", "search"}:
                continue
            if kind in {"checkbox", "radio"}:
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.text
    return data


def option_value(form, name: str, label: str) -> str:
    """The value of the option labelled `label` in select `name` (as a person picks it)."""
    select = form.find("select", attrs={"name": name})
    for option in select.find_all("option"):
        if option.text.strip() in {label, to_latin(label)}:
            return option["value"]
    raise AssertionError(f"no option {label!r} in {name}")


def radio_values(form, name: str) -> list[str]:
    return [r["value"] for r in form.find_all("input", attrs={"type": "radio", "name": name})]


def sign_up(
    client,
    activity,
    *,
    first="Ана",
    last="Јовановић",
    email="ana@example.rs",
    institution="ЦСР Сомбор",
    consent=True,
    extra=None,
    **kwargs,
):
    """GET the event page, fill the sign-up form that is there, POST it back."""
    page = client.get(f"/events/{activity.pk}/")
    assert page.status_code == 200, page.status_code
    action = f"/events/{activity.pk}/register/"
    form = form_by_action(soup(page), action)
    data = form_data(form)
    data.update(first_name=first, last_name=last, email=email)
    if institution is not None:
        data["institution"] = option_value(form, "institution", institution)
    if consent:
        assert form.find("input", attrs={"name": "consent", "type": "checkbox"})
        data["consent"] = "on"
    data.update(extra or {})
    return client.post(action, data, **kwargs)
