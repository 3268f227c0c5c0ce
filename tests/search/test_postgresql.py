"""What only PostgreSQL does: full-text search with prefixes in the search form
(`pzss_search_text`: either script, no diacritics needed), parts of words inside titles
by trigrams, ranking, and the GIN indexes that answer it (pzss/search/selectors.py)."""

import pytest
from django.db import connection

from pzss.search import selectors
from pzss.search.models import SearchEntry
from pzss.search.text import search_text
from tests.factories import ActivityFactory
from tests.outreach.conftest import make_publication
from tests.search.conftest import require_postgresql

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _titles(q: str, kind: str = "") -> list[str]:
    return [e.entry.title for e in selectors.search(q=q, kind=kind, language="sr").hits]


@pytest.fixture
def documents(make_news, committed):
    require_postgresql()
    with committed():
        make_news("Годишњи извештај о раду центара", lead="Центри за социјални рад.")
        make_news("Izveštaj o superviziji u Latinici", lead="Tekst pisan latinicom: Đurđevo.")
        publication = make_publication(title="Анализа услуга", published=False)
    with committed():
        attached = publication.files.get()
        attached.text = "У прилогу је ИЗВЕШТАЈ о хранитељству у Срему."
        attached.save(update_fields=["text"])
        from outreach.library import services

        services.publication_publish(user=None, publication=publication)
        ActivityFactory(title="Трибина у Ђурђеву", is_public=True)
        ActivityFactory(title="Обука", is_public=True)


@pytest.mark.parametrize("q", ["izvestaj", "izveštaj", "извештај", "IZVEŠTAJ", "Izvestaj"])
def test_a_query_in_either_script_with_or_without_diacritics_finds_the_same(documents, q):
    assert sorted(_titles(q)) == sorted(
        ["Годишњи извештај о раду центара", "Izveštaj o superviziji u Latinici", "Анализа услуга"]
    )


@pytest.mark.parametrize("q", ["djurdjev", "đurđev", "ђурђев", "durdev", "DJURDJEV"])
def test_dj_and_d_are_one_letter_and_a_prefix_finds_the_inflected_word(documents, q):
    assert sorted(_titles(q)) == ["Izveštaj o superviziji u Latinici", "Трибина у Ђурђеву"]


def test_a_whole_word_finds_that_word(documents):
    assert _titles("djurdjevo") == ["Izveštaj o superviziji u Latinici"]


def test_every_word_of_the_query_must_be_found(documents):
    assert _titles("izvestaj hraniteljstvu") == ["Анализа услуга"]
    assert _titles("izvestaj nepostojece") == []


def test_a_part_of_a_word_inside_a_title_is_found_by_trigrams(documents):
    assert _titles("naliz") == ["Анализа услуга"]


def test_a_title_match_ranks_above_a_match_in_the_text(documents, make_news, committed):
    with committed():
        make_news("Обука", lead="Помиње се трибина.")
    assert _titles("tribina")[0] == "Трибина у Ђурђеву"


@pytest.mark.parametrize("q", ["'", "a & b", "!x", "x:*", "(", "a | b", "\\", "%", "<->"])
def test_tsquery_syntax_in_the_query_is_only_text(documents, q):
    selectors.search(q=q, language="sr")  # no error


def test_the_python_twin_gives_what_the_sql_function_gives():
    require_postgresql()
    samples = [
        "Љубав и ЊЕГОВАЊЕ, Џеп и ЏЕП",
        "Ђурђево, Djurdjevo, ĐURĐEVO, Đurđevo",
        "Čačak, Šid, Žabalj, Ćuprija, čćšžđ ČĆŠŽĐ",
        "Извештај о раду центара за социјални рад 2021.",
        "Crème brûlée, naïve, Ångström",
    ]
    with connection.cursor() as cursor:
        for sample in samples:
            cursor.execute("SELECT pzss_search_text(%s)", [sample])
            assert cursor.fetchone()[0] == search_text(sample), sample


def test_the_search_is_answered_from_the_gin_indexes(make_news, committed):
    require_postgresql()
    with committed():
        for n in range(300):
            ActivityFactory(title=f"Округли сто {n}", description=f"Тема број {n}.", is_public=True)
        ActivityFactory(title="Извештај о хранитељству", is_public=True)
    assert SearchEntry.objects.count() == 301
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
        # A small table is cheaper to scan; the plan must still be able to use the indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = selectors.matching("hraniteljstvo").explain()
    assert "search_entry_vector_gin" in plan, plan
    assert "search_entry_title_search_trgm" in plan, plan
