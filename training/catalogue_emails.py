"""The e-mail that warns a programme's owner that its accreditation ends soon: in Serbian
(Cyrillic), the institute's language, as plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from pzss.lib.translit import for_language
from training.models import AccreditationExpiryWarning

LANGUAGE = "sr"


def expiry_email(warning: AccreditationExpiryWarning) -> EmailMultiAlternatives | None:
    """The warning's message, or None when it has no address to go to."""
    if not warning.sent_to:
        return None
    programme = warning.programme
    with translation.override(LANGUAGE):
        title = for_language(programme.title, LANGUAGE)
        until = formats.date_format(warning.valid_until, "SHORT_DATE_FORMAT")
        context = {
            "subject": _("The accreditation of a programme ends on %(date)s") % {"date": until},
            "owner": for_language(
                programme.owner.get_full_name() or programme.owner.username, LANGUAGE
            ),
            "programme": title,
            "number": programme.accreditation_number,
            "body": for_language(programme.accreditation_body, LANGUAGE),
            "until": until,
            "url": settings.SITE_URL + reverse("training:programme_detail", args=[programme.pk]),
            "institute": {k: for_language(v, LANGUAGE) for k, v in settings.INSTITUTE.items()},
            "LANGUAGE_CODE": LANGUAGE,
        }
        text = render_to_string("training/emails/expiry.txt", context)
        html = render_to_string("training/emails/expiry.html", context)
        subject = f"{context['subject']}: {title}"
    message = EmailMultiAlternatives(
        subject=subject[:250],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[warning.sent_to],
    )
    message.attach_alternative(html, "text/html")
    return message
