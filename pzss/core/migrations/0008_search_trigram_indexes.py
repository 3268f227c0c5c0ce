"""Searches that do not scan: the activity list (title, description), the staff people
search (last name, first name, e-mail) and the public institution search (name, short
name) compare `pzss_search_text(column) LIKE '%' || pzss_search_text(query) || '%'`
(pzss/lib/search.py), answered from a trigram GIN index on each expression.

PostgreSQL only: on SQLite every operation here does nothing (the searches fall back to
icontains there)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# Cyrillic letters that are one Latin letter (љ, њ, џ are two and are replaced first),
# in both cases, because lower() of a C-collated database leaves Cyrillic alone. Frozen
# here as pzss/lib/translit.py had it; the Latin diacritics go with unaccent().
CYRILLIC = "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ"
LATIN = "abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ"
assert len(CYRILLIC) == len(LATIN)

# IMMUTABLE so that it may be indexed: unaccent() itself is only STABLE because its
# dictionary could be changed, so the dictionary is named with its schema.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pzss_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(lower(public.unaccent('public.unaccent'::regdictionary,
    translate(
      replace(replace(replace(replace(replace(replace(value,
        'љ', 'lj'), 'Љ', 'Lj'), 'њ', 'nj'), 'Њ', 'Nj'), 'џ', 'dž'), 'Џ', 'Dž'),
      '{CYRILLIC}', '{LATIN}'))), 'dj', 'd')
$$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS pzss_search_text(text)"

INDEXES = {
    "core_activity": ["title", "description"],
    "core_person": ["last_name", "first_name", "email"],
    "core_institution": ["name", "short_name"],
}


def _index_name(table: str, column: str) -> str:
    return f"{table}_{column}_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    for table, columns in INDEXES.items():
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {_index_name(table, column)} ON {table} "
                f"USING gin (pzss_search_text({column}) gin_trgm_ops)"
            )
        # An expression index has no statistics until analysed; without them the planner
        # guesses a match in a few rows and sorts thousands by date instead of walking
        # the date index for a common word.
        schema_editor.execute(f"ANALYZE {table}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in INDEXES.items():
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(table, column)}")
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_activity_plausible_bounds"),
    ]

    operations = [
        # Both are no-ops on a database other than PostgreSQL.
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
