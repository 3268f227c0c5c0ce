"""The search index: one row per findable thing (a news item, a publication, an event, a
part of the published programme), written by the app that owns it through the registry
(pzss.search.registry), read by the public search page.

`text` is plain text in the script it was typed in; `vector` (PostgreSQL) is its
`to_tsvector('simple', pzss_search_text(...))`, the title weighted A and the text B, so
a query in either script, with or without diacritics, meets it (core migration 0008).
On SQLite the column exists and stays empty: the fallback compares `title` and `text`."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# A long report's first 200,000 characters are plenty to be found by, and keep a row's
# tsvector well below PostgreSQL's 1 MB limit.
TEXT_LIMIT = 200_000


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=16)
    # The entry's identity within its kind ("12", "5:goal-3-2-1"), and the object it
    # belongs to (the news item, the publication, the programme's revision): a change of
    # that object replaces all of its entries.
    key = models.CharField(max_length=100)
    owner = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, default="sr-Cyrl")
    # A news item published for later is found from its time on, no task has to run.
    visible_from = models.DateTimeField(null=True, blank=True)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_entry_unique_key"),
        ]
        indexes = [models.Index(fields=["kind", "owner"], name="search_entry_owner")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
