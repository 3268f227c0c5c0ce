"""A person's transcript of professional training as a PDF, rendered by the core's
Document machinery (WeasyPrint) in a worker: the institute's heading, the person and
their licence number, the trainings by year with their dates, programme, accreditation
number, hours and points, the totals, the date of issue and how to verify it.

The document's subject is the person: the same record on the same day gives the same
HTML, so it is rendered once; a new certificate, a correction or the next day gives a
new one. It is never public (no `is_public`): staff fetch it through the documents'
pages, the person through their signed link alone (`points_public_views`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from pzss.core.models import Person
from pzss.documents.registry import RenderInput
from pzss.lib.translit import for_language
from training.points_selectors import person_record


def render_transcript(person: Person, language: str) -> RenderInput:
    person = Person.objects.select_related("institution").get(pk=person.pk)
    record = person_record(person)
    with translation.override(language):
        html = render_to_string(
            "training/points/pdf/transcript.html",
            {
                "person": person,
                "record": record,
                "issued": timezone.localdate(),
                "verify_url": settings.SITE_URL + reverse("events:certificate_lookup"),
                "institute": {k: for_language(v, language) for k, v in settings.INSTITUTE.items()},
                "LANGUAGE_CODE": language,
            },
        )
    return RenderInput(
        html=html,
        title=f"{for_language(person.full_name, language)} — {timezone.localdate():%d.%m.%Y}.",
        filename=f"transcript-{person.pk}-{timezone.localdate():%Y%m%d}.pdf",
    )
