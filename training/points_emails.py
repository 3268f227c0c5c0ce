"""The e-mail with a person's transcript link: in Serbian (Cyrillic) — the person has
no account and so no language of their own —, as plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pzss.lib.translit import for_language
from training.models import TranscriptRequest
from training.points_selectors import TRANSCRIPT_LANGUAGE, TRANSCRIPT_LINK, transcript_url

LANGUAGE = TRANSCRIPT_LANGUAGE


def transcript_email(request: TranscriptRequest) -> EmailMultiAlternatives:
    with translation.override(LANGUAGE):
        title = _("Your record of professional training")
        context = {
            "title": title,
            "name": for_language(request.person.full_name, LANGUAGE),
            "url": transcript_url(request),
            "valid_days": TRANSCRIPT_LINK.max_age // (24 * 60 * 60),
            "institute": {k: for_language(v, LANGUAGE) for k, v in settings.INSTITUTE.items()},
            "LANGUAGE_CODE": LANGUAGE,
        }
        text = render_to_string("training/points/emails/transcript_link.txt", context)
        html = render_to_string("training/points/emails/transcript_link.html", context)
    message = EmailMultiAlternatives(
        subject=title, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[request.email]
    )
    message.attach_alternative(html, "text/html")
    return message
