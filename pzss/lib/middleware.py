from functools import wraps

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from pzss.lib.language import LANGUAGE_PARAMETER


class LanguageMiddleware:
    """Serbian Cyrillic unless the reader chose otherwise with the header's switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office
    computer set up in English would get the portal in English; the institute's portal
    is Cyrillic first, and the choice is the reader's, remembered in a cookie.

    A `?lang=` on a GET or HEAD asks for one page in that language, over the cookie and
    without changing it: each language then has an address of its own, which the
    `hreflang` alternates point at and a search engine can fetch. The public page cache
    keys on the full path and the language, so those pages are cached apart."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def _language(self, request) -> str:
        if request.method in ("GET", "HEAD"):
            asked = request.GET.get(LANGUAGE_PARAMETER, "").lower()
            if asked in self.languages:
                return asked
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        return chosen if chosen in self.languages else settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


def compressible(view):
    """Mark a public view's pages as safe to gzip (see PublicGZipMiddleware): they carry
    nothing that belongs to one visitor. The public page cache marks its pages itself."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.compressible = True
        return response

    return wrapped


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for the public pages that carry no secret, and for nothing else.

    A compressed response that holds a secret (a CSRF token, a session's personal data)
    next to text an attacker can choose (a search, a reflected form value) leaks that
    secret through its length: BREACH. So only pages marked `compressible` (the cached
    public pages, the privacy notice) are compressed, only for anonymous visitors, and
    never one that carries a CSRF token — the event page with its sign-up form stays plain.
    """

    def process_response(self, request, response):
        if not getattr(response, "compressible", False) or response.streaming:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if b"csrfmiddlewaretoken" in response.content or b"X-CSRFToken" in response.content:
            return response
        return super().process_response(request, response)


# Characters a PostgreSQL text column cannot hold: a query with one fails in the database
# driver, so each view would answer 500. No person types them; a form, a link or a probe
# that sends one is refused here, once for every page.
UNSTORABLE = "\x00"


def _unstorable(text: str) -> bool:
    return any(c in text for c in UNSTORABLE)


def has_unstorable_input(request) -> bool:
    """A NUL character in the path, a query parameter or a posted form field (name or
    value). Files are not read: their content is stored as bytes."""
    if _unstorable(request.path):
        return True
    forms = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for data in forms:
        for key, values in data.lists():
            if _unstorable(key) or any(_unstorable(v) for v in values if isinstance(v, str)):
                return True
    return False


class RefuseUnstorableInputMiddleware:
    """A 400 page for input PostgreSQL cannot store, before any view queries with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_unstorable_input(request):
            return render(request, "400.html", {"unstorable": True}, status=400)
        return self.get_response(request)
