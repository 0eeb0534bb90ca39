"""SQLite FTS5: an external-content table over the entries' term columns.

The FTS5 table (``search_fts``, made by the 0002 migration) reads its text
from ``search_searchentry``; it is written from Python here, in the same
transaction as the entry, never by triggers. Ranking is bm25 with the title
weighted ten times the body, after a first tier: documents with a query word
in their title come before those that have them only in the body.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection

from lanting.search.backends.base import (
    MAX_CANDIDATES,
    SHOWN_COLUMNS,
    TABLE,
    Backend,
    Filters,
    OldTerms,
)
from lanting.search.models import SearchEntry
from lanting.search.text import Query

FTS_TABLE = "search_fts"


def _quoted(words: Sequence[str]) -> str:
    # Terms hold only letters and digits; doubling quotes keeps that true even so.
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: Query) -> str:
    """FTS5 syntax built from terms only: every term and phrase inside double quotes."""
    parts = [_quoted([term]) for term in query.terms]
    parts += [_quoted(phrase) for phrase in query.phrases]
    return " ".join(parts)  # FTS5's implicit AND


class SQLiteBackend(Backend):
    def added(self, entries: Sequence[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title_tokens, body_tokens) VALUES (%s, %s, %s)",
                [(e.pk, e.title_tokens, e.body_tokens) for e in entries],
            )

    def changed(self, old: Sequence[OldTerms], entries: Sequence[SearchEntry]) -> None:
        self.removed(old)
        self.added(entries)

    def removed(self, old: Sequence[OldTerms]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title_tokens, body_tokens) "
                "VALUES ('delete', %s, %s, %s)",
                [tuple(row) for row in old],
            )

    def cleared(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")

    def _from_where(self, query: Query, filters: Filters) -> tuple[str, list[Any]]:
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds(f"{FTS_TABLE}.rowid")
        return (
            f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s{bounds} AND {where}",
            [match_expression(query), *bound_params, *params],
        )

    def search(
        self, query: Query, filters: Filters, *, offset: int, limit: int
    ) -> list[SearchEntry]:
        from_where, params = self._from_where(query, filters)
        # FTS5 hands matches over newest first (by rowid) and stops at the cap,
        # so bm25 is computed for at most MAX_CANDIDATES rows, however common the word.
        sql = (
            f"SELECT {SHOWN_COLUMNS}, m.title_hit, m.score FROM ("
            f"SELECT {FTS_TABLE}.rowid AS id, "
            f"bm25({FTS_TABLE}, 1.0, 0.0) < 0 AS title_hit, "
            f"bm25({FTS_TABLE}, 10.0, 1.0) AS score "
            f"{from_where} ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
            f") m JOIN {TABLE} e ON e.id = m.id "
            "ORDER BY m.title_hit DESC, m.score, e.created_at DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        return list(SearchEntry.objects.raw(sql, [*params, MAX_CANDIDATES, limit, offset]))

    def count(self, query: Query, filters: Filters, *, cap: int) -> int:
        from_where, params = self._from_where(query, filters)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 {from_where} LIMIT %s)", [*params, cap])
            return int(cursor.fetchone()[0])
