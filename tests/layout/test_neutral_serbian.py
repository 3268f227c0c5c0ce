"""The Serbian catalogue speaks to and of people without gendered slashes: no
«Присуствовао/ла», «пријављен/а» or «унео/унела», but neutral wording («Присуство
евидентирано», «датум пријаве», «унето од стране»). Read from the .po file itself, every
msgstr (plural forms included); the Latin catalogue is generated from it."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "sr" / "LC_MESSAGES" / "django.po"

CYRILLIC = "\u0400-\u04ff"
SLASHED = re.compile(rf"([{CYRILLIC}]+)/([{CYRILLIC}]+)")
# What a slash adds to make a word feminine (or masculine): радио/ла, одсутан/на,
# пријављен/а, саветник/ица, корисник/ца, студент/киња, …
GENDER_ENDINGS = {"а", "ла", "на", "о", "ао", "ица", "ца", "ка", "киња", "ја", "ња", "ова"}


def msgstrs(po: str) -> list[tuple[int, str]]:
    """(line, text) of every msgstr, its continuation lines joined."""
    found: list[tuple[int, str]] = []
    current = None
    for number, line in enumerate(po.splitlines(), start=1):
        start = re.match(r'msgstr(?:\[\d+\])?\s+"(.*)"\s*$', line)
        if start:
            current = [number, start.group(1)]
            found.append(current)
            continue
        more = re.match(r'"(.*)"\s*$', line)
        if more and current is not None:
            current[1] += more.group(1)
        else:
            current = None
    return [(number, text) for number, text in found]


def gendered(text: str) -> list[str]:
    """The gendered slash forms in `text`: a word and its ending («Одсутан/на»), or a word
    and its other gender («унео/унела»); «и/или» is neither."""
    forms = []
    for first, second in SLASHED.findall(text):
        shared = len(os.path.commonprefix([first.lower(), second.lower()]))
        other_gender = shared >= 3 and abs(len(first) - len(second)) <= 3
        if second.lower() in GENDER_ENDINGS or other_gender:
            forms.append(f"{first}/{second}")
    return forms


def test_the_checker_finds_gendered_slashes_and_leaves_the_rest():
    assert gendered("Присуствовао/ла") == ["Присуствовао/ла"]
    assert gendered("%(name)s је додат/а, статус") == ["додат/а"]
    assert gendered("Одсутан/на") == ["Одсутан/на"]
    assert gendered("унео/унела") == ["унео/унела"]
    assert gendered("Поштовани/а %(name)s,") == ["Поштовани/а"]
    assert gendered("саветник/ица") == ["саветник/ица"]
    assert gendered("ЦСР и/или ЦПСУ, 14.12.2020/2021, km/h, Присуство евидентирано") == []
    po = 'msgid "A"\nmsgstr ""\n"Био/ла "\n"је ту"\n\nmsgid "B"\nmsgstr[0] "Добро"\n'
    assert msgstrs(po) == [(2, "Био/ла је ту"), (7, "Добро")]


def test_no_serbian_translation_uses_a_gendered_slash():
    # Depends on the catalogue: passes once the neutral wordings are in locale/sr.
    found = [
        (number, text, forms)
        for number, text in msgstrs(CATALOGUE.read_text(encoding="utf-8"))
        if (forms := gendered(text))
    ]
    assert found == [], "\n".join(f"django.po:{n}: {t!r} ({', '.join(f)})" for n, t, f in found)
