"""Whole-page cache for the public pages (home, events, an event, the programme).

Anonymous GETs are served from the cache under a key made of the path, the query, the
language and a *generation* number. Any save or delete of the portal's own data bumps
the generation, so a change shows at once and stale pages simply age out of the cache.
(A signal is the right tool here, against the "no logic in signals" habit: invalidation
must follow every write in every app, and no service should have to remember it.)

A page with a form carries a CSRF token that belongs to one visitor: the token is taken
out before the page is stored and the current visitor's own token is put back in when
it is served.
"""

import hashlib
import re
from functools import wraps

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "pzss:public:generation"
TIMEOUT = 300
_TOKEN_RE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = b"__PZSS_CSRF_TOKEN__"
WATCHED_APPS = {"core", "programme", "support", "training", "research", "outreach"}
IGNORED_MODELS = {"core.auditentry"}


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _on_change(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta and meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS:
        bump()


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="pzss-public-cache-save")
    post_delete.connect(_on_change, dispatch_uid="pzss-public-cache-delete")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


def public_cache(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"pzss:public:page:{generation()}:{get_language()}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type, uses_token = stored
            if uses_token:
                content = content.replace(_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content, uses_token = _TOKEN_RE.subn(rb"\1" + _PLACEHOLDER + rb"\2", response.content)
            cache.set(key, (content, response["Content-Type"], bool(uses_token)), TIMEOUT)
            response["X-Cache"] = "miss"
        return response

    return wrapped
