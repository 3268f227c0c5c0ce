"""The passage of a result: the words that matched marked, in the reader's script, all
of it escaped (pzss/search/highlight.py), and the search form of words
(pzss/search/text.py, the twin of the SQL function)."""

from pzss.search.highlight import Matcher, highlight_all, passage
from pzss.search.selectors import tsquery_text
from pzss.search.text import html_to_text, search_text

CYRILLIC = "Завод је објавио извештај о раду центара за социјални рад у 2021. години."


def test_a_latin_query_marks_cyrillic_text_for_a_cyrillic_reader():
    shown = passage(CYRILLIC, Matcher("izvestaj"), "sr")
    assert "<mark>извештај</mark>" in shown
    assert shown.startswith("Завод је објавио")


def test_a_latin_query_marks_the_same_words_in_latin_for_a_latin_reader():
    shown = passage(CYRILLIC, Matcher("izveštaj"), "sr-latn")
    assert "<mark>izveštaj</mark>" in shown
    assert "Zavod je objavio" in shown
    assert passage(CYRILLIC, Matcher("извештај"), "en") == shown


def test_the_passage_is_about_thirty_words_around_the_first_match():
    words = [f"реч{n}" for n in range(200)]
    words[120] = "извештају"
    shown = passage(" ".join(words), Matcher("izveštaj"), "sr")
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert "<mark>извештају</mark>" in shown
    assert "реч112" in shown and "реч111" not in shown
    assert len(shown.split()) <= 33


def test_content_is_escaped_before_it_is_marked():
    text = "<script>alert('извештај')</script> & <b>извештај</b>"
    shown = passage(text, Matcher("izvestaj"), "sr")
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;alert(&#x27;<mark>извештај</mark>&#x27;)&lt;/script&gt; &amp;" in shown


def test_the_query_cannot_inject_markup():
    shown = highlight_all("Извештај", Matcher("<mark>izvestaj</mark>"), "sr")
    assert shown == "<mark>Извештај</mark>"


def test_a_text_without_a_match_shows_its_beginning():
    assert passage("Прва реченица. Друга.", Matcher("tribina"), "sr") == "Прва реченица. Друга."


def test_a_part_of_a_word_is_marked_in_a_title():
    assert highlight_all("Анализа услуга", Matcher("naliz"), "sr-latn") == (
        "<mark>Analiza</mark> usluga"
    )


def test_the_search_form_of_text():
    assert search_text("Ђурђево") == search_text("Djurdjevo") == "durdevo"
    assert search_text("ЉУБАВ И ЊЕГОВАЊЕ, Џеп") == "ljubav i njegovanje, dzep"
    assert search_text("Čačak, Šid, Žabalj, Ćuprija") == "cacak, sid, zabalj, cuprija"


def test_a_tsquery_is_built_of_quoted_words_only():
    assert tsquery_text("izveštaj  o radu") == "'izveštaj':* & 'o':* & 'radu':*"
    assert tsquery_text("a' & b:* | !c (d)") == "'a':* & 'b':* & 'c':* & 'd':*"
    assert tsquery_text("'&|!()") == ""


def test_a_news_body_becomes_plain_text():
    assert html_to_text("<p>Прво &amp; друго</p><ul><li>треће</li></ul>") == ("Прво & друго\nтреће")
