"""Whole-page cache for the public pages (home, events, an event, the programme).

Anonymous GETs are served from the cache under a key made of the path, the query, the
language and a *generation* number. Any save or delete of the portal's own data bumps
the generation, so a change shows at once and stale pages simply age out of the cache.
(A signal is the right tool here, against the "no logic in signals" habit: invalidation
must follow every write in every app, and no service should have to remember it.)

Some saves change only a little of what the pages show: a registration changes the seats
left of its event, nothing else. Such a model is `narrow`ed to *topics* ("seats",
"seats:12"); its saves bump only those topics' generations, and a page whose view says
it shows a topic (`public_cache(topics=...)`) carries that topic's generation in its key
too. A sign-up then refreshes its event's page and the event list, and the home page,
the programme and the other events stay cached.

The generations are bumped when the save's transaction commits, not at the save: a page
rendered in between would read the data of before the commit and be stored under the new
generation. (A bump at the save also made a Redis round trip while a sign-up held its
event's row lock.) A save outside a transaction is committed already and bumps at once.

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
from collections.abc import Callable, Iterable
from functools import wraps

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "pzss:public:generation"
TOPIC_KEY = "pzss:public:topic:{}"
TIMEOUT = 300
# A topic's generation (one per event's seats, …) is forgotten a day after its last
# change, so ten years of events do not leave a key each in Redis for ever. A forgotten
# topic comes back with a fresh random generation: its pages are rendered again, never
# served stale. The whole cache's generation is kept.
TOPIC_TTL = 24 * 60 * 60
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
# "app.model" -> the topics one of its rows changes (see `narrow`).
NARROWED: dict[str, Callable[..., Iterable[str]]] = {}


def watch(app_label: str, *, ignore: list[str] = ()) -> None:
    """Saves and deletes of `app_label`'s models (but those in `ignore`, as
    "app.model") make the public pages fresh."""
    WATCHED_APPS.add(app_label)
    IGNORED_MODELS.update(label.lower() for label in ignore)


def narrow(model_label: str, topics: Callable[..., Iterable[str]]) -> None:
    """Saves and deletes of `model_label` ("app.model", of a watched app) change only
    what `topics(instance)` names: they refresh the pages that show one of those topics
    instead of every public page."""
    NARROWED[model_label.lower()] = topics


def topic_key(topic: str) -> str:
    return TOPIC_KEY.format(topic)


def _ttl(key: str) -> int | None:
    """How long a generation key is kept: a topic's a day, the whole cache's for ever."""
    return None if key.endswith(GENERATION_KEY) else TOPIC_TTL


def _fresh_generation() -> int:
    # Random, not 1: after the shared cache is flushed, a new generation must not meet
    # the pages a process still remembers from an old one.
    return secrets.randbelow(10**12) + 1


def generations(keys: list[str]) -> list[int]:
    """The current generation of each key: one round trip to the cache."""
    client = _redis_client()
    if client is not None:
        names = [cache.make_and_validate_key(key) for key in keys]
        values = client.mget(names)
        if None in values:
            for name, value in zip(names, values, strict=True):
                if value is None:
                    client.set(name, _fresh_generation(), nx=True, ex=_ttl(name))
            values = client.mget(names)
        # Django's Redis serializer stores an int as the number itself.
        return [int(value) if value is not None else _fresh_generation() for value in values]
    found = cache.get_many(keys)
    missing = [key for key in keys if found.get(key) is None]
    for key in missing:
        cache.add(key, _fresh_generation(), timeout=_ttl(key))
    if missing:
        found.update(cache.get_many(missing))
    return [int(found.get(key) or _fresh_generation()) for key in keys]


def generation() -> int:
    return generations([GENERATION_KEY])[0]


def bump(*keys: str) -> None:
    """Bump these generations (the whole cache's by default), in one round trip when
    the cache is Redis."""
    keys = keys or (GENERATION_KEY,)
    client = _redis_client()
    if client is not None:
        names = [cache.make_and_validate_key(key) for key in keys]
        pipeline = client.pipeline(transaction=False)
        for name in names:
            pipeline.incr(name)
        for name in names:
            if _ttl(name):
                pipeline.expire(name, _ttl(name))
        # The INCRs come first, so their results are the first len(names). A key that
        # was missing starts again at 1, as it may have been once before: it gets a
        # random generation instead (see _fresh_generation).
        values = pipeline.execute()[: len(names)]
        for name, value in zip(names, values, strict=True):
            if value == 1:
                client.set(name, _fresh_generation(), ex=_ttl(name))
        return
    for key in keys:
        try:
            cache.incr(key)
            if _ttl(key):
                cache.touch(key, _ttl(key))
        except ValueError:
            cache.set(key, _fresh_generation(), timeout=_ttl(key))


def _redis_client():
    """The shared cache's Redis client when the cache is Django's RedisCache, made once per
    cache backend: Django makes a new client (with its ~170 response callbacks) for every
    call, which cost more CPU than the round trip it was made for."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return None
    client = backend.__dict__.get("pzss_public_client")
    if client is None:
        client = backend.__dict__["pzss_public_client"] = backend._cache.get_client(write=True)
    return client


def _keys_changed_by(sender, instance) -> list[str] | None:
    meta = getattr(sender, "_meta", None)
    if not meta or meta.app_label not in WATCHED_APPS or meta.label_lower in IGNORED_MODELS:
        return None
    topics = NARROWED.get(meta.label_lower)
    if topics is None:
        return [GENERATION_KEY]
    return [topic_key(topic) for topic in topics(instance)]


def _on_change(sender, instance=None, using=None, **kwargs) -> None:
    keys = _keys_changed_by(sender, instance)
    if not keys:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block or _in_test_case_transaction(connection):
        bump(*keys)
    if connection.in_atomic_block:
        # Once committed (see the module's docstring). The keys of one transaction are
        # gathered on its connection; the first of its callbacks to run bumps them all and
        # the others find nothing left (a callback of a rolled-back savepoint never runs,
        # a later one still does).
        pending = connection.__dict__.setdefault("pzss_public_pending", set())
        pending.update(keys)
        transaction.on_commit(lambda: _bump_pending(connection), using=using, robust=True)


def _in_test_case_transaction(connection) -> bool:
    """Inside the transaction a test case wraps around each test, which never commits
    (Django marks it): there a save is as good as committed, and the next request of the
    test must see it."""
    blocks = connection.atomic_blocks
    return bool(blocks) and getattr(blocks[0], "_from_testcase", False)


def _bump_pending(connection) -> None:
    keys = connection.__dict__.pop("pzss_public_pending", None)
    if keys:
        bump(*sorted(keys))


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


def public_cache(view=None, *, topics: Callable[..., Iterable[str]] | None = None):
    """Cache the view's pages for anonymous visitors. `topics(request, *args, **kwargs)`
    names the narrowed topics the page shows (its event's seats): their saves refresh it
    although they leave the rest of the public pages cached."""
    if view is None:
        return lambda view: public_cache(view, topics=topics)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        digest = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        keys = [GENERATION_KEY]
        if topics is not None:
            keys += [topic_key(topic) for topic in topics(request, *args, **kwargs)]
        stamp = ".".join(str(g) for g in generations(keys))
        key = f"pzss:public:page:{stamp}:{get_language()}:{digest}"
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
