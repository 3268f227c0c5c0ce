"""Reading text of an unknown encoding, and cleaning text people type."""

import pytest

from pzss.lib.text import TextEncodingUnknown, clean_text, decode_text

LATIN = "Ime;Prezime\nŽeljko;Čolić\nĐurđa;Šević\nĆirko;Đokić\n"
CYRILLIC = "Име;Презиме\nЖељко;Чолић\nЂурђа;Шевић\nЋирко;Ђокић\nЉиљана;Њежић\n"


@pytest.mark.parametrize(
    ("text", "encoded", "encoding"),
    [
        (CYRILLIC, CYRILLIC.encode("utf-8"), "utf-8"),
        (CYRILLIC, b"\xef\xbb\xbf" + CYRILLIC.encode("utf-8"), "utf-8-sig"),
        (CYRILLIC, CYRILLIC.encode("utf-16"), "utf-16"),
        (CYRILLIC, b"\xff\xfe" + CYRILLIC.encode("utf-16-le"), "utf-16"),
        (CYRILLIC, b"\xfe\xff" + CYRILLIC.encode("utf-16-be"), "utf-16"),
        (LATIN, LATIN.encode("cp1250"), "cp1250"),
        (LATIN, LATIN.encode("iso-8859-2"), "iso-8859-2"),
        (CYRILLIC, CYRILLIC.encode("iso-8859-5"), "iso-8859-5"),
        ("Ime,Prezime\nAna,Anic\n", b"Ime,Prezime\nAna,Anic\n", "utf-8"),
    ],
    ids=[
        "utf-8",
        "utf-8 with BOM",
        "utf-16 native with BOM",
        "utf-16 LE with BOM",
        "utf-16 BE with BOM",
        "windows-1250",
        "iso-8859-2",
        "iso-8859-5 cyrillic",
        "plain ascii",
    ],
)
def test_the_encoding_is_told_from_the_bom_and_the_bytes(text, encoded, encoding):
    decoded, found = decode_text(encoded)
    assert decoded == text
    assert found == encoding


def test_latin_words_with_only_c_acute_and_c_caron_are_not_taken_for_cyrillic():
    text = "Ime;Prezime\nĆaća;Čačak\n"
    assert decode_text(text.encode("cp1250"))[0] == text


def test_bytes_of_no_known_encoding_get_an_error_that_names_the_encodings_tried():
    with pytest.raises(TextEncodingUnknown) as caught:
        decode_text(bytes(range(128, 256)) * 4)
    message = str(caught.value)
    for name in ("UTF-8", "UTF-16", "Windows-1250", "ISO-8859-2", "ISO-8859-5"):
        assert name in message


def test_clean_text_removes_direction_overrides_and_zero_width_characters():
    assert clean_text("Ана\u202e\u200bМарић\u200d\ufeff\u2066x\u2069") == "АнаМарићx"


def test_clean_text_removes_control_characters_but_keeps_new_lines_and_tabs():
    assert clean_text("a\x00b\x07c\x1b[31m\td\ne\x7f\x85") == "abc[31m\td\ne"


def test_clean_text_turns_windows_line_ends_into_new_lines():
    assert clean_text("first\r\nsecond\rthird") == "first\nsecondthird"


def test_clean_text_composes_letters_typed_as_letter_and_accent():
    assert clean_text("C\u030colic\u0301 и\u0306") == "Čolić й"


def test_clean_text_leaves_ordinary_serbian_text_alone():
    text = "Ђорђе Чолић — „ЦСР Сомбор“, Šid\n\t№ 12"
    assert clean_text(text) == text
