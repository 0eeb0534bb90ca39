"""Kind and board as index terms, so that a filter on them is matched by the index.

Each entry's facets (``lanting.search.backends.base.facets``: "0kpost 0b7")
are indexed beside its terms. A filter on a board then costs what its
matches cost, not a walk through every match of the word elsewhere.

SQLite: the FTS5 table gets a third column, read through a view that builds
the facets from the entry's kind and board_id, and is filled again.
PostgreSQL: the generated tsvector gets the facets (weight C: never a title,
never ranked, since queries rank with their words only). Its GIN index is
made with fastupdate off: a pending list of new entries, which every query
scans unsorted, is what made searches slow at times on a busy site. The
column's statistics follow more words, so the planner knows which are common.
Both rebuild the index: minutes at a million entries. On PostgreSQL a later
migration that alters title_tokens, body_tokens, kind or board_id must drop
and re-add the column, as this one does.
"""

from django.db import migrations

SQLITE_VIEW = (
    "CREATE VIEW search_fts_content AS SELECT id, title_tokens, body_tokens, "
    "'0k' || kind || COALESCE(' 0b' || board_id, '') AS facets FROM search_searchentry"
)
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_tokens, body_tokens, facets, content='search_fts_content', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_OLD = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_tokens, body_tokens, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_FILL = "INSERT INTO search_fts (search_fts) VALUES ('rebuild')"

POSTGRES_VECTOR = (
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'D') || "
    "setweight(to_tsvector('simple'::regconfig, "
    "'0k' || kind::text || COALESCE(' 0b' || board_id::text, '')), 'C')"
    ") STORED"
)
POSTGRES_OLD_VECTOR = (
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')"
    ") STORED"
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
)
POSTGRES_CREATE = (
    *POSTGRES_DROP,
    POSTGRES_VECTOR,
    "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STATISTICS 1000",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry "
    "USING GIN (search_vector) WITH (fastupdate = off)",
    "ANALYZE search_searchentry",
)
POSTGRES_REVERSE = (
    *POSTGRES_DROP,
    POSTGRES_OLD_VECTOR,
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING GIN (search_vector)",
)


def index_facets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(SQLITE_VIEW)
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def unindex_facets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute("DROP VIEW IF EXISTS search_fts_content")
        schema_editor.execute(SQLITE_OLD)
        schema_editor.execute(SQLITE_FILL)
    elif vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(index_facets, unindex_facets)]
