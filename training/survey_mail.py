"""The needs survey's invitation e-mail: the signed link each invitation carries, the
claim a sending task makes under the invitation's row lock (so that a task run twice
sends once), and the message itself — in Serbian (Cyrillic), the institute's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from pzss.lib.signed_links import SignedLink, days
from pzss.lib.translit import for_language
from training.models import SurveyInvitation

LANGUAGE = "sr"
INVITATION_LINK = SignedLink(salt="training.survey-invitation", max_age=days(365))


def invitation_url(invitation: SurveyInvitation) -> str:
    return INVITATION_LINK.url("training_surveys:answer", invitation.token)


def invitation_path(invitation: SurveyInvitation) -> str:
    return INVITATION_LINK.path("training_surveys:answer", invitation.token)


def invitation_claim_email(*, invitation_id: int) -> SurveyInvitation | None:
    """The task's claim: under a row lock, the invitation whose e-mail is owed (more
    asked for than sent), marked sent; None when nothing is owed (a second run)."""
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("survey", "institution")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.emails_sent >= invitation.emails_requested:
        return None
    if not invitation.survey.is_open or invitation.is_submitted:
        return None
    invitation.emails_sent = invitation.emails_requested
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["emails_sent", "sent_at"])
    return invitation


def invitation_email(invitation: SurveyInvitation) -> EmailMessage:
    survey = invitation.survey
    with translation.override(LANGUAGE):
        context = {
            "title": for_language(survey.title, LANGUAGE),
            "institution": for_language(invitation.institution.name, LANGUAGE),
            "contact_name": invitation.contact_name,
            "deadline": formats.date_format(survey.deadline, "d.m.Y.") if survey.deadline else "",
            "url": invitation_url(invitation),
            "institute": {k: for_language(v, LANGUAGE) for k, v in settings.INSTITUTE.items()},
        }
        body = render_to_string("training/surveys/emails/invitation.txt", context)
        subject = _("Survey of training needs: %(title)s") % {"title": context["title"]}
    return EmailMessage(
        subject=subject[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.contact_email],
    )
