"""The certificate of completed practice (PDF through `documents.Document`), in Serbian:
the student, the faculty and its study programme, the period, the hours confirmed, the
mentor. Registered in `TrainingConfig._ready_practice()`."""

from django.conf import settings
from django.db.models import Max, Min, Sum
from django.template.loader import render_to_string

from pzss.documents.registry import RenderInput
from pzss.lib.translit import for_language
from training.models import PracticeStudent


def render_practice_certificate(student: PracticeStudent, language: str) -> RenderInput:
    student = PracticeStudent.objects.select_related(
        "person", "mentor", "agreement__faculty", "agreement__coordinator"
    ).get(pk=student.pk)
    confirmed = student.hours.filter(confirmed_at__isnull=False).aggregate(
        total=Sum("hours"), first=Min("date"), last=Max("date")
    )
    html = render_to_string(
        "training/practice/pdf/certificate.html",
        {
            "s": student,
            "agreement": student.agreement,
            "hours": confirmed["total"],
            "first": confirmed["first"] or student.start_date,
            "last": confirmed["last"] or student.start_date,
            "mentor": student.mentor.get_full_name() or student.mentor.username,
            "institute": {k: for_language(v, language) for k, v in settings.INSTITUTE.items()},
            "LANGUAGE_CODE": language,
        },
    )
    name = for_language(student.person.full_name, language)
    return RenderInput(
        html=html,
        title=f"{name} — {student.certificate_number or student.pk}",
        filename=f"practice-certificate-{student.pk}.pdf",
    )
