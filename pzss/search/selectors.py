"""The public search: what matches a query, ranked, a page of it, and how many of each
kind — in two queries whatever the number of entries (the counts, the page).

On PostgreSQL an entry matches when its tsvector meets the query's words, each as a
prefix (`izvešt:*` finds «извештаја»), or when its title holds the whole query inside a
word (trigram index on `pzss_search_text(title)`). Both sides are brought to one form by
`pzss_search_text`, so the script and the diacritics of the query do not matter. Ranked
by ts_rank plus the title's trigram similarity, then the newest first.

On SQLite (`make run`, the default test run) the fallback compares each word of the query
inside the title or the text, both in the search form (the function's Python twin is
installed on SQLite), newest first."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.lookups import Contains
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.lib.search import SearchText
from pzss.lib.translit import content_lang, for_language
from pzss.search import registry
from pzss.search.highlight import Matcher, highlight_all, passage
from pzss.search.models import SearchEntry
from pzss.search.text import query_words

MAX_QUERY_LENGTH = 100
PER_PAGE = 20
# A part of a word is looked for inside titles from this many characters on: shorter
# parts match almost everything, and the trigram index cannot answer them.
MIN_PARTIAL = 3


@dataclass
class Hit:
    entry: SearchEntry
    kind_label: str
    title: str
    title_lang: str
    passage: str
    passage_lang: str


@dataclass
class KindCount:
    kind: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    q: str = ""
    kind: str = ""
    error: str = ""
    page: Page | None = None
    hits: list[Hit] = field(default_factory=list)
    kinds: list[KindCount] = field(default_factory=list)
    total: int = 0
    all_count: int = 0

    @property
    def searched(self) -> bool:
        return bool(self.q) and not self.error


class _Counted:
    """A query's page source that knows its count already (from the per-kind counts), so
    the paginator does not ask the database again."""

    def __init__(self, qs: QuerySet, count: int):
        self.qs, self._count = qs, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        return self.qs[item]


def tsquery_text(q: str) -> str:
    """The query's words as a prefix tsquery (`'izvestaj':* & 'savet':*`): each word is
    letters and digits only, quoted, so nothing the visitor types is tsquery syntax."""
    return " & ".join(f"'{word}':*" for word in query_words(q))


def _postgresql(q: str) -> QuerySet:
    needle = SearchText(Value(q))
    condition = Q(pk__in=[])
    rank = Value(0.0)
    words = tsquery_text(q)
    if words:
        # Brought to the search form in SQL, by the very function that made the vectors.
        query = SearchQuery(SearchText(Value(words)), search_type="raw", config="simple")
        condition |= Q(vector=query)
        rank = SearchRank(F("vector"), query)
    if len(q) >= MIN_PARTIAL:
        condition |= Q(Contains(SearchText("title"), needle))
        rank = rank + TrigramSimilarity(SearchText("title"), needle)
    return (
        SearchEntry.objects.filter(condition)
        .annotate(rank=rank)
        .order_by("-rank", F("date").desc(nulls_last=True), "-pk")
    )


def _sqlite(q: str) -> QuerySet:
    """Every word of the query in the title or the text, compared in the search form (the
    Python twin is installed as SQLite's `pzss_search_text`, pzss.search.text); newest
    first. It scans: fine for the few hundred entries of `make run`."""
    words = query_words(q) or [q]
    condition = Q()
    for word in words:
        needle = SearchText(Value(word))
        condition &= Q(Contains(SearchText("title"), needle)) | Q(
            Contains(SearchText("text"), needle)
        )
    return SearchEntry.objects.filter(condition).order_by(F("date").desc(nulls_last=True), "-pk")


def matching(q: str, now=None) -> QuerySet:
    """The entries the public may see that match `q`, best first."""
    qs = _postgresql(q) if connection.vendor == "postgresql" else _sqlite(q)
    now = now or timezone.now()
    return qs.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now))


def search(*, q: str, kind: str = "", page=None, language: str) -> SearchResults:
    q = " ".join((q or "").split())
    labels = registry.kind_labels()
    kind = kind if kind in labels else ""
    results = SearchResults(q=q, kind=kind)
    if not q:
        return results
    if len(q) > MAX_QUERY_LENGTH:
        results.error = _(
            "The search is too long: use at most %(max)d characters, a few words are enough."
        ) % {"max": MAX_QUERY_LENGTH}
        return results
    qs = matching(q)
    # Query 1: how many of each kind (the tabs, and the total the pages count).
    counts = dict(qs.order_by().values_list("kind").annotate(n=Count("id")))
    results.kinds = [
        KindCount(k, str(label), counts.get(k, 0), k == kind) for k, label in labels.items()
    ]
    results.all_count = sum(counts.values())
    results.total = counts.get(kind, 0) if kind else results.all_count
    if kind:
        qs = qs.filter(kind=kind)
    # Query 2: the page (none when nothing matched).
    paginator = Paginator(_Counted(qs.defer("vector"), results.total), PER_PAGE)
    results.page = paginator.get_page(page)
    matcher = Matcher(q)
    item_labels = registry.item_labels()
    for entry in results.page.object_list if results.total else []:
        title = for_language(entry.title, language)
        shown = passage(entry.text, matcher, language) if entry.text else ""
        results.hits.append(
            Hit(
                entry=entry,
                kind_label=str(item_labels.get(entry.kind, entry.kind)),
                title=highlight_all(entry.title, matcher, language),
                title_lang=_lang(entry, title, language),
                passage=shown,
                passage_lang=_lang(entry, for_language(entry.text[:200], language), language),
            )
        )
    return results


def _lang(entry: SearchEntry, shown: str, language: str) -> str:
    """The `lang` the shown text needs on a page in `language` ("" for none)."""
    if entry.language == "en":
        return "" if language == "en" else "en"
    return content_lang(shown, language)
