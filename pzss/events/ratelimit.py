"""Sign-up POSTs are rate-limited per client address, through the cache (Redis in
production, so the limit holds across all gunicorn workers).

REGISTRATION_RATE_LIMIT is "<count>/<s|m|h>" ("10/m"); empty turns the limit off."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600}


def parse(rate: str) -> tuple[int, int] | None:
    rate = (rate or "").strip()
    if not rate:
        return None
    try:
        count, unit = rate.split("/")
        return int(count), PERIODS[unit.strip().lower()[:1]]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"REGISTRATION_RATE_LIMIT={rate!r}: use a count and s, m or h, such as 10/m"
        ) from exc


def client_address(request) -> str:
    # gunicorn sits behind the institute's reverse proxy, which sets REMOTE_ADDR for us
    # (X-Forwarded-For can be forged by the client, so it is not read here).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request, scope: str = "signup") -> bool:
    """Count one request; False when the client went over the limit in this window."""
    limit = parse(getattr(settings, "REGISTRATION_RATE_LIMIT", ""))
    if limit is None:
        return True
    count, period = limit
    window = int(time.time() // period)
    key = f"rl:{scope}:{client_address(request)}:{period}:{window}"
    # add() sets the counter only if it is new (atomic in Redis), incr() is atomic too.
    cache.add(key, 0, timeout=period + 5)
    try:
        current = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 5)
        current = 1
    return current <= count
