"""PDFs of event sign-up, rendered as `documents.Document`s: certificates of
attendance (with a QR code of their public verification page) and sign-in sheets.

The renderers are registered in `EventsConfig.ready()`, so the web process and the worker
both know them."""

import base64
import io

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, ActivityKind, Registration
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.registry import RenderInput
from pzss.documents.services import document_render, document_request
from pzss.events.models import Certificate
from pzss.events.selectors import certificate_url
from pzss.events.services.attendance import event_days
from pzss.lib.translit import for_language

CERTIFICATE = "certificate"
SIGNIN_SHEET = "signin_sheet"


def qr_data_uri(text: str) -> str:
    """A QR code as a data: URI PNG (the PDF renderer fetches nothing else but data: and
    the portal's own files)."""
    qr = qrcode.QRCode(border=1, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _institute(language: str) -> dict:
    return {k: for_language(v, language) for k, v in settings.INSTITUTE.items()}


# "For taking part in …" («за учешће на …»): the certificate names the participation
# with a noun, so its wording needs no grammatical gender, which the portal does not
# know. Serbian puts the kind in the locative («на округлом столу»): one phrase a kind.
ANY_PARTICIPATION = _("for taking part in the event")
PARTICIPATION = {
    ActivityKind.ROUND_TABLE: _("for taking part in the round table"),
    ActivityKind.WORKING_VISIT: _("for taking part in the working visit"),
    ActivityKind.EDUCATION: _("for taking part in the education without knowledge check"),
    ActivityKind.ACCREDITED_TRAINING: _("for taking part in the accredited training"),
    ActivityKind.CONFERENCE: _("for taking part in the conference"),
    ActivityKind.DIRECTORS_MEETING: _("for taking part in the directors' meeting"),
    ActivityKind.WORKING_MEETING: _("for taking part in the working meeting"),
    ActivityKind.FOCUS_GROUP: _("for taking part in the focus group"),
    ActivityKind.FORUM: _("for taking part in the forum"),
    ActivityKind.CASE_CONFERENCE: _("for taking part in the case conference"),
    ActivityKind.WORKSHOP: _("for taking part in the workshop"),
    ActivityKind.SUPPORT_REQUEST: _("for taking part in the expert support"),
    ActivityKind.WORKING_GROUP: _("for taking part in the working group"),
    ActivityKind.STUDENT_PRACTICE: _("for taking part in the student practice"),
    ActivityKind.REPORT: ANY_PARTICIPATION,
    ActivityKind.RESEARCH: _("for taking part in the research"),
}


def render_certificate(certificate: Certificate, language: str) -> RenderInput:
    url = certificate_url(certificate)
    html = render_to_string(
        "events/pdf/certificate.html",
        {
            "c": certificate,
            "participation": PARTICIPATION.get(certificate.activity_kind, ANY_PARTICIPATION),
            "url": url,
            "qr": qr_data_uri(url),
            "institute": _institute(language),
            "LANGUAGE_CODE": language,
        },
    )
    return RenderInput(
        html=html,
        title=f"{for_language(certificate.person_name, language)} — {certificate.number}",
        filename=f"certificate-{certificate.number}.pdf",
    )


def render_signin_sheet(activity: Activity, language: str) -> RenderInput:
    rows = list(
        Registration.objects.filter(activity=activity)
        .markable()
        .select_related("person", "institution")
        .order_by("person__last_name", "person__first_name", "id")
    )
    html = render_to_string(
        "events/pdf/signin_sheet.html",
        {
            "activity": activity,
            "rows": rows,
            "days": event_days(activity),
            "institute": _institute(language),
            "LANGUAGE_CODE": language,
        },
    )
    return RenderInput(
        html=html,
        title=f"{for_language(activity.title, language)[:200]} — sign-in",
        filename=f"signin-{activity.pk}.pdf",
    )


def registration_language(registration: Registration | None) -> str:
    """The language a registration's certificate is written in."""
    language = (registration.language if registration else "sr") or "sr"
    return language if language in {"sr", "sr-latn", "en"} else "sr"


def certificate_language(certificate: Certificate) -> str:
    return registration_language(certificate.registration)


def certificate_document_request(certificate_id: int, user=None) -> Document | None:
    certificate = (
        Certificate.objects.select_related("registration").filter(pk=certificate_id).first()
    )
    if certificate is None:
        return None
    return document_request(
        kind=CERTIFICATE, obj=certificate, language=certificate_language(certificate), user=user
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, rendering it now if the background render has not finished
    (the render is idempotent: a ready document is reused)."""
    document = certificate_document_request(certificate.pk)
    if document.status != DocumentStatus.READY:
        document = document_render(document_id=document.pk)
    if document is None or document.status != DocumentStatus.READY:
        raise RuntimeError(f"Certificate {certificate.number} could not be rendered")
    with document.file.open("rb") as fh:
        return fh.read()
