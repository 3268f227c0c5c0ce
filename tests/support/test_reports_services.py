"""The visit report's rules: deadlines not before the visit, no ЈМБГ, issue needs
recommendations or a statement, an issued report is final (a correction is a note),
the activity becomes held and realises the programme's goal of the institution's kind."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programme.models import Goal, RevisionStatus, Target
from pzss.core.audit import AuditEntry
from pzss.core.models import Activity, Area, InstitutionKind
from support import report_services as services
from support.models import VisitReport
from tests.programme.builders import make_revision
from tests.support.report_builders import TEXTS, make_issued, make_report, make_visit

pytestmark = pytest.mark.django_db

JMBG = "0101990800015"  # a valid ЈМБГ (date and check digit hold)


def test_a_deadline_before_the_visit_is_refused_and_nothing_stored(staff_user):
    visit = make_visit(staff_user)
    report = services.report_save(user=staff_user, visit=visit, data=TEXTS)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            user=staff_user,
            report=report,
            data={
                "text": "Препорука.",
                "responsible": "директор",
                "deadline": visit.activity.start_date - dt.timedelta(days=1),
            },
        )
    assert "deadline" in exc.value.message_dict
    assert not report.recommendations.exists()


def test_a_jmbg_in_a_text_is_refused(staff_user):
    visit = make_visit(staff_user)
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            user=staff_user, visit=visit, data={**TEXTS, "summary": f"Дете {JMBG}"}
        )
    assert "summary" in exc.value.message_dict
    assert not VisitReport.objects.exists()
    report = services.report_save(user=staff_user, visit=visit, data=TEXTS)
    with pytest.raises(ValidationError):
        services.recommendation_add(
            user=staff_user,
            report=report,
            data={"text": JMBG, "responsible": "директор", "deadline": visit.activity.start_date},
        )


def test_only_staff_write(plain_user, staff_user):
    visit = make_visit(staff_user)
    with pytest.raises(PermissionDenied):
        services.report_save(user=plain_user, visit=visit, data=TEXTS)


def test_issue_needs_a_recommendation_or_a_statement_that_there_are_none(staff_user):
    visit = make_visit(staff_user)
    report = make_report(staff_user, visit, recommendations=0)
    with pytest.raises(ValidationError, match="statement"):
        services.report_issue(user=staff_user, report=report)
    services.report_save(
        user=staff_user, visit=visit, data={**TEXTS, "no_recommendations": "Рад је узоран."}
    )
    report = services.report_issue(user=staff_user, report=report)
    assert report.is_issued


def test_issue_numbers_the_report_and_locks_it(staff_user):
    first = make_issued(staff_user)
    second = make_issued(staff_user, make_visit(staff_user, name="ЦСР Друго"))
    year = first.issued_at.year
    assert (first.number, second.number) == (f"ИП-{year}-01", f"ИП-{year}-02")
    with pytest.raises(ValidationError, match="final"):
        services.report_save(user=staff_user, visit=first.visit, data={**TEXTS, "summary": "ново"})
    rec = first.recommendations.first()
    with pytest.raises(ValidationError, match="final"):
        services.recommendation_update(
            user=staff_user,
            recommendation=rec,
            data={"text": "x", "responsible": "y", "deadline": rec.deadline},
        )
    with pytest.raises(ValidationError, match="final"):
        services.recommendation_delete(user=staff_user, recommendation=rec)
    with pytest.raises(ValidationError):
        services.report_issue(user=staff_user, report=first)
    first.refresh_from_db()
    assert first.summary == TEXTS["summary"]
    # A correction is a dated note, the texts stay.
    services.report_correction_add(user=staff_user, report=first, note="Исправљен број досијеа.")
    first.refresh_from_db()
    assert "Исправљен број досијеа." in first.correction_note
    assert first.summary == TEXTS["summary"]


def test_a_visit_in_the_future_cannot_be_issued(staff_user):
    visit = make_visit(staff_user, start=dt.date.today() + dt.timedelta(days=5))
    report = make_report(staff_user, visit)
    with pytest.raises(ValidationError):
        services.report_issue(user=staff_user, report=report)
    report.refresh_from_db()
    assert not report.is_issued


@pytest.mark.parametrize(
    ("kind", "goal_number"),
    [
        (InstitutionKind.CSW, "1."),
        (InstitutionKind.CHILDREN_HOME, "2.1"),
        (InstitutionKind.ADULT_HOME, "2.2"),
    ],
)
def test_issue_makes_the_activity_held_and_realises_the_goal_of_its_kind(
    staff_user, kind, goal_number
):
    visit = make_visit(staff_user, kind=kind, name=f"Установа {kind}")
    revision = make_revision(
        year=visit.activity.start_date.year, status=RevisionStatus.PUBLISHED, goals_per_area=3
    )
    goals = Goal.objects.filter(section__revision=revision, section__area=Area.SUPPORT)
    goals.filter(number="2.").update(number="2.1")
    goals.filter(number="3.").update(number="2.2")
    make_issued(staff_user, visit)
    activity = Activity.objects.get(pk=visit.activity_id)
    assert activity.status == "held"
    realised = Target.objects.filter(activities=activity).select_related("goal")
    assert {t.goal.number for t in realised} == {goal_number}
    assert AuditEntry.objects.filter(action="visit_report_issue").count() == 1


def test_deleting_a_recommendation_keeps_the_numbers_consecutive(staff_user):
    visit = make_visit(staff_user)
    report = make_report(staff_user, visit, recommendations=3)
    services.recommendation_delete(
        user=staff_user, recommendation=report.recommendations.get(order=2)
    )
    assert list(report.recommendations.values_list("order", "text")) == [
        (1, "Препорука 1."),
        (2, "Препорука 3."),
    ]
