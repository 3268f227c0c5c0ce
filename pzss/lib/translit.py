"""Serbian Cyrillic → Latin transliteration.

Serbian's two scripts map one to one (Вук's alphabet and Гај's Latin alphabet), so
content is stored once, in the script it was typed in, and shown in Latin on demand.
Љ, Њ and Џ become the digraphs Lj, Nj and Dž — all capitals (LJ, NJ, DŽ) inside a word
written in capitals.
"""

_LOWER = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "đ",
    "е": "e",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "ć",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "č",
    "џ": "dž",
    "ш": "š",
}
_UPPER = {k.upper(): v.capitalize() for k, v in _LOWER.items()}
_DIGRAPHS = {"Љ", "Њ", "Џ"}


def to_latin(text: str) -> str:
    if not text:
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _LOWER:
            out.append(_LOWER[ch])
        elif ch in _UPPER:
            latin = _UPPER[ch]
            if ch in _DIGRAPHS:
                nxt = text[i + 1] if i + 1 < n else ""
                prev = text[i - 1] if i > 0 else ""
                # "ЉУБАВ" → "LJUBAV", but "Љубав" → "Ljubav" and "Љ" → "Lj".
                if (nxt.isalpha() and nxt.isupper()) or (
                    prev.isalpha() and prev.isupper() and not (nxt.isalpha() and nxt.islower())
                ):
                    latin = latin.upper()
            out.append(latin)
        else:
            out.append(ch)
    return "".join(out)


def is_latin_language(language_code: str | None) -> bool:
    """Whether a reader of `language_code` reads Latin script.

    Serbian Latin readers do, and so does everyone who is not reading Serbian: an English
    reader cannot read Cyrillic. Only Serbian Cyrillic (the default, also when no
    language is active) keeps content as it was typed.
    """
    code = (language_code or "").lower().replace("_", "-")
    if not code:
        return False
    return not (code == "sr" or code.startswith("sr-cyrl"))


def is_serbian_language(language_code: str | None) -> bool:
    code = (language_code or "").lower().replace("_", "-")
    return code == "sr" or code.startswith("sr-")


def content_lang(text: str, language_code: str | None) -> str:
    """The `lang` that `text` — Serbian content as shown by `for_language` — needs on a
    page in `language_code`, or "" when it is in the page's own language.

    Serbian on a Serbian page of either script needs none; Serbian Latin on an English
    page is "sr-Latn"; Cyrillic anywhere but a Cyrillic page is "sr-Cyrl". Text without
    letters (a number, a dash) needs none.
    """
    if not text or not any(ch.isalpha() for ch in text):
        return ""
    cyrillic = any(ch in _LOWER or ch in _UPPER for ch in text)
    if cyrillic:
        return "" if not is_latin_language(language_code) else "sr-Cyrl"
    if is_serbian_language(language_code) or not language_code:
        return ""
    return "sr-Latn"


def for_language(text: str, language_code: str | None) -> str:
    """The text as it should be shown to a reader of `language_code`."""
    if is_latin_language(language_code):
        return to_latin(text)
    return text


# Latin → Cyrillic, for searching: staff type names in either script, and the directory
# holds them in the script they were entered in. Digraphs first (lj, nj, dž); a search
# may also try the text as typed, so the rare "nj" that is n + j costs nothing.
_LATIN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_LATIN_LOWER = {v: k for k, v in _LOWER.items() if len(v) == 1}


def to_cyrillic(text: str) -> str:
    if not text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair.lower() in _LATIN_DIGRAPHS:
            cyr = _LATIN_DIGRAPHS[pair.lower()]
            out.append(cyr.upper() if pair[0].isupper() else cyr)
            i += 2
            continue
        ch = text[i]
        cyr = _LATIN_LOWER.get(ch.lower())
        if cyr is None:
            out.append(ch)
        else:
            out.append(cyr.upper() if ch.isupper() else cyr)
        i += 1
    return "".join(out)
