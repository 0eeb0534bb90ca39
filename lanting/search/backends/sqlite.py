"""SQLite FTS5: an external-content table over the entries' term columns.

The FTS5 table (``search_fts``, made by the 0003 migration) indexes the
title terms, the body terms and the entry's facets (kind and board, see
``base.facets``), reading them back through the ``search_fts_content`` view.
It is written from Python here, in the same transaction as the entry, never
by triggers.

FTS5 hands matches over newest first (by rowid) and the search stops at the
cap, so however common a word, only that many matches are looked at. They
are ranked in tiers: a query word in the title first, then bm25 with the
title weighted ten times the body, then the newest. bm25 needs each word's
document count, which FTS5 finds by reading the word's whole list of
matches: for a word in a third of a million posts that alone takes longer
than the rest of the search. So when a word (or filter term) is that common,
the tier below the title is simply the newest first.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection

from lanting.search.backends.base import (
    TABLE,
    Backend,
    Filters,
    OldTerms,
    Page,
    facets,
    fetch_page,
    ranked_page_sql,
    title_hit,
)
from lanting.search.models import SearchEntry
from lanting.search.text import Query

FTS_TABLE = "search_fts"
# A term in more documents than this is not ranked by bm25 (see above): its
# document count would take about a millisecond per 25,000 to read.
COMMON_TERM_DOCUMENTS = 50_000
# How many of a term's newest matches show how common it is.
PROBE_MATCHES = 500
COLUMNS = "title_tokens, body_tokens, facets"


def _quoted(words: Sequence[str]) -> str:
    # Terms hold only letters and digits; doubling quotes keeps that true even so.
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: Query, filters: Filters | None = None) -> str:
    """FTS5 syntax built from terms only: every term and phrase inside double quotes."""
    parts = [_quoted([term]) for term in query.terms]
    parts += [_quoted(phrase) for phrase in query.phrases]
    for group in filters.facet_groups() if filters else []:
        parts.append("(" + " OR ".join(_quoted([term]) for term in group) + ")")
    return " AND ".join(parts)  # FTS5 allows no implicit AND before a parenthesis


def _row(entry: SearchEntry) -> tuple[int, str, str, str]:
    return (entry.pk, entry.title_tokens, entry.body_tokens, facets(entry.kind, entry.board_id))


class SQLiteBackend(Backend):
    def added(self, entries: Sequence[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {COLUMNS}) VALUES (%s, %s, %s, %s)",
                [_row(e) for e in entries],
            )

    def changed(self, old: Sequence[OldTerms], entries: Sequence[SearchEntry]) -> None:
        self.removed(old)
        self.added(entries)

    def removed(self, old: Sequence[OldTerms]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {COLUMNS}) "
                "VALUES ('delete', %s, %s, %s, %s)",
                [
                    (row.id, row.title_tokens, row.body_tokens, facets(row.kind, row.board_id))
                    for row in old
                ],
            )

    def cleared(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")

    def _has_common_term(self, query: Query, filters: Filters) -> bool:
        """Whether a term of the search is in more than COMMON_TERM_DOCUMENTS documents.

        Judged from how far back a term's newest PROBE_MATCHES matches reach:
        a walk of that many rowids, never of the whole list.
        """
        terms = {*query.terms, *(t for p in query.phrases for t in p)}
        terms |= {t for group in filters.facet_groups() for t in group}
        if not terms:
            return False
        probe = (
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s)"
        )
        probes = ", ".join([probe] * len(terms))
        params: list[Any] = []
        for term in sorted(terms):
            params += [_quoted([term]), PROBE_MATCHES - 1]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT (SELECT MAX(id) FROM {TABLE}), {probes}", params)
            newest, *reaches = cursor.fetchone()
        for reach in reaches:
            if reach is not None and newest is not None:
                documents = PROBE_MATCHES * newest / max(1, newest - reach + 1)
                if documents > COMMON_TERM_DOCUMENTS:
                    return True
        return False

    def page(self, query: Query, filters: Filters, *, offset: int, limit: int, cap: int) -> Page:
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds(f"{FTS_TABLE}.rowid")
        title, title_params = title_hit(query, column="e.title_tokens", find="instr")
        score = "0.0"
        if not self._has_common_term(query, filters):
            score = f"bm25({FTS_TABLE}, 10.0, 1.0, 0.0)"  # facets weigh nothing
        candidates = (
            f"SELECT {FTS_TABLE}.rowid AS id, e.created_at AS created_at, "
            f"{title} AS title_hit, {score} AS score "
            f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s{bounds} AND {where} "
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
        )
        sql = ranked_page_sql(candidates, score_order="ASC")  # bm25: lower is better
        return fetch_page(
            sql,
            [
                *title_params,
                match_expression(query, filters),
                *bound_params,
                *params,
                cap,
                limit,
                offset,
            ],
        )
