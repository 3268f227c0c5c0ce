"""Serbian Cyrillic → Latin: every letter, the digraphs in every case, and the `|script`
filter that shows stored Cyrillic in the reader's script."""

import pytest
from django.template import Context, Template
from django.utils import translation

from pzss.lib.translit import (
    content_lang,
    for_language,
    is_latin_language,
    to_cyrillic,
    to_latin,
)

# Vuk's 30 letters in alphabetical order, and Gaj's Latin for each.
CYRILLIC_UPPER = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
LATIN_UPPER = [
    "A", "B", "V", "G", "D", "Đ", "E", "Ž", "Z", "I", "J", "K", "L", "Lj", "M",
    "N", "Nj", "O", "P", "R", "S", "T", "Ć", "U", "F", "H", "C", "Č", "Dž", "Š",
]  # fmt: skip
LATIN_LOWER = [latin.lower() for latin in LATIN_UPPER]


def test_the_alphabet_has_thirty_letters():
    assert len(CYRILLIC_UPPER) == 30
    assert len(set(CYRILLIC_UPPER)) == 30


@pytest.mark.parametrize(("cyrillic", "latin"), list(zip(CYRILLIC_UPPER, LATIN_UPPER, strict=True)))
def test_each_capital_letter_alone_becomes_its_latin_letter(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"), list(zip(CYRILLIC_UPPER.lower(), LATIN_LOWER, strict=True))
)
def test_each_small_letter_becomes_its_latin_letter(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_the_whole_alphabet_in_one_string():
    assert to_latin(CYRILLIC_UPPER.lower()) == "".join(LATIN_LOWER)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубав", "Ljubav"),
        ("Његош", "Njegoš"),
        ("Џеп", "Džep"),
        ("ЉУБАВ", "LJUBAV"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("ЏЕП", "DŽEP"),
        # at the end of a word written in capitals
        ("КОЊ", "KONJ"),
        ("ПАЉ", "PALJ"),
        # inside a small-letter word
        ("пољопривреда", "poljoprivreda"),
        ("џемпер", "džemper"),
        ("коњ", "konj"),
        # a capital digraph starting a capitalised word stays title case
        ("Љ", "Lj"),
        ("Џ. Вашингтон", "Dž. Vašington"),
    ],
)
def test_digraphs_follow_the_case_of_the_word(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_latin_letters_digits_and_punctuation_are_untouched():
    text = "ЦСР Нови Сад, Bulevar 25, tel. 021/425-836 — ОК? (2021.)"
    assert to_latin(text) == "CSR Novi Sad, Bulevar 25, tel. 021/425-836 — OK? (2021.)"
    already_latin = "Novi Sad, Đurđevo, Čoka, Šid, Žabalj 2021"
    assert to_latin(already_latin) == already_latin


def test_empty_text_stays_empty():
    assert to_latin("") == ""


@pytest.mark.parametrize(
    ("code", "latin"),
    [
        ("sr-latn", True),
        ("sr-Latn", True),
        ("sr_latn", True),
        ("en", True),
        ("en-gb", True),
        ("sr", False),
        ("sr-cyrl", False),
        (None, False),
        ("", False),
    ],
)
def test_serbian_latin_and_english_readers_read_latin_script(code, latin):
    assert is_latin_language(code) is latin


def test_for_language_transliterates_for_latin_and_english_readers():
    assert for_language("Сомбор", "sr-latn") == "Sombor"
    assert for_language("Сомбор", "en") == "Sombor"
    assert for_language("Сомбор", "sr") == "Сомбор"


def _render_script(value) -> str:
    return Template("{{ value|script }}").render(Context({"value": value}))


def test_script_filter_shows_latin_when_latin_is_chosen():
    with translation.override("sr-latn"):
        assert _render_script("Дом за децу ЊЕГОШ") == "Dom za decu NJEGOŠ"


def test_script_filter_keeps_cyrillic_for_cyrillic_readers():
    with translation.override("sr"):
        assert _render_script("Дом за децу ЊЕГОШ") == "Дом за децу ЊЕГОШ"


def test_script_filter_shows_none_as_empty():
    with translation.override("sr-latn"):
        assert _render_script(None) == ""


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Đurić", "Ђурић"),
        ("Ljubav", "Љубав"),
        ("LJUBAV", "ЉУБАВ"),
        ("Njegoš", "Његош"),
        ("džep", "џеп"),
        ("DŽEP", "ЏЕП"),
        ("Čoka 2021", "Чока 2021"),
    ],
)
def test_latin_typed_in_a_search_becomes_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_latin_and_back_gives_the_same_cyrillic():
    text = "Љиљана Њагул, Џаковица, Ђурђевић, Шћекић"
    assert to_cyrillic(to_latin(text)) == text


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_serbian_content_on_an_english_page_is_latin_and_marked_sr_latn():
    with translation.override("en"):
        html = _render("{{ value|content }}", value="ЦСР Жабаљ")
    assert html == '<span lang="sr-Latn">CSR Žabalj</span>'


def test_serbian_content_on_a_serbian_page_carries_no_lang_of_its_own():
    with translation.override("sr"):
        assert _render("{{ value|content }}", value="ЦСР Жабаљ") == "ЦСР Жабаљ"
    with translation.override("sr-latn"):
        assert _render("{{ value|content }}", value="ЦСР Жабаљ") == "CSR Žabalj"


def test_content_filter_escapes_what_people_typed():
    with translation.override("en"):
        html = _render("{{ value|content }}", value="<b>Нови Сад</b>")
    assert html == '<span lang="sr-Latn">&lt;b&gt;Novi Sad&lt;/b&gt;</span>'


def test_content_without_letters_needs_no_lang():
    with translation.override("en"):
        assert _render("{{ value|content }}", value="2021") == "2021"
        assert _render("{{ value|content }}", value=None) == ""


@pytest.mark.parametrize(
    ("text", "language", "lang"),
    [
        ("Сомбор", "sr", ""),
        ("Сомбор", "sr-latn", "sr-Cyrl"),
        ("Сомбор", "en", "sr-Cyrl"),
        ("Sombor", "en", "sr-Latn"),
        ("Sombor", "sr-latn", ""),
        ("Sombor", "sr", ""),
    ],
)
def test_cyrillic_text_is_marked_wherever_the_page_is_not_cyrillic(text, language, lang):
    assert content_lang(text, language) == lang


def test_content_lang_tag_marks_an_element_holding_serbian_on_an_english_page():
    source = "<div{% content_lang %}>x</div>"
    with translation.override("en"):
        assert _render(source) == '<div lang="sr-Latn">x</div>'
    with translation.override("sr-latn"):
        assert _render(source) == "<div>x</div>"
    with translation.override("sr"):
        assert _render(source) == "<div>x</div>"
