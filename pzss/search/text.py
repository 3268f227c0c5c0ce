"""The Python twin of the SQL function `pzss_search_text` (core migration 0008): Serbian
Cyrillic to Latin, accents removed, lower case, "dj" folded to "d" — the form in which
the index and the query meet. The highlighter uses it to find, word by word, what the
database matched; tests/search compares it with the SQL function on PostgreSQL.

`unaccent` is approximated by Unicode decomposition without its combining marks plus the
letters that do not decompose (đ, ł, ø, æ, œ, ß): the same for every letter Serbian,
English and the neighbouring languages write."""

import html as html_lib
import re
import unicodedata
from functools import lru_cache

from django.utils.html import strip_tags

from pzss.lib.translit import to_latin

# Letters and digits: a word as the full-text parser sees one, near enough.
WORD_RE = re.compile(r"[^\W_]+")
_UNDECOMPOSED = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ı": "i",
    }
)


def search_text(value: str) -> str:
    """What `pzss_search_text(value)` gives."""
    latin = to_latin(value or "").translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", latin)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.lower().replace("dj", "d")


@lru_cache(maxsize=50_000)
def search_word(word: str) -> str:
    return search_text(word)


def query_words(q: str) -> list[str]:
    """The words of a query, as typed (its punctuation, quotes, operators dropped)."""
    return WORD_RE.findall(q or "")


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML (a news body), paragraphs kept apart."""
    spaced = re.sub(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", "\n", html or "", flags=re.I)
    return html_lib.unescape(strip_tags(spaced)).strip()


def install_sqlite_function(sender=None, connection=None, **kwargs) -> None:
    """On SQLite, `pzss_search_text` is this module's twin, so the fallback search finds
    text whatever the script, case or diacritics of the query (SQLite's own LIKE folds
    the case of ASCII letters only: «Извештај» would not meet "извештај")."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(
            "pzss_search_text",
            1,
            lambda value: None if value is None else search_text(value),
            deterministic=True,
        )
