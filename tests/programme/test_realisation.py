"""Realisation: staff link activities to the programme's targets, and read planned
against realised. Through the rendered pages: GET, find the real form, POST it."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from programme import selectors, services
from programme.models import RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, ActivityStatus, AuditEntry
from pzss.lib.translit import to_latin
from tests.core.soup import fill, messages_on, soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030


def _activity(title="Радна посета ЦСР Сомбор", *, area=1, kind=ActivityKind.WORKING_VISIT, **kw):
    values = {"start_date": dt.date(YEAR, 3, 10), "status": ActivityStatus.HELD, **kw}
    if values["status"] == ActivityStatus.CANCELLED:
        values.setdefault("cancel_reason", "Отказано.")
    return Activity.objects.create(area=area, kind=kind, title=title, **values)


@pytest.fixture
def published():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def target(published) -> Target:
    # Area I, working visits, 2 planned visits (see builders.make_revision).
    return first_target(published)


def _url(target) -> str:
    return f"/programme/{YEAR}/targets/{target.pk}/activities/"


def _button_form(page, action: str, activity: Activity):
    """The link or unlink form of one activity's row, as it is on the page."""
    for form in page.find_all("form", method="post"):
        field = form.find("input", attrs={"name": "activity"})
        kind = form.find("input", attrs={"name": "action"})
        if field and kind and field["value"] == str(activity.pk) and kind["value"] == action:
            return form
    raise AssertionError(f"no {action} form for {activity.title}")


def _post_form(client, url, form, values=None):
    target_url = form.get("action") or url
    return client.post(target_url, fill(form, values or {}), follow=True)


def _rows(page, table_id: str) -> list[str]:
    table = page.find("table", id=table_id)
    if table is None:
        return []
    return [tr.get_text(" ", strip=True) for tr in table.tbody.find_all("tr")]


# --- the page ---------------------------------------------------------------------------


def test_the_target_page_shows_the_target_and_the_candidates_of_its_year_and_area(
    staff_client, target
):
    visit = _activity("Радна посета ЦСР Сомбор")
    round_table = _activity("Округли сто супервизора", kind=ActivityKind.ROUND_TABLE)
    _activity("Отказана посета", status=ActivityStatus.CANCELLED)
    _activity("Посета из друге области", area=2)
    _activity("Посета из прошле године", start_date=dt.date(YEAR - 1, 5, 5))

    page = soup(staff_client.get(_url(target)))

    assert "Radne posete 1" in page.get_text()  # English readers see Latin script
    held = page.find(id="held-count").get_text(" ", strip=True)
    assert held == "0 held of 2 planned"
    rows = _rows(page, "candidates")
    # Same kind first, then the other kinds; nothing cancelled, of another area or year.
    assert len(rows) == 2
    assert to_latin(visit.title) in rows[0]
    assert to_latin(round_table.title) in rows[1]
    assert "Held" in rows[0]  # the status is a badge with a word
    assert page.find("a", href=reverse("core:activity_detail", args=[visit.pk]))


def test_staff_link_a_held_activity_through_the_page(staff_client, staff_user, target):
    visit = _activity()
    page = soup(staff_client.get(_url(target)))

    response = _post_form(staff_client, _url(target), _button_form(page, "link", visit))

    page = soup(response)
    assert any("now counts towards this target" in m for m in messages_on(page))
    assert list(target.activities.all()) == [visit]
    assert any(to_latin(visit.title) in row for row in _rows(page, "linked"))
    assert not any(to_latin(visit.title) in row for row in _rows(page, "candidates"))
    assert page.find(id="held-count").get_text(" ", strip=True) == "1 held of 2 planned"
    entry = AuditEntry.objects.get(
        action="programme_target_activity_link",
        content_type=ContentType.objects.get_for_model(Target),
        object_id=target.pk,
    )
    assert entry.actor == staff_user


def test_staff_unlink_an_activity_through_the_page(staff_client, target):
    visit = _activity()
    target.activities.add(visit)
    page = soup(staff_client.get(_url(target)))

    response = _post_form(staff_client, _url(target), _button_form(page, "unlink", visit))

    assert any("no longer counts" in m for m in messages_on(soup(response)))
    assert not target.activities.exists()
    assert AuditEntry.objects.filter(action="programme_target_activity_unlink").count() == 1


