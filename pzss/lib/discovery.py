"""What a public page tells search engines and link previews about its address: the
canonical URL, its versions in the other languages (`hreflang`) and the OpenGraph
locale. Read by the `discovery` template tag in base.html, so no page repeats it.

Each language has an address of its own: the plain one is Serbian Cyrillic (the
default, also `x-default`), `?lang=sr-latn` and `?lang=en` the others (LanguageMiddleware
honours them for that request). The canonical address keeps the query parameters that
choose what the page shows (its page number, the library's facets) and drops the rest,
anything a link or a probe added.

It keeps the `lang` of a page asked for in a language by its address: each language
version is its own canonical page. A canonical address in another language would tell a
search engine that the English page is a copy of the Cyrillic one, and it would then
drop the English page and the `hreflang` that points at it (Google: "specify a
canonical page in the same language"). A page in the reader's language by the cookie
has the plain address: that is the address a crawler, without the cookie, reads.

Addresses are absolute on SITE_URL, the portal's public address that e-mails and
calendars link to, never the request's Host header: the public page cache keys on the
path, so a page rendered for one host is served to every other.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils.encoding import escape_uri_path

from pzss.lib.language import LANGUAGE_PARAMETER

# Pages that are not public, or belong to one person (a registration's signed link):
# they get no canonical address and ask not to be indexed.
PRIVATE_PREFIXES = (
    "/staff/",
    "/accounts/",
    "/admin/",
    "/registrations/",
    "/language/",
    "/i18n/",
)
# The query parameters that choose what a public page shows, in the order the canonical
# address writes them. A page may name its own (`canonical_parameters` in its context).
CANONICAL_PARAMETERS = ("year", "kind", "area", "page")
# A language's `hreflang` (and `<html lang>`): Serbian says its script.
HTML_LANG = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "en": "en"}
# OpenGraph writes a locale as language_TERRITORY; Serbian Latin adds its script.
OG_LOCALE = {"sr": "sr_RS", "sr-latn": "sr_Latn_RS", "en": "en_GB"}


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class Discovery:
    canonical: str
    alternates: list[Alternate] = field(default_factory=list)
    locale: str = ""
    locale_alternates: list[str] = field(default_factory=list)


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` or `static()` gives it) on the portal's public address; an
    address that is absolute already is left as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def is_public_path(path: str) -> bool:
    return not path.startswith(PRIVATE_PREFIXES)


def canonical_query(query: QueryDict, parameters=CANONICAL_PARAMETERS) -> str:
    """The part of the query string that chooses what the page shows, with "?" when not
    empty. The first page is the list itself: `?page=1` is dropped."""
    pairs = []
    for name in parameters:
        for value in query.getlist(name):
            if value == "" or (name == "page" and value == "1"):
                continue
            pairs.append((name, value))
    return "?" + urlencode(pairs) if pairs else ""


def _in_language(url: str, code: str) -> str:
    if code == settings.LANGUAGE_CODE:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode({LANGUAGE_PARAMETER: code})}"


def discovery_for(
    path: str, query: QueryDict, *, language: str, parameters=CANONICAL_PARAMETERS
) -> Discovery | None:
    """The canonical address of the page at `path` and `query`, shown in `language`, and
    its alternates; None for a page that is not public."""
    if not is_public_path(path):
        return None
    plain = absolute_url(escape_uri_path(path)) + canonical_query(query, parameters)
    codes = [code for code, _name in settings.LANGUAGES]
    alternates = [Alternate(HTML_LANG.get(code, code), _in_language(plain, code)) for code in codes]
    alternates.append(Alternate("x-default", plain))
    language = (language or settings.LANGUAGE_CODE).lower()
    # The page's language came from its address (not a POST, whose query does not choose).
    by_address = query.get(LANGUAGE_PARAMETER, "").lower() == language
    return Discovery(
        canonical=_in_language(plain, language) if by_address else plain,
        alternates=alternates,
        locale=OG_LOCALE.get(language, OG_LOCALE[settings.LANGUAGE_CODE]),
        locale_alternates=[
            OG_LOCALE[code] for code in codes if code != language and code in OG_LOCALE
        ],
    )
