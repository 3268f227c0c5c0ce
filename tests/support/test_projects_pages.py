"""Projects: the card with its partners and period, its activities (area I activities
made through the core) by date, and a held activity of a project counted towards the
programme's goal „4.1“."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import ActivityKind, Area, Institution
from support.models import Project
from support.project_services import (
    project_activity_add,
    project_activity_log_held,
    project_create,
)
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db
VALID_JMBG = "0101990800015"
YEAR = timezone.localdate().year - 1


@pytest.fixture
def partner(db):
    return Institution.objects.get(name="Новосадски хуманитарни центар")


def _data(partner, **overrides):
    return {
        "name": "Инклузивна заједница",
        "acronym": "INCL",
        "funder": "Interreg IPA CBC Hungary–Serbia",
        "partners": [str(partner.pk)],
        "other_partners": "Партнер из Сегедина",
        "lead_partner": "Новосадски хуманитарни центар",
        "start": "2019-09-01",
        "end": "2021-12-31",
        "budget": "",
        "role": "Партнер у пројекту.",
        "description": "",
        "outputs": "",
        "status": "running",
        **overrides,
    }


def _project(user, partner):
    return project_create(
        user=user,
        data={
            "name": "Инклузивна заједница",
            "start": dt.date(2019, 9, 1),
            "end": dt.date(2021, 12, 31),
        },
        partners=[partner],
    )


def test_a_project_is_created_and_edited_from_the_pages(staff_client, partner):
    assert staff_client.get("/staff/support/projects/new/").status_code == 200
    response = staff_client.post("/staff/support/projects/new/", _data(partner))
    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.partners.all()) == [partner]
    assert project.funder == "Interreg IPA CBC Hungary–Serbia"
    url = f"/staff/support/projects/{project.pk}/edit/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, _data(partner, status="closed", budget="12000.50"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "closed"
    assert str(project.budget) == "12000.50"


def test_an_end_before_the_start_is_refused(staff_client, partner):
    response = staff_client.post(
        "/staff/support/projects/new/", _data(partner, start="2021-01-01", end="2020-01-01")
    )
    assert response.status_code == 400
    assert "The end cannot be before the start." in response.content.decode()
    assert not Project.objects.exists()


def test_a_jmbg_in_a_projects_text_is_refused(staff_user, staff_client, partner):
    response = staff_client.post(
        "/staff/support/projects/new/", _data(partner, description=f"Корисник {VALID_JMBG}")
    )
    assert response.status_code == 400
    assert "JMBG" in response.content.decode()
    with pytest.raises(ValidationError):
        project_create(
            user=staff_user,
            data={
                "name": "П",
                "start": dt.date(2021, 1, 1),
                "end": dt.date(2021, 2, 1),
                "role": VALID_JMBG,
            },
        )
    assert not Project.objects.exists()


def test_an_activity_of_the_project_is_added_and_listed_by_date(staff_client, staff_user, partner):
    project = _project(staff_user, partner)
    url = f"/staff/support/projects/{project.pk}/activities/new/"
    for title, day in (("Друга", "2021-06-01"), ("Прва", "2021-03-01")):
        response = staff_client.post(
            url, {"kind": "working_meeting", "title": title, "start_date": day}
        )
        assert response.status_code == 302
    activities = list(project.activities.order_by("start_date"))
    assert [a.title for a in activities] == ["Прва", "Друга"]
    assert all(a.area == Area.SUPPORT and a.status == "planned" for a in activities)
    assert list(activities[0].institutions.all()) == [partner]
    page = staff_client.get(f"/staff/support/projects/{project.pk}/").content.decode()
    assert page.index("Prva") < page.index("Druga")  # Latin for English readers
    bad = staff_client.post(url, {"kind": "working_meeting", "title": "", "start_date": ""})
    assert bad.status_code == 400
    assert project.activities.count() == 2


def test_a_held_activity_of_the_project_realises_goal_4_1(staff_client, staff_user, partner):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.SUPPORT)
    goal.number = "4.1"
    goal.save(update_fields=["number"])
    meetings, other = Target.objects.filter(goal=goal).order_by("order")
    Target.objects.filter(pk=meetings.pk).update(kind=ActivityKind.WORKING_MEETING)
    project = _project(staff_user, partner)
    activity = project_activity_add(
        user=staff_user,
        project=project,
        data={
            "kind": ActivityKind.WORKING_MEETING,
            "title": "Састанак са партнерима",
            "start_date": dt.date(YEAR, 5, 5),
        },
    )
    assert not meetings.activities.exists()
    response = staff_client.post(
        f"/staff/support/projects/{project.pk}/activities/{activity.pk}/held/"
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "held"
    assert list(meetings.activities.all()) == [activity]
    assert not other.activities.exists()


def test_only_the_projects_own_activity_is_logged_held(staff_user, partner):
    project = _project(staff_user, partner)
    other = project_create(
        user=staff_user,
        data={"name": "Други", "start": dt.date(2021, 1, 1), "end": dt.date(2021, 2, 1)},
    )
    activity = project_activity_add(
        user=staff_user,
        project=other,
        data={"kind": "conference", "title": "К", "start_date": dt.date(2021, 1, 5)},
    )
    with pytest.raises(Exception):  # noqa: B017 — not the project's: DoesNotExist
        project_activity_log_held(user=staff_user, project=project, activity=activity)
    activity.refresh_from_db()
    assert activity.status == "planned"


def test_the_project_list_costs_the_same_for_more_projects(
    staff_client, staff_user, partner, django_assert_max_num_queries
):
    _project(staff_user, partner)
    with django_assert_max_num_queries(7) as few:
        staff_client.get("/staff/support/projects/")
    for n in range(5):
        p = project_create(
            user=staff_user,
            data={"name": f"П{n}", "start": dt.date(2021, 1, 1), "end": dt.date(2021, 2, 1)},
            partners=[partner],
        )
        project_activity_add(
            user=staff_user,
            project=p,
            data={"kind": "conference", "title": "К", "start_date": dt.date(2021, 1, 5)},
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get("/staff/support/projects/")


def test_the_project_pages_refuse_other_roles(plain_client, staff_user, partner):
    project = _project(staff_user, partner)
    for url in (
        "/staff/support/projects/",
        "/staff/support/projects/new/",
        f"/staff/support/projects/{project.pk}/",
        f"/staff/support/projects/{project.pk}/edit/",
        f"/staff/support/projects/{project.pk}/activities/new/",
    ):
        assert plain_client.get(url).status_code in {403, 405}
        assert plain_client.post(url, {}).status_code == 403
