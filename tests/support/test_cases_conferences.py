"""Case conferences: an area I activity of kind case_conference with its centre, the
question, the institute's contribution and the outcome — a ЈМБГ refused in every text,
a name warned of until the writer says it is no service user's."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, Area, Institution, InstitutionKind
from support.case_services import case_conference_create, case_conference_update
from support.models import CaseConference
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db
VALID_JMBG = "0101990800015"
DAY = dt.date(2021, 4, 12)


@pytest.fixture
def centre(db):
    return Institution.objects.filter(kind=InstitutionKind.CSW).order_by("name").first()


def _data(centre, **overrides):
    return {
        "institution": str(centre.pk),
        "date": DAY.isoformat(),
        "question": "Избор облика заштите детета.",
        "contribution": "Предлог породичног смештаја.",
        "outcome": "",
        **overrides,
    }


def test_a_case_conference_is_an_area_i_activity_of_its_centre(staff_user, centre):
    case = case_conference_create(
        user=staff_user, institution=centre, date=DAY, question="Питање центра."
    )
    assert case.activity.area == Area.SUPPORT
    assert case.activity.kind == ActivityKind.CASE_CONFERENCE
    assert case.activity.start_date == DAY
    assert list(case.activity.institutions.all()) == [centre]
    other = Institution.objects.filter(kind=InstitutionKind.CSW).exclude(pk=centre.pk).first()
    case_conference_update(
        user=staff_user,
        case=case,
        institution=other,
        date=DAY + dt.timedelta(days=1),
        question="Питање центра.",
        outcome="Договорен план.",
    )
    case.refresh_from_db()
    assert case.institution == other
    assert case.outcome == "Договорен план."
    assert case.activity.start_date == DAY + dt.timedelta(days=1)
    assert list(case.activity.institutions.all()) == [other]


@pytest.mark.parametrize("field", ["question", "contribution", "outcome"])
def test_the_service_refuses_a_jmbg_in_every_text(staff_user, centre, field):
    texts = {"question": "Питање.", field: f"Дете {VALID_JMBG}."}
    with pytest.raises(ValidationError):
        case_conference_create(user=staff_user, institution=centre, date=DAY, **texts)
    assert not Activity.objects.filter(kind=ActivityKind.CASE_CONFERENCE).exists()


def test_the_help_texts_say_no_family_data():
    for name in ("question", "contribution", "outcome"):
        assert "No personal data of the family" in str(
            CaseConference._meta.get_field(name).help_text
        )


def test_the_pages_create_and_edit_a_case_conference(staff_client, centre):
    assert staff_client.get("/staff/support/case-conferences/new/").status_code == 200
    response = staff_client.post("/staff/support/case-conferences/new/", _data(centre))
    assert response.status_code == 302
    case = CaseConference.objects.get()
    page = staff_client.get("/staff/support/case-conferences/")
    assert f"/staff/support/case-conferences/{case.pk}/" in page.content.decode()
    response = staff_client.post(
        f"/staff/support/case-conferences/{case.pk}/", _data(centre, outcome="Нови план.")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == "Нови план."


def test_a_jmbg_on_the_page_is_refused_and_nothing_is_stored(staff_client, centre):
    response = staff_client.post(
        "/staff/support/case-conferences/new/", _data(centre, question=f"Дете {VALID_JMBG}")
    )
    assert response.status_code == 400
    assert "JMBG" in response.content.decode()
    assert not CaseConference.objects.exists()


def test_a_name_is_warned_of_until_the_writer_confirms(staff_client, centre):
    data = _data(centre, contribution="Разговор водила Јелена Петровић из Завода.")
    response = staff_client.post("/staff/support/case-conferences/new/", data)
    assert response.status_code == 400
    assert "first name and surname" in response.content.decode()
    assert not CaseConference.objects.exists()
    data["no_personal_data"] = "on"
    assert staff_client.post("/staff/support/case-conferences/new/", data).status_code == 302
    assert CaseConference.objects.count() == 1


def test_the_list_costs_the_same_for_more_conferences(
    staff_client, staff_user, centre, django_assert_max_num_queries
):
    case_conference_create(user=staff_user, institution=centre, date=DAY, question="П.")
    with django_assert_max_num_queries(6) as few:
        staff_client.get("/staff/support/case-conferences/")
    for n in range(5):
        case_conference_create(user=staff_user, institution=centre, date=DAY, question=f"П{n}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get("/staff/support/case-conferences/")


def test_the_case_pages_refuse_other_roles(plain_client, staff_user, centre):
    case = case_conference_create(user=staff_user, institution=centre, date=DAY, question="П.")
    for url in (
        "/staff/support/case-conferences/",
        "/staff/support/case-conferences/new/",
        f"/staff/support/case-conferences/{case.pk}/",
    ):
        assert plain_client.get(url).status_code == 403
        assert plain_client.post(url, {}).status_code == 403


def test_a_past_conference_is_held_and_realises_goal_1_a_future_one_waits(staff_user, centre):
    revision = make_revision(year=2021, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.SUPPORT)
    goal.number = "1."
    goal.save(update_fields=["number"])
    cases, other = Target.objects.filter(goal=goal).order_by("order")
    Target.objects.filter(pk=cases.pk).update(kind=ActivityKind.CASE_CONFERENCE)
    held = case_conference_create(user=staff_user, institution=centre, date=DAY, question="П.")
    assert held.activity.status == "held"
    assert list(cases.activities.all()) == [held.activity]
    assert not other.activities.exists()
    later = timezone.localdate() + dt.timedelta(days=5)
    waiting = case_conference_create(user=staff_user, institution=centre, date=later, question="П.")
    waiting.activity.refresh_from_db()
    assert waiting.activity.status == "planned"
    # Moved to a day that has come: logged held then.
    case_conference_update(
        user=staff_user, case=waiting, institution=centre, date=DAY, question="П."
    )
    waiting.activity.refresh_from_db()
    assert waiting.activity.status == "held"
    assert cases.activities.count() == 2
