"""What can be found: each app registers its *sources* in its AppConfig.ready(), so
`search` never imports them (as `documents` does with its renderers).

A source is a kind of thing (news, publications, events, the programme) and says

- `models`: which models' saves and deletes change its entries, each with a function
  that names, from the saved row alone (no query), the object whose entries it changes —
  a publication for a saved publication file; None when it changes nothing;
- `queryset()`: the objects the public may find, with what `entries` reads fetched;
- `entries(obj)`: that object's entries (none, one, or several: the programme gives one
  per goal, each with its anchor).

The index (pzss.search.indexing) asks `queryset()` for the changed objects: one that is
not in it (a draft, a withdrawn publication, an internal event) simply has no entries.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    text: str
    url: str
    date: dt.date | None = None
    language: str = "sr-Cyrl"
    visible_from: dt.datetime | None = None


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str  # the kind's results, on its tab ("News", "Events")
    item_label: str  # one result's badge ("News item", "Event")
    models: Mapping[type[Model], Callable[[Model], int | None]]
    queryset: Callable[[], QuerySet]
    entries: Callable[[Model], Iterable[Entry]]
    order: int = 100


_SOURCES: dict[str, SearchSource] = {}


def register_search_source(
    kind: str,
    *,
    label: str,
    item_label: str,
    models: Mapping[type[Model], Callable[[Model], int | None]],
    queryset: Callable[[], QuerySet],
    entries: Callable[[Model], Iterable[Entry]],
    order: int = 100,
) -> None:
    """`order` places the kind's tab among the others (lower first)."""
    _SOURCES[kind] = SearchSource(kind, label, item_label, dict(models), queryset, entries, order)


def sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.kind))


def source(kind: str) -> SearchSource | None:
    return _SOURCES.get(kind)


def kind_labels() -> dict[str, str]:
    return {s.kind: s.label for s in sources()}


def item_labels() -> dict[str, str]:
    return {s.kind: s.item_label for s in sources()}


def owners_changed_by(instance: Model) -> list[tuple[str, int]]:
    """(kind, object pk) whose entries a save or delete of `instance` changes."""
    changed = []
    for src in _SOURCES.values():
        owner_of = src.models.get(type(instance))
        if owner_of is None:
            continue
        owner = owner_of(instance)
        if owner is not None:
            changed.append((src.kind, owner))
    return changed