def test_an_activity_cancelled_after_the_page_was_shown_is_refused(staff_client, target):
    visit = _activity(status=ActivityStatus.SCHEDULED)
    page = soup(staff_client.get(_url(target)))
    form = _button_form(page, "link", visit)
    Activity.objects.filter(pk=visit.pk).update(
        status=ActivityStatus.CANCELLED, cancel_reason="Болест."
    )

    response = _post_form(staff_client, _url(target), form)

    assert any("cancelled" in m for m in messages_on(soup(response)))
    assert not target.activities.exists()
    assert not AuditEntry.objects.filter(action="programme_target_activity_link").exists()


def test_the_service_refuses_an_activity_of_another_area_or_year(staff_user, target):
    from django.core.exceptions import ValidationError

    for activity in (_activity(area=3), _activity(start_date=dt.date(YEAR + 1, 1, 5))):
        with pytest.raises(ValidationError):
            services.target_activity_link(user=staff_user, target=target, activity=activity)
    assert not target.activities.exists()


def test_linking_twice_makes_one_link_and_one_audit_entry(staff_user, target):
    visit = _activity()
    assert services.target_activity_link(user=staff_user, target=target, activity=visit)
    assert not services.target_activity_link(user=staff_user, target=target, activity=visit)
    assert target.activities.count() == 1
    assert AuditEntry.objects.filter(action="programme_target_activity_link").count() == 1


def test_the_search_finds_titles_in_either_script(staff_client, target):
    _activity("Радна посета ЦСР Сомбор")
    _activity("Радна посета ЦСР Панчево")

    page = soup(staff_client.get(_url(target), {"q": "Sombor"}))

    rows = _rows(page, "candidates")
    assert len(rows) == 1 and "Sombor" in rows[0]
    # The search is kept in the link form, so the page comes back to it after a link.
    assert page.find("input", attrs={"name": "q", "type": "hidden"})["value"] == "Sombor"


def test_candidates_are_paginated_by_25(staff_client, target):
    for i in range(30):
        _activity(f"Посета {i:02d}", start_date=dt.date(YEAR, 1, 1) + dt.timedelta(days=i))

    first = soup(staff_client.get(_url(target)))
    second = soup(staff_client.get(_url(target), {"page": 2}))

    assert len(_rows(first, "candidates")) == 25
    assert len(_rows(second, "candidates")) == 5
    assert "26–30 of 30" in second.get_text()


@pytest.mark.parametrize("n", [5, 50])
def test_the_target_page_has_a_constant_query_count(
    staff_client, target, django_assert_max_num_queries, n
):
    for i in range(n):
        _activity(f"Посета {i}", start_date=dt.date(YEAR, 1, 1) + dt.timedelta(days=i % 300))
    for i in range(n):
        target.activities.add(_activity(f"Повезана {i}"))
    # session, user, groups; the target with goal, section, revision and programme; the
    # revision in force; the open amendment; linked activities; the target's figures
    # (counted in the database: 3); candidates: count, page
    with django_assert_max_num_queries(12):
        assert staff_client.get(_url(target)).status_code == 200


# --- who may ----------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, target):
    for response in (client.get(_url(target)), client.post(_url(target))):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")
    response = client.get(f"/programme/{YEAR}/realisation/")
    assert response.url.startswith("/accounts/login/?next=")


def test_a_user_without_a_role_gets_403(plain_client, target):
    visit = _activity()
    assert plain_client.get(_url(target)).status_code == 403
    response = plain_client.post(_url(target), {"action": "link", "activity": visit.pk})
    assert response.status_code == 403
    assert plain_client.get(f"/programme/{YEAR}/realisation/").status_code == 403
    assert not target.activities.exists()


def test_a_service_refuses_a_user_without_a_role(plain_user, target):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.target_activity_link(user=plain_user, target=target, activity=_activity())


# --- which revision takes links ---------------------------------------------------------


def test_a_frozen_approved_revision_takes_links_before_anything_is_published(staff_client):
    revision = make_revision(year=YEAR, status=RevisionStatus.APPROVED)
    target = first_target(revision)
    visit = _activity()
    page = soup(staff_client.get(_url(target)))

    _post_form(staff_client, _url(target), _button_form(page, "link", visit))

    assert list(target.activities.all()) == [visit]


