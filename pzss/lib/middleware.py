from functools import wraps

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Serbian Cyrillic unless the reader chose otherwise with the header's switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office
    computer set up in English would get the portal in English; the institute's portal
    is Cyrillic first, and the choice is the reader's, remembered in a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
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
