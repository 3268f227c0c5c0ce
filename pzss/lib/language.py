from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

# `?lang=<code>` asks for one page in a language without choosing it for good (see
# LanguageMiddleware): the address of that page's version in the language.
LANGUAGE_PARAMETER = "lang"


def without_language_parameter(url: str) -> str:
    """`url` without its `?lang=`: after the reader chose a language with the switcher,
    the page they come back to must not ask for another one."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    if LANGUAGE_PARAMETER not in query:
        return url
    query.pop(LANGUAGE_PARAMETER)
    return urlunsplit(parts._replace(query=urlencode(list(query.lists()), doseq=True)))


def switch_language(request, code: str):
    """Choose the language and script by a plain link (no form, so public pages carry no
    CSRF token and can be cached); the choice is remembered in a cookie for a year."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(without_language_parameter(next_url))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
