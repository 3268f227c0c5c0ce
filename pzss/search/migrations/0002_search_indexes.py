"""The indexes that make a search not scan (PostgreSQL only; nothing on SQLite, where
the fallback compares with icontains): a GIN index on the entries' tsvector, and a
trigram GIN index on `pzss_search_text(title)` for parts of words inside a title (core
migration 0008 made the function and the pg_trgm extension)."""

from django.db import migrations

INDEXES = {
    "search_entry_vector_gin": "USING gin (vector)",
    "search_entry_title_search_trgm": "USING gin (pzss_search_text(title) gin_trgm_ops)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry {definition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("core", "0008_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
