import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from programme import services
from programme.models import (
    Goal,
    GoalComment,
    Programme,
    Revision,
    RevisionStatus,
    Target,
    Transition,
)
from tests.core.soup import cyrillic_choices
from tests.core.soup import soup as soup_of
from tests.programme.builders import first_goal, first_target, make_revision

pytestmark = pytest.mark.django_db


def _status(revision) -> str:
    return Revision.objects.get(pk=revision.pk).status


@pytest.fixture
def published():
    return make_revision(year=2030, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def draft():
    return make_revision(year=2031, status=RevisionStatus.DRAFT)


# --- what the public sees -------------------------------------------------------------


def test_public_list_shows_only_published_programmes(client, published, draft):
    response = client.get(reverse("programme:list"))
    assert response.status_code == 200
    # The client reads English: the Serbian titles are shown in Latin script.
    assert "za 2030. godinu" in response.text
    assert "za 2031. godinu" not in response.text


def test_public_reads_a_published_programme_with_areas_goals_and_targets(client, published):
    response = client.get("/programme/2030/")
    assert response.status_code == 200
    page = response.text
    assert "STRUČNA PODRŠKA" in page and "INFORMISANJE, PROMOCIJA I PODRŠKA" in page
    assert "Cilj I.1 — podrška centrima" in page
    assert "2 posete" in page and "I–IV kvartal" in page
    assert 'href="/programme/2030/pdf/"' in page


def test_public_reads_latin_script_when_chosen(client, published):
    client.cookies["django_language"] = "sr-latn"
    response = client.get("/programme/2030/")
    assert "Cilj I.1 — podrška centrima" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/programme/2031/",
        "/programme/2031/pdf/",
        "/programme/2031/revisions/1/",
        "/programme/2031/revisions/1/pdf/",
        "/programme/2030/revisions/2/",
        "/programme/2099/",
    ],
)
def test_public_cannot_reach_unpublished_content_by_url(client, published, draft, url):
    services.revision_amend(user=None, programme=published.programme)  # revision 2 of 2030
    assert client.get(url).status_code == 404


def test_a_revision_in_review_and_its_comments_stay_hidden(client, director_user, published):
    amendment = services.revision_amend(user=None, programme=published.programme)
    services.goal_update(
        user=None, goal=first_goal(amendment), number="1.", title="ТАЈНИ НАСЛОВ", text="x"
    )
    services.revision_submit(user=None, revision=amendment)
    services.revision_return(
        user=director_user,
        revision=amendment,
        comment="ОПШТИ КОМЕНТАР",
        goal_comments={first_goal(amendment).pk: "КОМЕНТАР НА ЦИЉ"},
    )
    page = client.get("/programme/2030/").text
    for secret in ("ТАЈНИ НАСЛОВ", "ОПШТИ КОМЕНТАР", "КОМЕНТАР НА ЦИЉ"):
        assert secret not in page
    assert client.get("/programme/2030/?revision=2").text.count("ТАЈНИ НАСЛОВ") == 0


@pytest.mark.parametrize(
    "url",
    [
        "/programme/new/",
        "/programme/2031/edit/",
        "/programme/2031/revisions/",
        "/programme/2031/compare/",
        "/programme/2031/edit/header/",
        "/programme/2031/revisions/1/submit/",
    ],
)
def test_staff_pages_need_a_login_and_a_role(client, plain_client, draft, url):
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    plain_client.force_login(
        __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.get(username="bob")
    )
    assert plain_client.get(url).status_code == 403


# --- staff ----------------------------------------------------------------------------


def test_staff_see_a_draft_with_its_status_and_the_director_comments(
    staff_client, director_user, draft
):
    services.revision_submit(user=None, revision=draft)
    services.revision_return(
        user=director_user,
        revision=draft,
        comment="Допунити",
        goal_comments={first_goal(draft).pk: "Навести рок"},
    )
    page = staff_client.get("/programme/2031/").text
    assert "Draft" in page and "Dopuniti" in page and "Navesti rok" in page
    editor = staff_client.get("/programme/2031/edit/").text
    assert "Navesti rok" in editor


