"""Points are earned only for the days attended, as the programme's rule says, and the
certificate (its page and its PDF) says when they were reduced or not earned."""

from decimal import Decimal

import pytest
from django.utils import timezone

from pzss.core.extensions import certificate_rule
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from pzss.events.documents import render_certificate
from pzss.events.models import Certificate
from pzss.events.services.attendance import attendance_mark, event_days
from pzss.events.services.certificates import certificates_issue
from pzss.events.services.participants import registration_add_by_staff
from tests.training.catalogue_builders import make_programme, schedule
from training.catalogue_services import points_earned
from training.models import PointsRule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "attended", "required", "expected", "whole"),
    [
        (PointsRule.ALL_DAYS, 2, 2, "8", True),
        (PointsRule.ALL_DAYS, 1, 2, "0", False),
        (PointsRule.PER_DAY, 1, 2, "4.0", False),
        (PointsRule.PER_DAY, 3, 3, "8", True),
        # 8 × 2 / 3 = 5.33…: to one decimal, rounded down.
        (PointsRule.PER_DAY, 2, 3, "5.3", False),
        # 8 × 1 / 3 = 2.66…: rounded down, never up.
        (PointsRule.PER_DAY, 1, 3, "2.6", False),
        # More days marked than the programme has: the whole, no more.
        (PointsRule.PER_DAY, 4, 3, "8", True),
    ],
)
def test_points_earned_follow_the_programme_rule(rule, attended, required, expected, whole):
    points, is_whole = points_earned(
        rule=rule, points=Decimal("8"), attended=attended, required=required
    )
    assert points == Decimal(expected)
    assert is_whole is whole


def _attended(activity, staff_user, *, days_present: dict[str, int]) -> None:
    """Register each named participant and mark them present on their first N days."""
    days = event_days(activity)
    for name, present_days in days_present.items():
        registration = registration_add_by_staff(
            user=staff_user,
            activity=activity,
            first_name=name,
            last_name="Тест",
            email=f"{name.lower()}@example.rs",
            institution=None,
        )
        for n, day in enumerate(days):
            attendance_mark(
                user=staff_user, registration=registration, day=day, present=n < present_days
            )


def _issue(programme, staff_user, days_present):
    activity = schedule(programme, staff_user).activity
    _attended(activity, staff_user, days_present=days_present)
    # Certificates are written in their holder's language: these tests read English.
    activity.registrations.update(language="en")
    certificates_issue(user=staff_user, activity=activity)
    return {c.person_name.split()[0]: c for c in Certificate.objects.filter(activity=activity)}


def test_all_days_partial_attendance_earns_no_points_and_the_certificate_says_so(staff_user):
    programme = make_programme(staff_user, points_rule=PointsRule.ALL_DAYS, licence_points=8)
    certificates = _issue(programme, staff_user, {"Ana": 2, "Bojan": 1})
    whole, partial = certificates["Ana"], certificates["Bojan"]
    assert whole.licence_points == Decimal("8") and whole.points_note == ""
    assert whole.accreditation_number == programme.accreditation_number
    assert partial.licence_points == Decimal("0")
    assert partial.points_note.startswith("Points not earned: attended 1 of 2 days")
    assert partial.accreditation_number == programme.accreditation_number


def test_per_day_partial_attendance_earns_its_share_and_the_certificate_says_so(staff_user):
    programme = make_programme(staff_user, points_rule=PointsRule.PER_DAY, licence_points=8)
    certificates = _issue(programme, staff_user, {"Ana": 2, "Bojan": 1})
    assert certificates["Ana"].licence_points == Decimal("8")
    assert certificates["Bojan"].licence_points == Decimal("4")
    assert certificates["Bojan"].points_note == "Attended 1 of 2 days: 4 of 8 points."


def test_the_verification_page_and_the_pdf_say_the_points_were_reduced(staff_user, english):
    programme = make_programme(staff_user, points_rule=PointsRule.PER_DAY, licence_points=8)
    certificate = _issue(programme, staff_user, {"Bojan": 1})["Bojan"]
    page = english.get(f"/certificates/{certificate.code}/").content.decode()
    assert "Attended 1 of 2 days: 4 of 8 points." in page
    assert programme.accreditation_number in page
    html = render_certificate(certificate, "en").html
    assert "Attended 1 of 2 days: 4 of 8 points." in html
    assert programme.accreditation_number in html


def test_the_pdf_says_when_points_were_not_earned(staff_user):
    programme = make_programme(staff_user, points_rule=PointsRule.ALL_DAYS, licence_points=8)
    certificate = _issue(programme, staff_user, {"Bojan": 1})["Bojan"]
    assert "Points not earned" in render_certificate(certificate, "en").html


def test_an_event_that_is_no_training_session_keeps_the_sign_up_points(staff_user):
    activity = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Округли сто",
        start_date=timezone.localdate(),
        status=ActivityStatus.SCHEDULED,
    )
    rule = certificate_rule(activity)
    terms = rule(registration=None, attended_days=[], event_days=[], points=Decimal("3"))
    assert terms.points == Decimal("3") and terms.note == ""
