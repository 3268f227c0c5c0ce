"""The passage of a result that matched, with the matching words marked, in the reader's
script.

The text is split into words and each word brought to the search form
(`pzss.search.text.search_word`, the twin of the SQL function), so a word matches a
query word typed in either script, with or without diacritics. A word matches when it
starts with a query word (as the database's prefix query does) or, for a query word of
three letters or more, holds it (as the title's trigram match does).

Every piece is escaped before anything is marked, and shown with `for_language`: a
Cyrillic text is shown in Latin to a Latin or English reader, marks and all."""

import itertools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pzss.lib.translit import for_language
from pzss.search.text import WORD_RE, query_words, search_text, search_word

PASSAGE_WORDS = 30
BEFORE = 8
_SPACES = re.compile(r"\s+")


class Matcher:
    def __init__(self, q: str):
        self.words = sorted({search_text(w) for w in query_words(q)}, key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, word: str) -> bool:
        form = search_word(word)
        return any(form.startswith(w) or (len(w) >= 3 and w in form) for w in self.words)


def _render(
    text: str, spans: list[tuple[int, int]], matcher: Matcher, language: str, start: int = 0
) -> str:
    out, pos = [], start
    for begin, end in spans:
        if begin > pos:
            out.append(escape(for_language(_SPACES.sub(" ", text[pos:begin]), language)))
        word = text[begin:end]
        shown = escape(for_language(word, language))
        out.append(f"<mark>{shown}</mark>" if matcher.matches(word) else shown)
        pos = end
    return "".join(out)


def highlight_all(text: str, matcher: Matcher, language: str) -> SafeString:
    """The whole (short) text, its matching words marked: a title."""
    spans = [m.span() for m in WORD_RE.finditer(text or "")]
    rendered = _render(text or "", spans, matcher, language)
    if spans and spans[-1][1] < len(text):
        rendered += escape(for_language(text[spans[-1][1] :], language))
    return mark_safe(rendered)  # noqa: S308 (every piece escaped in _render)


def passage(text: str, matcher: Matcher, language: str) -> SafeString:
    """About thirty words of `text` around its first match (its start when nothing in
    it matches: the title did), the matches marked."""
    text = text or ""
    words = WORD_RE.finditer(text)
    window: list[tuple[int, int]] = []
    hit = None
    for index, m in enumerate(words):
        window.append(m.span())
        if len(window) > BEFORE + 1:
            window.pop(0)
        if matcher and matcher.matches(m.group()):
            hit = index
            break
    if hit is None:
        spans = [m.span() for m in itertools.islice(WORD_RE.finditer(text), PASSAGE_WORDS)]
    else:
        after = itertools.islice(words, PASSAGE_WORDS - len(window))
        spans = window + [m.span() for m in after]
    if not spans:
        return mark_safe("")
    first_index = 0 if hit is None else hit - len(window) + 1
    # From the text's start when the passage is its beginning (an opening quote, a «).
    rendered = _render(text, spans, matcher, language, start=spans[0][0] if first_index else 0)
    lead = "… " if first_index > 0 else ""
    if WORD_RE.search(text, spans[-1][1]):
        tail = " …"
    else:  # the text's end: its last full stop, a closing quote
        tail = escape(for_language(_SPACES.sub(" ", text[spans[-1][1] :]).rstrip(), language))
    return mark_safe(lead + rendered + tail)  # noqa: S308 (every piece escaped in _render)