def _post_form(client, url, changes: dict):
    """GET the page, fill the form that is really there, POST it back."""
    page = client.get(url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    form = soup.select("main form[method=post]")[-1]
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            values = [o.get("value", "") for o in chosen]
            data[name] = values if field.has_attr("multiple") else (values[0] if values else "")
            if field.has_attr("multiple"):
                data[name] = [o.get("value") for o in field.select("option[selected]")]
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    return client.post(form.get("action") or url, data)


def test_staff_edit_a_goal_through_its_form(staff_client, draft):
    goal = first_goal(draft)
    response = _post_form(
        staff_client, f"/programme/2031/edit/goals/{goal.pk}/", {"title": "Нови наслов"}
    )
    assert response.status_code == 302
    assert Goal.objects.get(pk=goal.pk).title == "Нови наслов"


def test_staff_add_a_target_through_its_form(staff_client, draft):
    goal = first_goal(draft)
    response = _post_form(
        staff_client,
        f"/programme/2031/edit/goals/{goal.pk}/targets/new/",
        {
            "description": "Округли столови за 4 групе правника",
            "kind": "round_table",
            "quantity": "4",
            "unit": "groups",
            "start_month": "4",
            "end_month": "6",
        },
    )
    assert response.status_code == 302
    target = goal.targets.get(description__startswith="Округли")
    assert (target.quantity, target.unit, target.start_month, target.end_month) == (
        4,
        "groups",
        4,
        6,
    )


def test_the_target_form_offers_goals_and_staff_in_latin_to_latin_readers(
    staff_client, draft, django_user_model
):
    marija = django_user_model.objects.create_user(
        username="marija", first_name="Марија", last_name="Петровић"
    )
    marija.groups.add(Group.objects.get_or_create(name="staff")[0])
    staff_client.cookies["django_language"] = "sr-latn"
    goal = first_goal(draft)
    page = soup_of(staff_client.get(f"/programme/2031/edit/goals/{goal.pk}/targets/new/"))
    assert cyrillic_choices(page) == []
    assert "Marija Petrović" in {o.get_text(strip=True) for o in page.select("option")}


def test_a_target_form_with_a_quantity_but_no_unit_shows_the_error(staff_client, draft):
    goal = first_goal(draft)
    response = _post_form(
        staff_client,
        f"/programme/2031/edit/goals/{goal.pk}/targets/new/",
        {"description": "Посете", "kind": "working_visit", "quantity": "3", "unit": ""},
    )
    assert response.status_code == 200
    assert "Say what the quantity counts." in response.text


def test_staff_reorder_goals_and_move_a_target(staff_client):
    revision = make_revision(year=2031, goals_per_area=2)
    section_goals = list(first_goal(revision).section.goals.order_by("order"))
    staff_client.post(
        f"/programme/2031/edit/goals/{section_goals[1].pk}/move/", {"direction": "up"}
    )
    assert list(first_goal(revision).section.goals.order_by("order")) == section_goals[::-1]
    target = section_goals[0].targets.first()
    staff_client.post(
        f"/programme/2031/edit/targets/{target.pk}/move/", {"goal": section_goals[1].pk}
    )
    assert Target.objects.get(pk=target.pk).goal_id == section_goals[1].pk


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_a_frozen_revision_cannot_be_edited_by_any_url(staff_client, status):
    revision = make_revision(year=2031, status=status)
    goal, target = first_goal(revision), first_target(revision)
    posts = [
        ("/programme/2031/edit/header/", {"title": "x"}),
        (f"/programme/2031/edit/areas/{goal.section.pk}/", {"title": "x", "text": "y"}),
        (
            f"/programme/2031/edit/areas/{goal.section.pk}/goals/new/",
            {"number": "9.", "title": "x"},
        ),
        (f"/programme/2031/edit/goals/{goal.pk}/", {"number": "1.", "title": "x"}),
        (f"/programme/2031/edit/goals/{goal.pk}/move/", {"direction": "down"}),
        (f"/programme/2031/edit/goals/{goal.pk}/delete/", {}),
        (f"/programme/2031/edit/targets/{target.pk}/", {"description": "x", "kind": "report"}),
        (f"/programme/2031/edit/targets/{target.pk}/delete/", {}),
    ]
    for url, data in posts:
        assert staff_client.post(url, data).status_code == 403, url
    assert Goal.objects.get(pk=goal.pk).title == goal.title
    assert Target.objects.filter(pk=target.pk).exists()


def test_an_old_revision_cannot_be_edited_while_an_amendment_is_open(staff_client, published):
    services.revision_amend(user=None, programme=published.programme)
    old_goal = first_goal(published)
    response = staff_client.post(
        f"/programme/2030/edit/goals/{old_goal.pk}/", {"number": "1.", "title": "x"}
    )
    assert response.status_code == 403
    assert Goal.objects.get(pk=old_goal.pk).title == old_goal.title


# --- the workflow through the pages ---------------------------------------------------


def test_staff_submit_and_the_director_approves(staff_client, director_user, draft):
    response = staff_client.post("/programme/2031/revisions/1/submit/", {"comment": "Спремно"})
    assert response.status_code == 302 and _status(draft) == "submitted"
    assert staff_client.post("/programme/2031/revisions/1/approve/", {}).status_code == 403
    assert (
        staff_client.post("/programme/2031/revisions/1/return/", {"comment": "x"}).status_code
        == 403
    )
    assert _status(draft) == "submitted"
    staff_client.force_login(director_user)
    response = staff_client.post("/programme/2031/revisions/1/approve/", {"comment": "Да"})
    assert response.status_code == 302 and _status(draft) == "approved"


@pytest.mark.parametrize(
    ("language", "title", "done"),
    [
        ("sr", "Поднеси", "Поднето: програм је упућен директору на одобрење."),
        ("sr-latn", "Podnesi", "Podneto: program je upućen direktoru na odobrenje."),
        ("en", "Submit", "Submitted: the director has been asked to approve it."),
    ],
)
def test_workflow_titles_and_messages_are_in_the_readers_language(
    staff_client, draft, language, title, done
):
    staff_client.cookies["django_language"] = language
    form_page = soup_of(staff_client.get("/programme/2031/revisions/1/submit/"))
    assert form_page.select_one("main h1").get_text(strip=True).startswith(title)
    response = staff_client.post(
        "/programme/2031/revisions/1/submit/", {"comment": "Спремно"}, follow=True
    )
    assert done in [m.get_text(" ", strip=True) for m in soup_of(response).select(".alert")]


@pytest.mark.parametrize(
    ("language", "amended", "replaced"),
    [
        ("sr", "Измене и допуне верзије 1.", "Замењена верзијом 2."),
        ("en", "Amendment of revision 1.", "Replaced by revision 2."),
    ],
)
def test_the_systems_notes_in_the_history_are_in_the_readers_language(
    staff_client, director_user, published, language, amended, replaced
):
    # Written while another language is active, as a worker or an import would.
    with translation.override("sr" if language == "en" else "en"):
        amendment = services.revision_amend(user=None, programme=published.programme)
        services.revision_submit(user=None, revision=amendment)
        services.revision_approve(user=director_user, revision=amendment)
        services.revision_adopt(
            user=director_user,
            revision=amendment,
            decision_number="1/2030",
            decision_date=dt.date(2030, 1, 10),
        )
        services.revision_publish(user=director_user, revision=amendment)
    assert not Transition.objects.exclude(comment="").exists()  # nothing frozen as text
    staff_client.cookies["django_language"] = language
    history = soup_of(staff_client.get("/programme/2030/revisions/")).get_text(" ", strip=True)
    assert amended in history and replaced in history


def test_the_director_returns_with_comments_on_goals_through_the_form(director_client, draft):
    services.revision_submit(user=None, revision=draft)
    goal = first_goal(draft)
    response = _post_form(
        director_client,
        "/programme/2031/revisions/1/return/",
        {"comment": "Допунити", f"goal_{goal.pk}": "Колико посета?"},
    )
    assert response.status_code == 302
    assert _status(draft) == "draft"
    assert GoalComment.objects.get().text == "Колико посета?"


def test_a_transition_from_the_wrong_state_gives_a_message_and_changes_nothing(
    director_client, draft
):
    response = director_client.post("/programme/2031/revisions/1/approve/", {}, follow=True)
    assert _status(draft) == "draft"
    assert "cannot be approved now" in response.text


def test_adopt_records_the_board_decision_and_publish_makes_it_public(
    staff_client, client, director_user
):
    revision = make_revision(year=2031, status=RevisionStatus.APPROVED)
    response = staff_client.post(
        "/programme/2031/revisions/1/adopt/",
        {"decision_number": "393/2020", "decision_date": "2020-12-14"},
    )
    assert response.status_code == 302
    adopted = Revision.objects.get(pk=revision.pk)
    assert (adopted.board_decision_number, adopted.board_decision_date) == (
        "393/2020",
        dt.date(2020, 12, 14),
    )
    staff_client.post("/programme/2031/revisions/1/publish/", {})
    assert _status(revision) == "published"
    staff_client.logout()
    assert client.get("/programme/2031/").status_code == 200


def test_a_second_programme_for_the_same_year_is_refused_with_a_message(staff_client, draft):
    response = staff_client.post("/programme/new/", {"year": "2031"})
    assert response.status_code == 200
    assert "already a work programme for 2031" in response.text
    assert Programme.objects.filter(year=2031).count() == 1


def test_staff_start_a_new_year_as_a_copy_of_last_year(staff_client, published):
    response = staff_client.post(
        "/programme/new/", {"year": "2032", "copy_from": published.programme.pk}
    )
    assert response.status_code == 302
    revision = Revision.objects.get(programme__year=2032)
    assert Target.objects.filter(goal__section__revision=revision).count() == 4


def test_staff_amend_and_compare_revisions_side_by_side(staff_client, published):
    staff_client.post("/programme/2030/amend/", {"change_note": "Више посета"})
    amendment = Revision.objects.get(programme__year=2030, number=2)
    target = first_target(amendment)
    target.description = "Радне посете центрима у 12 општина"
    target.save(update_fields=["description"])
    response = staff_client.get("/programme/2030/compare/?a=1&b=2")
    assert response.status_code == 200
    assert "<ins>" in response.text and "<del>" in response.text
    history = staff_client.get("/programme/2030/revisions/").text
    assert "Više poseta" in history and "Amendment started" in history


def test_the_history_of_the_imported_programme_shows_every_step(staff_client, seed_revision):
    page = staff_client.get("/programme/2021/revisions/")
    assert page.status_code == 200
    for step in (
        "Created",
        "Submitted for approval",
        "Approved",
        "Adopted by the management board",
    ):
        assert step in page.text


# --- query counts ---------------------------------------------------------------------


def _revision_with_targets(n: int, django_user_model) -> Revision:
    """n targets under goals, n in each area's introduction and n in the closing text,
    each with a responsible member of staff."""
    revision = make_revision(
        year=2030,
        status=RevisionStatus.PUBLISHED,
        goals_per_area=3,
        targets_per_goal=0,
        intro_targets=n,
        closing_targets=n,
    )
    goals = list(Goal.objects.filter(section__revision=revision))
    Target.objects.bulk_create(
        Target(
            goal=goals[i % len(goals)],
            order=i,
            description=f"Задатак {i}",
            kind="report",
            quantity=1,
            unit="reports",
        )
        for i in range(n)
    )
    marija = django_user_model.objects.create_user(
        username="marija", first_name="Марија", last_name="Петровић"
    )
    responsible = Target.responsible.through
    responsible.objects.bulk_create(
        responsible(target_id=pk, user_id=marija.pk)
        for pk in Target.objects.of_revision(revision).values_list("pk", flat=True)
    )
    return revision


@pytest.mark.parametrize("n", [5, 50])
def test_the_public_programme_page_has_a_constant_query_count(
    client, django_assert_max_num_queries, django_user_model, n
):
    _revision_with_targets(n, django_user_model)
    # revision, revision again with its programme, sections, the areas' own targets,
    # goals, goal targets, the responsible staff of all targets
    with django_assert_max_num_queries(7):
        page = client.get("/programme/2030/").text
    # n under goals, n in each of the 4 introductions, n in the closing text
    assert page.count("Marija Petrović") == 6 * n


@pytest.mark.parametrize("n", [5, 50])
def test_the_staff_programme_page_has_a_constant_query_count(
    staff_client, django_assert_max_num_queries, django_user_model, n
):
    _revision_with_targets(n, django_user_model)
    # session, user, groups; revision, revision + programme, sections, the areas' own
    # targets with held counts, goals, goal comments, goal targets with held counts,
    # responsible (of all targets); the revisions bar; the last return
    with django_assert_max_num_queries(13):
        assert staff_client.get("/programme/2030/").status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_the_programme_list_has_a_constant_query_count(client, django_assert_max_num_queries, n):
    for year in range(2000, 2000 + n):
        make_revision(year=year, status=RevisionStatus.PUBLISHED, goals_per_area=0)
    # programmes, their revisions
    with django_assert_max_num_queries(2):
        assert client.get("/programme/").status_code == 200