def test_a_draft_amendment_does_not_take_links(staff_client, staff_user, published):
    amendment = services.revision_amend(
        user=staff_user, programme=published.programme, change_note="Измена."
    )
    draft_target = first_target(amendment)

    response = staff_client.get(_url(draft_target), follow=True)

    assert response.redirect_chain[0][1] == 302
    assert any("programme in force" in m for m in messages_on(soup(response)))
    # The page of the published target warns that the amendment will not see new links.
    page = soup(staff_client.get(_url(first_target(published))))
    assert "An amendment (revision 2) is open" in page.get_text()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.target_activity_link(user=staff_user, target=draft_target, activity=_activity())


def test_a_target_of_another_year_is_a_404(staff_client, target):
    response = staff_client.get(f"/programme/{YEAR + 1}/targets/{target.pk}/activities/")
    assert response.status_code == 404


# --- the programme page -----------------------------------------------------------------


def test_staff_see_each_targets_realisation_link_on_the_programme_page(staff_client, target):
    target.activities.add(_activity(), _activity("Заказана", status=ActivityStatus.SCHEDULED))
    page = soup(staff_client.get(f"/programme/{YEAR}/"))

    link = page.find("a", href=_url(target))
    assert link.get_text(" ", strip=True) == "Activities (1 held of 2 planned)"
    assert page.find("a", href=f"/programme/{YEAR}/realisation/")


def test_the_public_page_has_no_realisation_links(client, target):
    page = soup(client.get(f"/programme/{YEAR}/"))
    assert page.find("a", href=_url(target)) is None
    assert page.find("a", href=f"/programme/{YEAR}/realisation/") is None
    assert "held of" not in page.get_text()


def test_a_draft_programme_page_shows_counts_without_links(staff_client):
    revision = make_revision(year=YEAR, status=RevisionStatus.DRAFT)
    page = soup(staff_client.get(f"/programme/{YEAR}/"))
    assert page.find("a", href=_url(first_target(revision))) is None
    assert page.find("a", href=f"/programme/{YEAR}/realisation/") is None


# --- the realisation page ---------------------------------------------------------------


def _realisation_rows(area) -> dict[str, list[str]]:
    """{target description: [planned, held, percent, state]} of one area's table."""
    rows = {}
    for tr in area.select("table.realisation tbody tr[id^=target-]"):
        cells = [td.get_text(" ", strip=True).replace("\xa0", " ") for td in tr.find_all("td")]
        rows[tr.td.a.get_text(strip=True)] = cells[1:]
    return rows


def test_the_realisation_page_sets_held_against_planned(staff_client, published):
    targets = list(
        Target.objects.filter(goal__section__revision=published, goal__section__area=1).order_by(
            "order"
        )
    )
    reached, partial, qualitative, participants = (targets[0], *_more_targets(targets[0]))
    reached.activities.add(_activity("А"), _activity("Б"), _activity("В"))  # 3 of 2 planned
    partial.activities.add(_activity("Г"), _activity("Д", status=ActivityStatus.SCHEDULED))
    qualitative.activities.add(_activity("Ђ"))
    participants.activities.add(_activity("Е"))

    page = soup(staff_client.get(f"/programme/{YEAR}/realisation/"))

    area_one = page.find("section", id="area-1")
    rows = _realisation_rows(area_one)
    assert rows["Radne posete 1"] == ["2 visits", "3", "150 %", "Reached"]
    assert rows["Delimično"] == ["4 visits", "1", "25 %", "In progress"]
    assert rows["Kvalitativno"] == ["—", "1", "—", "Qualitative"]
    # Participants count people per event: nobody came to "Е".
    assert rows["Učesnici"] == ["120 participants", "0", "0 %", "Not started"]
    assert area_one.select_one(".held-total").get_text(strip=True) == "6"
    assert area_one.select_one(".reached-total").get_text(" ", strip=True) == "1 of 3 reached"
    area_two = page.find("section", id="area-2")
    assert area_two.select_one(".held-total").get_text(strip=True) == "0"
    assert _realisation_rows(area_two) == {
        "Radne posete 1": ["2 visits", "0", "0 %", "Not started"]
    }
    # Numbers are right-aligned.
    assert "num" in page.select_one("table.realisation td.held")["class"]


