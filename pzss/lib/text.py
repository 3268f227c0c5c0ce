"""Text from outside: files of an unknown encoding, and what people type.

`decode_text` reads the bytes of a file saved by whatever program an office has (Excel's
"Unicode text" is UTF-16, older Windows saves Windows-1250, some Cyrillic files are
ISO-8859-5); `clean_text` normalises what people type before it is stored."""

import codecs
import re
import unicodedata

# (codec, the name people know it by), in the order they are tried.
SINGLE_BYTE = [
    ("cp1250", "Windows-1250"),
    ("iso-8859-2", "ISO-8859-2"),
    ("iso-8859-5", "ISO-8859-5"),
]
ENCODINGS_TRIED = ["UTF-8", "UTF-16", *(label for _codec, label in SINGLE_BYTE)]

SERBIAN_LATIN = set("čćžšđČĆŽŠĐ")
SERBIAN_CYRILLIC = set("абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ")
# Typography Word and Excel put into Serbian text.
TYPOGRAPHY = set("„“”‘’«»–—…€°№")
_WORD = re.compile(r"\w+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")

# A guess is trusted when most of the characters outside ASCII read as Serbian.
CONFIDENT = 0.6


class TextEncodingUnknown(ValueError):
    def __init__(self):
        super().__init__(
            "The text is in none of these encodings: " + ", ".join(ENCODINGS_TRIED) + "."
        )
        self.tried = ENCODINGS_TRIED


def _utf16_without_bom(content: bytes) -> str | None:
    # ASCII in UTF-16 is every other byte a zero: which half tells the byte order.
    sample = content[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def plausibility(text: str) -> float:
    """How much `text` reads as Serbian (Latin or Cyrillic) beyond ASCII: 1.0 when every
    other character is a Serbian letter or common typography, less for other letters,
    nothing for control characters, less again for words that mix the two scripts (what a
    wrong single-byte code page makes of a word)."""
    others = [c for c in text if ord(c) > 127]
    if not others:
        return 1.0
    score = 0.0
    for c in others:
        if c in SERBIAN_LATIN or c in SERBIAN_CYRILLIC or c in TYPOGRAPHY:
            score += 1
        elif unicodedata.category(c).startswith("C"):
            score -= 1
        elif c.isalpha():
            score += 0.2
    words = [w for w in _WORD.findall(text) if any(ord(c) > 127 for c in w)]
    mixed = sum(1 for w in words if _LATIN_LETTER.search(w) and _CYRILLIC_LETTER.search(w))
    return score / len(others) - (mixed / len(words) if words else 0)


def decode_text(content: bytes) -> tuple[str, str]:
    """The text and the codec it was read with; TextEncodingUnknown when no encoding
    reads it as Serbian text (its message names the encodings tried)."""
    if content.startswith(codecs.BOM_UTF8):
        return content.decode("utf-8-sig"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TextEncodingUnknown from exc
    utf16 = _utf16_without_bom(content)
    if utf16:
        try:
            return content.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for codec, _label in SINGLE_BYTE:
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:  # ties keep the earlier, more common one
            best = (score, text, codec)
    if best is None or best[0] < CONFIDENT:
        raise TextEncodingUnknown
    return best[1], best[2]


# Kept of the control characters: the line breaks and tabs of a text area.
KEPT_CONTROLS = {"\n", "\t"}


def clean_text(value: str) -> str:
    """Text as typed, ready to store: letters composed (NFC, so "č" typed as "c" and a
    caron matches "č" in a search), and no invisible characters — no direction overrides
    (U+202E turns a name around on screen), zero-width spaces and joiners, byte order
    marks (Unicode category Cf), nor control characters other than new lines and tabs.
    Windows line ends become new lines."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    return "".join(
        c for c in value if c in KEPT_CONTROLS or unicodedata.category(c) not in {"Cf", "Cc"}
    )


# How long a published work's abstract in the library may be (programmes, reports,
# studies, surveys), cut at a word.
ABSTRACT_LENGTH = 600


def first_paragraph(text: str) -> str:
    """The first non-empty line of `text`, stripped ("" when there is none)."""
    return next((line.strip() for line in (text or "").split("\n") if line.strip()), "")


def cut_at_word(text: str, limit: int = ABSTRACT_LENGTH) -> str:
    """`text` if it fits in `limit` characters, else cut at the last word before it with
    " …"."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
