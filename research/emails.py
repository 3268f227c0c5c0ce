"""E-mails to a centre about its submission: returned for correction (with the staff's
comment) or accepted. In Serbian (Cyrillic) by default — a centre's login has no language
of its own — as plain text and HTML, to the institution's address and its logins'."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pzss.lib.translit import for_language
from research.models import SubmissionVersion

LANGUAGE = "sr"
KINDS = ("returned", "accepted")


def recipients(institution) -> list[str]:
    """The institution's own address and its logins' addresses, each once."""
    addresses = [institution.email, *institution.accounts.values_list("user__email", flat=True)]
    seen, out = set(), []
    for address in addresses:
        key = (address or "").strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append(address.strip())
    return out


def reporting_url(version: SubmissionVersion) -> str:
    return f"{settings.SITE_URL}/reporting/periods/{version.submission.period_id}/"


def submission_email(version: SubmissionVersion, kind: str) -> EmailMultiAlternatives | None:
    """The message of `kind` about this version, or None when the centre has no address."""
    submission = version.submission
    institution = submission.institution
    to = recipients(institution)
    if not to:
        return None
    with translation.override(LANGUAGE):
        data_set = for_language(submission.period.data_set.name, LANGUAGE)
        if kind == "returned":
            title = _("Your figures were returned for correction")
            paragraphs = [
                _(
                    "The institute reviewed the figures you sent and returned them for "
                    "correction. Please correct them and submit them again."
                )
            ]
        else:
            title = _("Your figures were accepted")
            paragraphs = [_("The institute reviewed and accepted the figures you sent. Thank you.")]
        context = {
            "title": title,
            "paragraphs": paragraphs,
            "institution": for_language(institution.name, LANGUAGE),
            "data_set": data_set,
            "period": submission.period.label,
            "version": version.number,
            "comment": version.review_comment if kind == "returned" else "",
            "url": reporting_url(version),
            "institute": {k: for_language(v, LANGUAGE) for k, v in settings.INSTITUTE.items()},
            "LANGUAGE_CODE": LANGUAGE,
        }
        text = render_to_string("research/emails/submission.txt", context)
        html = render_to_string("research/emails/submission.html", context)
        subject = f"{title}: {data_set}, {submission.period.label}"
    message = EmailMultiAlternatives(
        subject=subject[:250], body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    return message
