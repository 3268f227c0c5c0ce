"""The visitor's address, read one way by every guard that counts per address: the login
lockout (django-axes, through AXES_CLIENT_IP_CALLABLE) and the sign-up rate limit
(django-ratelimit, through RATELIMIT_IP_META_KEY).

With PROXY_COUNT = 0, gunicorn is reached directly and REMOTE_ADDR is the visitor. Behind
PROXY_COUNT reverse proxies each one appends the address it was reached from to
X-Forwarded-For, so the visitor is the PROXY_COUNT-th entry from the right: what the
outermost proxy saw. Entries further left came from the visitor and may be forged. A
header with fewer entries, or an entry that is no address, did not come through the
proxies: REMOTE_ADDR then."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
