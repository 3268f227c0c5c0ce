"""Planning a working visit, the priority rule, and the findings per sampled file."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pzss.core.models import Activity, AuditEntry, InstitutionKind
from pzss.core.services.activities import activity_log_held
from research.reference import CSW_ANNUAL
from support import visit_selectors as selectors
from support import visit_services as services
from support.models import CaseFileReview, WorkingVisit
from tests.research.builders import make_data_set, make_submission
from tests.support.visit_builders import VALID_JMBG, frame_files, make_institution, make_visit

pytestmark = pytest.mark.django_db


def test_visit_plan_makes_the_area_one_activity_and_the_visit_together(staff_user, director_user):
    centre = make_institution("Центар за социјални рад Бечеј")
    visit = services.visit_plan(
        user=staff_user,
        institution=centre,
        start_date=timezone.localdate() + dt.timedelta(days=5),
        lead=staff_user,
        team=[director_user],
        reason="Приоритет.",
        questions="Прво?\nДруго?",
    )
    activity = visit.activity
    assert (activity.area, activity.kind, activity.status) == (1, "working_visit", "planned")
    assert list(activity.institutions.all()) == [centre]
    assert set(activity.responsible.all()) == {staff_user, director_user}
    assert list(visit.team.all()) == [director_user]
    assert visit.get_absolute_url() == f"/staff/support/visits/{visit.pk}/"
    assert AuditEntry.objects.filter(action="working_visit_plan").count() == 1


def test_a_jmbg_in_the_reason_stores_nothing(staff_user):
    centre = make_institution("Центар за социјални рад Бечеј")
    with pytest.raises(ValidationError, match="JMBG"):
        services.visit_plan(
            user=staff_user,
            institution=centre,
            start_date=timezone.localdate(),
            lead=staff_user,
            reason=f"Дете {VALID_JMBG}",
        )
    assert not WorkingVisit.objects.exists() and not Activity.objects.exists()


def test_visit_update_edits_the_plan_and_the_activity_date(staff_user, director_user):
    visit = make_visit(staff_user)
    day = timezone.localdate() + dt.timedelta(days=30)
    services.visit_update(
        user=staff_user,
        visit=visit,
        start_date=day,
        lead=director_user,
        team=[staff_user],
        reason="Нови разлог.",
        questions="Једно питање?",
    )
    visit.refresh_from_db()
    assert (visit.lead, visit.reason, visit.activity.start_date) == (
        director_user,
        "Нови разлог.",
        day,
    )
    assert list(visit.team.all()) == [staff_user]


def _annual(year: int, values_by_centre: dict) -> None:
    data_set = make_data_set(CSW_ANNUAL, year=year)
    period = data_set.periods.get(start__year=year)
    for centre, value in values_by_centre.items():
        make_submission(
            period=period,
            institution=centre,
            values={
                "children_under_six_away": value,
                "foster_care": 10,
                "residential_care": 2,
                "users_children": 100,
            },
        )


def test_centres_are_ranked_by_children_under_six_away_and_flagged_at_twice_the_average():
    a, b, c, d = (make_institution(f"Центар {x}") for x in "АБВГ")
    make_institution("Дом за старе", InstitutionKind.ADULT_HOME)
    _annual(2020, {a: 1, b: 9, c: 2})  # average 4: b is 2.25×
    priority = selectors.centres_by_priority(year=2020)
    assert priority.average == 4
    # The centres with figures first, highest first; the rest (d, and the reference
    # centres) after them, without figures and unflagged.
    assert [r.institution for r in priority.rows[:3]] == [b, c, a]
    assert [r.flagged for r in priority.rows[:3]] == [True, False, False]
    assert priority.row_of(d.pk).value is None and not priority.row_of(d.pk).flagged
    assert priority.rows[0].ratio == pytest.approx(2.25)
    assert priority.rows[0].figures["foster_care"] == 10
    assert priority.rows[-1].value is None
    assert selectors.centres_by_priority(year=2019).average is None


def test_only_accepted_annual_figures_count():
    a, b = make_institution("Центар А"), make_institution("Центар Б")
    data_set = make_data_set(CSW_ANNUAL, year=2020)
    period = data_set.periods.get(start__year=2020)
    make_submission(period=period, institution=a, values={"children_under_six_away": 4})
    make_submission(
        period=period, institution=b, values={"children_under_six_away": 40}, status="submitted"
    )
    priority = selectors.centres_by_priority(year=2020)
    assert priority.average == 4
    assert priority.row_of(b.pk).value is None


def test_findings_per_file_and_their_summary(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=3
    )
    draw = services.sample_draw(user=staff_user, frame=frame, seed=5)
    first, second = draw.numbers[:2]
    answers = {
        "assessment_on_time": "yes",
        "service_plan": "no",
        "placement_review": "partly",
        "family_contact": "na",
    }
    services.case_file_review_save(
        user=staff_user, draw=draw, number=first, answers=answers, note=""
    )
    services.case_file_review_save(
        user=staff_user,
        draw=draw,
        number=second,
        answers={**answers, "service_plan": "yes"},
        note="План касни.",
    )
    # Saving again changes the same review.
    services.case_file_review_save(
        user=staff_user, draw=draw, number=first, answers=answers, note="Добро."
    )
    assert CaseFileReview.objects.count() == 2
    summary = selectors.findings_summary(visit, selectors.reviews_of(draw))
    by_code = {row["code"]: row["counts"] for row in summary}
    # yes, partly, no, n.a.
    assert by_code["service_plan"] == [1, 0, 1, 0]
    assert by_code["placement_review"] == [0, 2, 0, 0]
    assert by_code["family_contact"] == [0, 0, 0, 2]


def test_findings_are_refused_for_a_file_outside_the_sample_or_with_a_missing_answer(staff_user):
    visit = make_visit(staff_user)
    frame = services.frame_save(
        user=staff_user, visit=visit, files=frame_files(), max_age=10, care="", size=3
    )
    draw = services.sample_draw(user=staff_user, frame=frame, seed=5)
    outside = next(n for n in frame.eligible_numbers() if n not in draw.numbers)
    with pytest.raises(ValidationError, match="not in the sample"):
        services.case_file_review_save(
            user=staff_user, draw=draw, number=outside, answers={}, note=""
        )
    with pytest.raises(ValidationError) as exc:
        services.case_file_review_save(
            user=staff_user,
            draw=draw,
            number=draw.numbers[0],
            answers={"assessment_on_time": "yes"},
            note="",
        )
    assert "service_plan" in exc.value.message_dict
    with pytest.raises(ValidationError, match="JMBG"):
        services.case_file_review_save(
            user=staff_user,
            draw=draw,
            number=draw.numbers[0],
            answers=dict.fromkeys(
                ["assessment_on_time", "service_plan", "placement_review", "family_contact"], "yes"
            ),
            note=VALID_JMBG,
        )
    assert not CaseFileReview.objects.exists()


def test_adults_institutions_get_the_adults_checklist(staff_user):
    home = make_institution("Дом за одрасле", InstitutionKind.ADULT_HOME)
    visit = make_visit(staff_user, home)
    summary = selectors.findings_summary(visit, {})
    assert [row["code"] for row in summary] == [
        "admission_assessment",
        "assessment",
        "service_plan",
    ]


def test_the_year_counts_against_the_programme(staff_user):
    past = timezone.localdate().replace(month=1, day=2)
    held = make_visit(staff_user, day=past)
    activity_log_held(user=staff_user, activity=held.activity, data={})
    make_visit(staff_user, make_institution("Дом", InstitutionKind.ADULT_HOME), day=past)
    visits = list(selectors.visits(user=staff_user, year=past.year))
    counts = selectors.visit_counts(visits)
    assert counts["csw"] == {"planned": 0, "held": 1, "target": 9}
    assert counts["adult"] == {"planned": 1, "held": 0, "target": 6}
