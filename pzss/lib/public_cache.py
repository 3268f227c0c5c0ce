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
import secrets
import threading
import time
from collections import OrderedDict
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
# Each process keeps the last pages it served: a hit then costs one small round trip to
# the shared cache (the generation) instead of fetching the whole page again. Keys carry
# the generation, so an entry of an older generation is never served.
_LOCAL_SIZE = 64
_local: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
_local_lock = threading.Lock()
# Which apps' saves change public pages: each app says so in its AppConfig.ready()
# (`watch`), so this helper names none of them.
WATCHED_APPS: set[str] = set()
IGNORED_MODELS: set[str] = set()


def watch(app_label: str, *, ignore: list[str] = ()) -> None:
    """Saves and deletes of `app_label`'s models (but those in `ignore`, as
    "app.model") make the public pages fresh."""
    WATCHED_APPS.add(app_label)
    IGNORED_MODELS.update(label.lower() for label in ignore)


def _fresh_generation() -> int:
    # Random, not 1: after the shared cache is flushed, a new generation must not meet
    # the pages a process still remembers from an old one.
    return secrets.randbelow(10**12) + 1


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return int(value)


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


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


def _remember(key: str, stored: tuple) -> None:
    with _local_lock:
        # Pages also age out locally: "upcoming" and "seats left" change with the clock.
        _local[key] = (time.monotonic() + TIMEOUT, stored)
        _local.move_to_end(key)
        while len(_local) > _LOCAL_SIZE:
            _local.popitem(last=False)


def public_cache(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"pzss:public:page:{generation()}:{get_language()}:{digest}"
        with _local_lock:
            entry = _local.get(key)
            stored = entry[1] if entry and entry[0] > time.monotonic() else None
            if stored is not None:
                _local.move_to_end(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                _remember(key, stored)
        if stored is not None:
            content, content_type, uses_token = stored
            if uses_token:
                content = content.replace(_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "hit"
            # Safe to gzip unless it carries a token (PublicGZipMiddleware checks).
            response.compressible = True
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content, uses_token = _TOKEN_RE.subn(rb"\1" + _PLACEHOLDER + rb"\2", response.content)
            stored = (content, response["Content-Type"], bool(uses_token))
            cache.set(key, stored, TIMEOUT)
            _remember(key, stored)
            response["X-Cache"] = "miss"
            response.compressible = True
        return response

    return wrapped