def _more_targets(first: Target) -> tuple[Target, Target, Target]:
    goal = first.goal
    common = {"goal": goal, "kind": ActivityKind.WORKING_VISIT}
    return (
        Target.objects.create(
            order=2, description="Делимично", quantity=4, unit="visits", **common
        ),
        Target.objects.create(order=3, description="Квалитативно", **common),
        Target.objects.create(
            order=4, description="Учесници", quantity=120, unit="participants", **common
        ),
    )


def test_the_realisation_page_without_an_approved_programme_says_so(staff_client):
    make_revision(year=YEAR, status=RevisionStatus.DRAFT)
    response = staff_client.get(f"/programme/{YEAR}/realisation/")
    assert response.status_code == 200
    assert "no approved programme" in soup(response).get_text()


@pytest.mark.parametrize("n", [5, 50])
def test_the_realisation_page_has_a_constant_query_count(
    staff_client, staff_user, django_assert_max_num_queries, n
):
    revision = make_revision(
        year=YEAR,
        status=RevisionStatus.PUBLISHED,
        targets_per_goal=n,
        intro_targets=n,
        closing_targets=n,
    )
    for target in Target.objects.of_revision(revision).with_tree():
        area = target.area_section.area
        target.activities.add(_activity(f"Посета {target.pk}", area=area, kind="other"))
    # Held activities realising no target: more than a page of them at the larger size.
    for i in range(n):
        _activity(f"Непланирано {i}", area=1 + i % 4, kind="other")
        services.activity_mark_outside(
            user=staff_user,
            activity=_activity(f"Ван програма {i}", area=1, kind="other"),
            reason="Ван програма.",
        )
    # session, user, groups; the programme; the revision in force; revision + programme,
    # sections, the areas' own targets with held counts, goals, goal comments, goal
    # targets with held counts, responsible (of all targets); the targets' counts (3),
    # the qualitative targets' held activities, staff's notes, the programme's reach (3),
    # its activities per municipality (the map) and per month (the line); the unplanned
    # activities and those outside the programme, a page of each with its count (4);
    # the districts of the filters. The charts are drawn from these, with no query of
    # their own.
    with django_assert_max_num_queries(27):
        response = staff_client.get(f"/programme/{YEAR}/realisation/")
    assert response.status_code == 200
    page = soup(response)
    assert len(page.select(".unplanned-list > li")) == min(n, selectors.UNPLANNED_PER_PAGE)
    assert len(page.select(".outside-list > li")) == min(n, selectors.UNPLANNED_PER_PAGE)


def test_the_realisation_selector_shows_nothing_to_the_public(plain_user, published):
    assert selectors.realisation(user=plain_user, year=YEAR) == selectors.Realisation()


def test_a_minimum_is_reached_at_it_and_a_maximum_is_met_while_not_exceeded(
    staff_client, published
):
    goal = first_target(published).goal
    common = {"goal": goal, "kind": ActivityKind.WORKING_VISIT, "unit": "visits"}
    at_least = Target.objects.create(description="Најмање", quantity=2, bound="at_least", **common)
    at_most = Target.objects.create(description="Највише", quantity=2, bound="at_most", **common)
    over = Target.objects.create(description="Преко", quantity=2, bound="at_most", **common)
    at_least.activities.add(_activity("А"), _activity("Б"), _activity("В"))
    at_most.activities.add(_activity("Г"))
    over.activities.add(_activity("Д"), _activity("Ђ"), _activity("Е"))

    page = soup(staff_client.get(f"/programme/{YEAR}/realisation/"))

    rows = _realisation_rows(page.find("section", id="area-1"))
    # An English page: the targets' descriptions in Latin script.
    assert rows["Najmanje"] == ["at least 2 visits", "3", "150 %", "Reached"]
    assert rows["Najviše"] == ["at most 2 visits", "1", "50 %", "Reached"]
    assert rows["Preko"] == ["at most 2 visits", "3", "150 %", "Over the maximum"]


def test_the_realisation_and_target_pages_are_valid_html_with_one_scroll_box_a_table(
    staff_client, target
):
    # The URL walker opens these pages with no rows, where their tables are not drawn.
    from tests.core.test_valid_html import html_problems

    target.activities.add(_activity("Повезана посета"))
    _activity("Посета која чека")
    for url in (f"/programme/{YEAR}/realisation/", _url(target)):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<table") >= 1, url
        assert html_problems(response.content.decode()) == [], url
