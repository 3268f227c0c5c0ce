"""Unplanned activities: held activities of the year that realise no target are listed
on the realisation page for staff, who link each to a target or mark it as outside the
programme with a reason (undo possible). Through the rendered page: GET, find the real
form, POST it."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from programme import selectors, services
from programme.models import OutsideProgramme, RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, ActivityStatus, AuditEntry
from tests.core.soup import fill, messages_on, soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030
URL = f"/programme/{YEAR}/realisation/"


def _activity(title, *, area=1, status=ActivityStatus.HELD, year=YEAR, **kw):
    return Activity.objects.create(
        area=area,
        kind=kw.pop("kind", ActivityKind.WORKING_VISIT),
        title=title,
        start_date=dt.date(year, 4, 2),
        status=status,
        cancel_reason="Отказано." if status == ActivityStatus.CANCELLED else "",
        **kw,
    )


@pytest.fixture
def published():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def target(published) -> Target:
    return first_target(published)


def _item(page, activity):
    return page.find(id=f"unplanned-{activity.pk}")


def _form(node, action: str):
    for form in node.find_all("form", method="post"):
        if form["action"].endswith(f"/{action}/"):
            return form
    raise AssertionError(f"no {action} form")


def test_held_activities_realising_no_target_are_listed(staff_client, target):
    free = _activity("Посета ван плана")
    linked = _activity("Повезана посета")
    target.activities.add(linked)
    _activity("Планирана", status=ActivityStatus.PLANNED)
    _activity("Отказана", status=ActivityStatus.CANCELLED)
    _activity("Прошлогодишња", year=YEAR - 1)

    page = soup(staff_client.get(URL))

    items = page.select("#unplanned .unplanned-list > li")
    assert [li["id"] for li in items] == [f"unplanned-{free.pk}"]
    # The link form offers the targets of the activity's area.
    options = _item(page, free).select("select[name=target] option")
    area_one = Target.objects.of_revision(target.goal.section.revision).filter(
        goal__section__area=1
    )
    assert {int(o["value"]) for o in options} == set(area_one.values_list("pk", flat=True))


def test_staff_link_an_unplanned_activity_and_the_targets_figure_changes(
    staff_client, staff_user, target
):
    free = _activity("Посета ван плана")
    page = soup(staff_client.get(URL))
    before = page.find("tr", id=f"target-{target.pk}").select_one(".held").get_text(strip=True)
    form = _form(_item(page, free), "link")

    response = staff_client.post(
        form["action"], fill(form, {"target": str(target.pk)}), follow=True
    )

    assert before == "0"
    page = soup(response)
    assert page.find("tr", id=f"target-{target.pk}").select_one(".held").get_text(strip=True) == "1"
    assert _item(page, free) is None
    assert "now counts towards" in " ".join(messages_on(page))
    assert target.activities.filter(pk=free.pk).exists()


def test_a_target_of_another_area_is_refused(staff_client, published):
    free = _activity("Посета ван плана")
    other_area = Target.objects.of_revision(published).filter(goal__section__area=2).first()
    form = _form(_item(soup(staff_client.get(URL)), free), "link")
    response = staff_client.post(form["action"], {"target": other_area.pk}, follow=True)
    assert "another area" in " ".join(messages_on(soup(response)))
    assert not other_area.activities.exists()


def test_staff_mark_an_activity_outside_with_a_reason_and_undo_it(staff_client, staff_user, target):
    free = _activity("Конференција партнера", kind=ActivityKind.CONFERENCE)
    form = _form(_item(soup(staff_client.get(URL)), free), "outside")

    # A reason is required.
    response = staff_client.post(form["action"], fill(form, {"reason": "  "}), follow=True)
    assert _item(soup(response), free) is not None
    assert not OutsideProgramme.objects.exists()

    response = staff_client.post(
        form["action"], fill(form, {"reason": "Скуп партнера, на позив."}), follow=True
    )
    page = soup(response)
    assert _item(page, free) is None
    outside = page.find("details", id="outside")
    assert outside is not None and not outside.has_attr("open")
    assert "Skup partnera, na poziv." in outside.get_text(" ", strip=True)
    ct = ContentType.objects.get_for_model(Activity)
    entry = AuditEntry.objects.get(content_type=ct, object_id=free.pk)
    assert entry.action == "programme_activity_outside"
    assert entry.actor == staff_user

    undo = _form(outside, "undo")
    page = soup(staff_client.post(undo["action"], fill(undo, {}), follow=True))
    assert _item(page, free) is not None
    assert page.find("details", id="outside") is None
    assert AuditEntry.objects.filter(action="programme_activity_outside_undo").count() == 1


def test_the_reason_has_a_length_cap(staff_user, target):
    free = _activity("Конференција партнера")
    with pytest.raises(ValidationError):
        services.activity_mark_outside(user=staff_user, activity=free, reason="д" * 501)
    services.activity_mark_outside(user=staff_user, activity=free, reason="д" * 500)


def test_an_activity_that_realises_a_target_or_is_not_held_cannot_be_marked(staff_user, target):
    linked = _activity("Повезана")
    target.activities.add(linked)
    planned = _activity("Планирана", status=ActivityStatus.PLANNED)
    for activity in (linked, planned):
        with pytest.raises(ValidationError):
            services.activity_mark_outside(user=staff_user, activity=activity, reason="Зато.")
    assert not OutsideProgramme.objects.exists()


def test_linking_a_marked_activity_removes_the_mark(staff_user, target):
    free = _activity("Посета")
    services.activity_mark_outside(user=staff_user, activity=free, reason="Мислили смо.")
    services.target_activity_link(user=staff_user, target=target, activity=free)
    assert not OutsideProgramme.objects.exists()
    result = selectors.realisation(user=staff_user, year=YEAR)
    assert result.unplanned == [] and result.outside == []


def test_the_director_sees_and_uses_the_list(director_client, target):
    free = _activity("Посета ван плана")
    form = _form(_item(soup(director_client.get(URL)), free), "outside")
    director_client.post(form["action"], fill(form, {"reason": "Ван програма."}))
    assert OutsideProgramme.objects.filter(activity=free).exists()


def test_nobody_without_a_role_reaches_the_list_or_its_actions(plain_client, target):
    free = _activity("Посета ван плана")
    action = f"/programme/{YEAR}/realisation/activities/{free.pk}/outside/"
    anonymous = Client()
    assert anonymous.get(URL).status_code == 302
    assert anonymous.post(action, {"reason": "x"}).status_code == 302
    assert plain_client.get(URL).status_code == 403
    assert plain_client.post(action, {"reason": "x"}).status_code == 403
    assert not OutsideProgramme.objects.exists()


def test_the_services_refuse_a_user_without_a_role(plain_user, target):
    free = _activity("Посета ван плана")
    with pytest.raises(PermissionDenied):
        services.activity_mark_outside(user=plain_user, activity=free, reason="x")
    with pytest.raises(PermissionDenied):
        services.activity_outside_undo(user=plain_user, activity=free)


def test_public_pages_show_no_unplanned_list(client, target):
    _activity("Посета ван плана")
    page = client.get(f"/programme/{YEAR}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "unplanned" not in text
    assert "Посета ван плана" not in text and "Poseta van plana" not in text


def test_the_page_with_unplanned_outside_and_notes_is_valid_html(staff_client, staff_user, target):
    from tests.core.test_valid_html import html_problems

    _activity("Посета ван плана")
    marked = _activity("Скуп партнера")
    services.activity_mark_outside(user=staff_user, activity=marked, reason="На позив.")
    services.target_note_save(user=staff_user, target=target, quarter=1, text="Белешка.")
    response = staff_client.get(URL)
    assert html_problems(response.content.decode()) == []
