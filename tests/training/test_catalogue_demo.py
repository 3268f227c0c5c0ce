"""The catalogue's demo: the programme's three accredited own programmes (one ending
within six months), the one sent to accreditation and a partner's; sessions held with
attendance and certificates (a missed day shows on them), one open for sign-up; run
twice, it adds nothing."""

import pytest
from django.utils import timezone

from pzss.core.models import ActivityStatus
from pzss.events.models import Certificate, EventSignup
from training.catalogue_demo import load_catalogue_demo
from training.catalogue_selectors import expiring_programmes
from training.models import AccreditationStatus, TrainingProgramme, TrainingSession

pytestmark = pytest.mark.django_db

OWN_ACCREDITED = {
    "Помоћ у кући за децу са сметњама у развоју",
    "Покретање услуге предаха за децу са сметњама у развоју и њихове породице",
    "Препознавање и уважавање различитости – Културно компонентна пракса у социјалној "
    "заштити – ККП",
}


def test_the_demo_is_the_programmes_catalogue_and_runs_twice_alike(staff_user):
    owner = staff_user
    load_catalogue_demo()
    counts = (
        TrainingProgramme.objects.count(),
        TrainingSession.objects.count(),
        Certificate.objects.count(),
    )
    assert "0 programmes, 0 sessions" in load_catalogue_demo()
    assert counts == (
        TrainingProgramme.objects.count(),
        TrainingSession.objects.count(),
        Certificate.objects.count(),
    )
    accredited = set(
        TrainingProgramme.objects.filter(
            status=AccreditationStatus.ACCREDITED, origin="own"
        ).values_list("title", flat=True)
    )
    assert accredited == OWN_ACCREDITED
    assert (
        TrainingProgramme.objects.get(
            title="Основна обука за вођење случаја у центрима за социјални рад"
        ).status
        == AccreditationStatus.SUBMITTED
    )
    assert TrainingProgramme.objects.filter(origin="partner").count() == 1
    assert TrainingProgramme.objects.published().count() == 5
    assert len(expiring_programmes(user=owner)) == 1
    held = TrainingSession.objects.filter(activity__status=ActivityStatus.HELD)
    assert held.count() == 2
    notes = Certificate.objects.exclude(points_note="")
    assert notes.count() == 2
    assert Certificate.objects.filter(licence_points=0).count() == 1
    upcoming = TrainingSession.objects.get(activity__start_date__gt=timezone.localdate())
    assert EventSignup.objects.get(activity=upcoming.activity).is_open
