"""The consultations log's rules (`training.consultation_services`): a consultation is
logged once given, by staff, with an adviser on staff; each month's consultations are
one held area II activity whose figures follow every consultation saved, realising the
programme's goal II 2 (its target of consultative help)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from programme.models import Goal, RevisionStatus, Target
from pzss.core.models import Activity, ActivityKind, Area, Institution, Person
from tests.programme.builders import make_revision
from training.consultation_services import consultation_create, consultation_update
from training.models import Consultation, ConsultationMonth

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def _data(user, day=None, **overrides):
    return {
        "date": day or dt.date(YEAR, 3, 10),
        "asked_by": "Марија Марић",
        "subject": "licensing",
        "channel": "phone",
        "question": "Како се обнавља лиценца?",
        "answer": "Упућена на Правилник о лиценцирању и Комору.",
        "minutes": 30,
        "adviser": user,
        **overrides,
    }


def _log(user, **overrides):
    return consultation_create(user=user, data=_data(user, **overrides))


def test_a_consultation_is_logged_and_its_month_is_a_held_area_ii_activity(staff_user):
    consultation = _log(staff_user)
    month = ConsultationMonth.objects.get(year=YEAR, month=3)
    activity = month.activity
    assert activity.area == Area.TRAINING
    assert activity.kind == ActivityKind.SUPPORT_REQUEST
    assert activity.status == "held"
    assert activity.start_date == dt.date(YEAR, 3, 1)
    assert activity.end_date == consultation.date
    assert activity.title.endswith(f"март {YEAR}.")
    assert "Евидентираних консултација: 1 (лиценцирање 1)" in activity.outcome


def test_the_months_figures_follow_each_consultation(staff_user):
    _log(staff_user)
    _log(staff_user, day=dt.date(YEAR, 3, 20), subject="chamber", minutes=60)
    _log(staff_user, day=dt.date(YEAR, 4, 2))
    march = ConsultationMonth.objects.get(year=YEAR, month=3).activity
    assert Activity.objects.filter(kind=ActivityKind.SUPPORT_REQUEST).count() == 2
    assert march.end_date == dt.date(YEAR, 3, 20)
    assert march.hours == Decimal("1.5")
    assert "2 (лиценцирање 1, Комора социјалне заштите 1)" in march.outcome


def test_moving_a_consultation_to_another_month_recounts_both(staff_user):
    first = _log(staff_user)
    _log(staff_user, day=dt.date(YEAR, 3, 12))
    consultation_update(user=staff_user, consultation=first, data={"date": dt.date(YEAR, 5, 5)})
    march = ConsultationMonth.objects.get(year=YEAR, month=3).activity
    may = ConsultationMonth.objects.get(year=YEAR, month=5).activity
    assert "Евидентираних консултација: 1 " in march.outcome
    assert "Евидентираних консултација: 1 " in may.outcome


def test_the_month_realises_the_programmes_consultative_help(staff_user):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    goal = Goal.objects.get(section__revision=revision, section__area=Area.TRAINING)
    goal.number = "2."
    goal.save(update_fields=["number"])
    help_target, other = Target.objects.filter(goal=goal).order_by("order")
    Target.objects.filter(pk=help_target.pk).update(kind=ActivityKind.SUPPORT_REQUEST)
    _log(staff_user)
    _log(staff_user, day=dt.date(YEAR, 3, 11))
    activity = ConsultationMonth.objects.get(year=YEAR, month=3).activity
    assert list(help_target.activities.all()) == [activity]
    assert not other.activities.exists()


def test_a_consultation_in_the_future_is_refused(staff_user):
    with pytest.raises(ValidationError) as exc:
        _log(staff_user, day=timezone.localdate() + dt.timedelta(days=1))
    assert "date" in exc.value.message_dict
    assert not Consultation.objects.exists() and not Activity.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [("minutes", 0), ("minutes", 481), ("subject", "gossip"), ("question", ""), ("asked_by", "")],
)
def test_bad_input_is_refused_naming_the_field(staff_user, field, value):
    with pytest.raises(ValidationError) as exc:
        _log(staff_user, **{field: value})
    assert field in exc.value.message_dict
    assert not Consultation.objects.exists()


def test_the_adviser_is_on_staff(staff_user, plain_user):
    with pytest.raises(ValidationError) as exc:
        _log(staff_user, adviser=plain_user)
    assert "adviser" in exc.value.message_dict


def test_only_staff_log_consultations(plain_user):
    with pytest.raises(PermissionDenied):
        _log(plain_user, adviser=plain_user)


def test_an_e_mail_links_the_directorys_person_and_their_institution(staff_user):
    centre = Institution.objects.get_or_create(name="ЦСР Тест", defaults={"kind": "csw"})[0]
    person = Person.objects.create(
        first_name="Марија", last_name="Марић", email="marija@csr.example.rs", institution=centre
    )
    consultation = consultation_create(
        user=staff_user, data=_data(staff_user), email="MARIJA@csr.example.rs"
    )
    assert consultation.person == person and consultation.institution == centre
    unknown = consultation_create(user=staff_user, data=_data(staff_user), email="x@example.rs")
    assert unknown.person is None
    assert Person.objects.count() == 1
