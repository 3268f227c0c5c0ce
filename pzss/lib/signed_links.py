"""Personal links that need no account: a random token kept on the row, signed with a
salt of its own and a time limit, so that a link can be neither guessed nor altered nor
used for ever. The survey invitations, the transcripts, the support requests and the
visit follow-ups each have one kind of link; the event sign-up's personal links are the
first of them (`pzss.events.selectors`).

    INVITATION = SignedLink(salt="training.survey-invitation", max_age=days(120))
    url = INVITATION.url("training:survey_answer", invitation.token)
    token = INVITATION.token_of(signed)  # None when tampered with or expired → 404
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse


def new_token() -> str:
    """A fresh random token for a row that a link will name (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


def days(n: int) -> int:
    return n * 24 * 60 * 60


@dataclass(frozen=True)
class SignedLink:
    salt: str
    max_age: int  # seconds

    def _signer(self) -> signing.TimestampSigner:
        # "." never occurs in a token (URL-safe base64) nor in a signature: a clean path.
        return signing.TimestampSigner(salt=self.salt, sep=".")

    def sign(self, token: str) -> str:
        return self._signer().sign(token)

    def token_of(self, signed: str) -> str | None:
        """The token a signed link names, or None if it was tampered with or has expired
        (the caller answers 404 either way, so that a guess learns nothing)."""
        try:
            return self._signer().unsign(signed, max_age=self.max_age)
        except signing.BadSignature:
            return None

    def path(self, url_name: str, token: str) -> str:
        return reverse(url_name, kwargs={"signed": self.sign(token)})

    def url(self, url_name: str, token: str) -> str:
        """The absolute link an e-mail carries (SITE_URL + the signed path)."""
        return settings.SITE_URL + self.path(url_name, token)
