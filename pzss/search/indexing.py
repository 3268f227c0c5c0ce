"""Keeping the index fresh: a save or delete of a searched model replaces the entries of
the object it belongs to, once the transaction commits.

A signal, against the "no logic in signals" habit, for the reason the public page cache
gives (pzss.lib.public_cache): the index must follow every write of every searched app —
services, the programme's publication, the demo, the admin — and no service should have
to remember it. At commit, not at the save: the entries are read from what was
committed (a publication's files saved after the publication, a programme's tree after
its revision), and a rolled-back change leaves the index alone. The handler itself
makes no query: the rows to refresh are named from the saved row's own fields.

Once the entries are written the public pages' generation is bumped: the page cache was
bumped at the same commit, possibly before the index changed, and a search page
rendered in between must not stay cached.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from pzss.lib import public_cache
from pzss.lib.search import SearchText
from pzss.search import registry
from pzss.search.models import TEXT_LIMIT, SearchEntry

log = logging.getLogger(__name__)

BATCH = 200


def _vector_update():
    return SearchVector(SearchText("title"), weight="A", config="simple") + SearchVector(
        SearchText("text"), weight="B", config="simple"
    )


def _write(kind: str, owners: Iterable[int], objects: Iterable, stamp) -> int:
    """Replace the entries of `owners` (of `kind`) with those of `objects` (the public
    ones among them). Returns how many entries were written."""
    src = registry.source(kind)
    rows = []
    for obj in objects:
        for entry in src.entries(obj):
            rows.append(
                SearchEntry(
                    kind=kind,
                    key=entry.key[:100],
                    owner=obj.pk,
                    title=(entry.title or "")[:500],
                    text=(entry.text or "")[:TEXT_LIMIT],
                    url=entry.url[:500],
                    date=entry.date,
                    language=entry.language,
                    visible_from=entry.visible_from,
                    indexed_at=stamp,
                )
            )
    owners = list(owners)
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, owner__in=owners).delete()
        created = SearchEntry.objects.bulk_create(rows, batch_size=BATCH)
        if created and connection.vendor == "postgresql":
            SearchEntry.objects.filter(pk__in=[e.pk for e in created]).update(
                vector=_vector_update()
            )
    return len(rows)


def refresh(kind: str, owners: Iterable[int]) -> int:
    """Bring the entries of these objects of `kind` up to date (idempotent)."""
    src = registry.source(kind)
    owners = sorted(set(owners))
    if src is None or not owners:
        return 0
    written = 0
    stamp = timezone.now()
    for start in range(0, len(owners), BATCH):
        chunk = owners[start : start + BATCH]
        objects = list(src.queryset().filter(pk__in=chunk))
        written += _write(kind, chunk, objects, stamp)
    return written


def refresh_all(changed: dict[str, set[int]]) -> None:
    for kind, owners in sorted(changed.items()):
        refresh(kind, owners)
    public_cache.bump()


def rebuild(*, kinds: Iterable[str] | None = None, out=None) -> dict[str, int]:
    """Every source's entries from scratch, in batches; entries of objects that are no
    longer public are removed. Safe to run again: it gives the same index."""
    counts = {}
    for src in registry.sources():
        if kinds and src.kind not in kinds:
            continue
        stamp = timezone.now()
        written, last = 0, None
        while True:
            qs = src.queryset().order_by("pk")
            if last is not None:
                qs = qs.filter(pk__gt=last)
            objects = list(qs[:BATCH])
            if not objects:
                break
            last = objects[-1].pk
            written += _write(src.kind, [o.pk for o in objects], objects, stamp)
        SearchEntry.objects.filter(kind=src.kind, indexed_at__lt=stamp).delete()
        counts[src.kind] = written
        if out is not None:
            out.write(f"{src.kind}: {written} entries")
    public_cache.bump()
    return counts


# --- on commit ---------------------------------------------------------------------------


def _on_change(sender, instance=None, using=None, **kwargs) -> None:
    changed = registry.owners_changed_by(instance)
    if not changed:
        return
    conn = transaction.get_connection(using)
    if not conn.in_atomic_block:
        refresh_all(_group(changed))
        return
    # The objects of one transaction are gathered on its connection; the first of its
    # callbacks to run refreshes them all, the others find nothing left.
    pending = conn.__dict__.setdefault("pzss_search_pending", set())
    pending.update(changed)
    transaction.on_commit(lambda: _refresh_pending(conn), using=using, robust=True)


def _group(changed: Iterable[tuple[str, int]]) -> dict[str, set[int]]:
    grouped: dict[str, set[int]] = defaultdict(set)
    for kind, owner in changed:
        grouped[kind].add(owner)
    return grouped


def _refresh_pending(conn) -> None:
    pending = conn.__dict__.pop("pzss_search_pending", None)
    if pending:
        refresh_all(_group(pending))


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="pzss-search-save")
    post_delete.connect(_on_change, dispatch_uid="pzss-search-delete")
