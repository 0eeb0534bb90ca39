"""The full-text index beside search_searchentry, made for the database in use.

SQLite: an FTS5 table with external content (the entries' term columns),
written from Python by lanting.search.backends.sqlite.
PostgreSQL: a stored generated tsvector column (title weighted A, body D,
'simple' configuration over the pre-segmented terms) and a GIN index on it.
Django's model does not know the column: a later migration that alters
title_tokens or body_tokens on PostgreSQL must drop and re-add it.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_tokens, body_tokens, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_FILL = "INSERT INTO search_fts (search_fts) VALUES ('rebuild')"
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"

POSTGRES_CREATE = (
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')"
    ") STORED",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING GIN (search_vector)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
