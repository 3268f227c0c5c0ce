from django.conf import settings
from django.shortcuts import render
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
