"""Sign-up POSTs are rate-limited per client address by django-ratelimit, through the
cache (Redis in production, so the limit holds across all gunicorn workers). The address
is read as the login lockout reads it (`pzss.lib.client_address`, RATELIMIT_IP_META_KEY).

REGISTRATION_RATE_LIMIT is "<count>/<s|m|h|d>" ("10/m"); empty turns the limit off."""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit.core import is_ratelimited

RATE = re.compile(r"\d+/\d*[smhd]")


def rate() -> str | None:
    value = (getattr(settings, "REGISTRATION_RATE_LIMIT", "") or "").strip().lower()
    if not value:
        return None
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"REGISTRATION_RATE_LIMIT={value!r}: use a count and s, m, h or d, such as 10/m"
        )
    return value


def hit(request, scope: str = "signup") -> bool:
    """Count one request; False when the client went over the limit in this window."""
    limit = rate()
    if limit is None:
        return True
    return not is_ratelimited(
        request, group=f"pzss.events.{scope}", key="ip", rate=limit, increment=True
    )
