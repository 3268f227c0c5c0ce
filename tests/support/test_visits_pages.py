"""The working visits' staff pages: the year's list, planning, the visit page with its
sample and findings, and the centres by priority."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pzss.core.models import InstitutionKind
from support import visit_services as services
from support.models import CaseFileReview, SampleDraw, SampleFrame, WorkingVisit
from tests.support.visit_builders import VALID_JMBG, frame_files, make_institution, make_visit

pytestmark = pytest.mark.django_db


def _drawn_visit(user, institution=None):
    visit = make_visit(user, institution)
    frame = services.frame_save(
        user=user, visit=visit, files=frame_files(), max_age=10, care="", size=10
    )
    draw = services.sample_draw(user=user, frame=frame, seed=2021)
    return visit, draw


def test_plan_a_visit_through_the_form(staff_client, staff_user):
    centre = make_institution("Центар за социјални рад Кула")
    page = staff_client.get(reverse("support:visit_plan"), {"institution": centre.pk})
    assert page.status_code == 200
    assert "No accepted annual report of this centre" in page.content.decode()
    response = staff_client.post(
        reverse("support:visit_plan"),
        {
            "institution": centre.pk,
            "start_date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
            "lead": staff_user.pk,
            "reason": "Редован надзор.",
            "questions": "Процена?",
        },
    )
    visit = WorkingVisit.objects.get()
    assert response.status_code == 302 and response.url == visit.get_absolute_url()


def test_a_name_in_the_reason_asks_for_confirmation_and_a_jmbg_is_refused(staff_client, staff_user):
    centre = make_institution("Центар за социјални рад Кула")
    data = {
        "institution": centre.pk,
        "start_date": timezone.localdate().isoformat(),
        "lead": staff_user.pk,
        "reason": "Случај Марко Петровић.",
    }
    response = staff_client.post(reverse("support:visit_plan"), data)
    assert response.status_code == 400
    assert "first name and surname" in response.content.decode()
    response = staff_client.post(reverse("support:visit_plan"), {**data, "reason": VALID_JMBG})
    assert response.status_code == 400 and not WorkingVisit.objects.exists()


def test_the_frame_form_refuses_names_and_saves_numbers(staff_client, staff_user):
    visit = make_visit(staff_user)
    url = reverse("support:visit_frame", args=[visit.pk])
    bad = staff_client.post(url, {"text": "551-1/2021; 4; family\nЈована Јовановић; 5", "size": 1})
    assert bad.status_code == 400
    assert "Line 2" in bad.content.decode()
    assert not SampleFrame.objects.exists()
    lines = "\n".join(f"{f['number']}; {f['age']}; {f['care']}" for f in frame_files())
    ok = staff_client.post(url, {"text": lines, "max_age": 10, "care": "", "size": 10})
    assert ok.status_code == 302
    assert SampleFrame.objects.get().files == frame_files()
    drawn = staff_client.post(reverse("support:visit_draw", args=[visit.pk]))
    assert drawn.status_code == 302
    assert len(SampleDraw.objects.get().numbers) == 10


def test_a_too_large_sample_is_refused_with_a_message(staff_client, staff_user):
    visit = make_visit(staff_user)
    services.frame_save(
        user=staff_user, visit=visit, files=frame_files(5), max_age=10, care="", size=9
    )
    response = staff_client.post(reverse("support:visit_draw", args=[visit.pk]), follow=True)
    assert "is larger than the" in response.content.decode()
    assert not SampleDraw.objects.exists()


def test_the_visit_page_shows_the_draw_its_seed_the_check_and_the_findings(
    staff_client, staff_user
):
    visit, draw = _drawn_visit(staff_user)
    number = draw.numbers[0]
    url = reverse("support:visit_file", args=[visit.pk, draw.pk, number])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "item_assessment_on_time": "yes",
            "item_service_plan": "partly",
            "item_placement_review": "no",
            "item_family_contact": "na",
            "note": "Рокови испоштовани.",
        },
    )
    assert response.status_code == 302
    assert CaseFileReview.objects.get().answers["service_plan"] == "partly"
    page = staff_client.get(visit.get_absolute_url()).content.decode()
    assert "2021" in page and str(draw.seed) in page
    assert "matches" in page
    assert f"random.Random({draw.seed}).sample(sorted(eligible), 10)" in page
    assert number in page
    assert "1 of 10 files reviewed." in page


def test_a_file_outside_the_sample_is_404(staff_client, staff_user):
    visit, draw = _drawn_visit(staff_user)
    response = staff_client.get(
        reverse("support:visit_file", args=[visit.pk, draw.pk, "999-9/2021"])
    )
    assert response.status_code == 404


def test_a_superseded_draw_is_shown_as_such(staff_client, staff_user):
    visit, draw = _drawn_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(39), max_age=10, care="", size=10
    )
    services.sample_draw(user=staff_user, frame=frame, seed=7)
    page = staff_client.get(visit.get_absolute_url()).content.decode()
    assert "superseded" in page and "in force" in page


def test_the_edit_page_saves_the_plan(staff_client, staff_user):
    visit = make_visit(staff_user)
    url = reverse("support:visit_edit", args=[visit.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "start_date": visit.activity.start_date.isoformat(),
            "lead": staff_user.pk,
            "reason": "Измењен разлог.",
            "questions": "",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.reason == "Измењен разлог."


def test_the_list_and_the_priority_page(staff_client, staff_user):
    visit = make_visit(staff_user)
    response = staff_client.get(reverse("support:visits"))
    assert response.status_code == 200
    assert visit.get_absolute_url() in response.content.decode()
    assert staff_client.get(reverse("support:visit_priority")).status_code == 200


def test_the_pages_refuse_other_roles(plain_client, staff_user):
    visit = make_visit(staff_user)
    for url in (
        reverse("support:visits"),
        reverse("support:visit_plan"),
        reverse("support:visit_priority"),
        visit.get_absolute_url(),
    ):
        assert plain_client.get(url).status_code == 403
        assert Client().get(url).status_code == 302  # to the login page


def test_the_list_query_count_holds(staff_client, staff_user, django_assert_max_num_queries):
    for i in range(6):
        make_visit(staff_user, make_institution(f"Центар {i}"))
    make_visit(staff_user, make_institution("Дом", InstitutionKind.ADULT_HOME))
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("support:visits")).status_code == 200


def test_the_visit_page_query_count_holds(staff_client, staff_user, django_assert_max_num_queries):
    visit, draw = _drawn_visit(staff_user)
    items = ["assessment_on_time", "service_plan", "placement_review", "family_contact"]
    for number in draw.numbers:
        services.case_file_review_save(
            user=staff_user, draw=draw, number=number, answers=dict.fromkeys(items, "yes"), note=""
        )
    with django_assert_max_num_queries(14):
        assert staff_client.get(visit.get_absolute_url()).status_code == 200
