"""Searching text that is stored in the script it was typed in.

On PostgreSQL the column and the query are both brought to one form by the SQL function
`pzss_search_text` (core migration 0008): Serbian Cyrillic transliterated to Latin,
accents removed (`unaccent`), lower-cased, and "dj" folded to "d" — so «Ђурић»,
"Đurić", "Djuric" and "Duric" are one word, and `savet` finds «савет». Each searched
column has a trigram GIN index on that expression, so a `LIKE '%…%'` is answered from the
index instead of a scan of the table.

SQLite (development, the test suite) has neither extension: it compares the query as
typed and in both scripts with `icontains`, which finds the same text except for queries
typed without diacritics.
"""

from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Func, Q, TextField, Value
from django.db.models.lookups import Contains

from pzss.lib.translit import to_cyrillic, to_latin


class SearchText(Func):
    """The searchable form of a text column or value (PostgreSQL only)."""

    function = "pzss_search_text"
    output_field = TextField()


def text_search(fields: Sequence[str], q: str) -> Q:
    """A condition: `q` occurs in any of `fields`, whatever the script or accents."""
    if connection.vendor == "postgresql":
        # The same function on both sides, so the index expression matches and the
        # query's own form is computed once, at planning (the function is immutable).
        needle = SearchText(Value(q))
        return reduce(or_, (Q(Contains(SearchText(field), needle)) for field in fields))
    cond = Q()
    for term in {q, to_latin(q), to_cyrillic(q)}:
        for field in fields:
            cond |= Q(**{f"{field}__icontains": term})
    return cond
