"""The practice's and consultations' demo: the Faculty of Philosophy's 2026 agreement
with six students (one completed, with her certificate), some twenty consultations,
the practice and the months counted as held area II activities; run again, nothing
changes."""

import pytest
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind
from pzss.documents.models import Document
from training.models import Consultation, PracticeAgreement, PracticeStatus
from training.practice_demo import load_practice_demo

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(timezone.localdate().year < 2026, reason="the demo's year is 2026")
def test_the_demo_is_made_through_the_services_and_is_idempotent(staff_user, director_user):
    load_practice_demo()
    agreement = PracticeAgreement.objects.get(year=2026)
    assert agreement.max_students == 10 and agreement.hours_per_student == 90
    assert agreement.students.count() == 6
    completed = agreement.students.get(status=PracticeStatus.COMPLETED)
    assert completed.certificate_number
    assert Document.objects.filter(kind="practice_certificate", object_id=completed.pk).exists()
    assert Activity.objects.filter(kind=ActivityKind.STUDENT_PRACTICE).count() == 1
    assert Consultation.objects.count() >= 15
    counts = (
        PracticeAgreement.objects.count(),
        Consultation.objects.count(),
        Activity.objects.count(),
    )
    load_practice_demo()
    assert counts == (
        PracticeAgreement.objects.count(),
        Consultation.objects.count(),
        Activity.objects.count(),
    )
