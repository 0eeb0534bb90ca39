"""PostgreSQL full-text search over the same pre-segmented terms.

The 0002 migration adds ``search_vector``, a stored generated tsvector of the
entry's terms (title weighted A, body D) under the 'simple' configuration,
which only lower-cases: jieba and the stemmer did the real work already. A
GIN index serves ``@@``. Ranking is ts_rank_cd with the title weighted ten
times the body, after a first tier: documents with a query word in their
title come before those that have them only in the body.
"""

from typing import Any

from django.db import connection

from lanting.search.backends.base import MAX_CANDIDATES, SHOWN_COLUMNS, TABLE, Backend, Filters
from lanting.search.models import SearchEntry
from lanting.search.text import Query

# ts_rank_cd's weights run {D, C, B, A}: the body (D) counts a tenth of the title (A).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def _parts(query: Query) -> tuple[list[str], list[str]]:
    """tsqueries made by plainto/phraseto_tsquery: user text never is tsquery syntax."""
    parts = ["plainto_tsquery('simple', %s)"] * len(query.terms)
    parts += ["phraseto_tsquery('simple', %s)"] * len(query.phrases)
    return parts, [*query.terms, *(" ".join(phrase) for phrase in query.phrases)]


def tsquery(query: Query) -> tuple[str, list[str]]:
    """Every term and phrase (&&)."""
    parts, params = _parts(query)
    return "(" + " && ".join(parts) + ")", params


def any_tsquery(query: Query) -> tuple[str, list[str]]:
    """Any term or phrase (||): for the title tier."""
    parts, params = _parts(query)
    return "(" + " || ".join(parts) + ")", params


class PostgresBackend(Backend):
    # Writes need nothing more: the tsvector column is generated from the terms.

    def search(
        self, query: Query, filters: Filters, *, offset: int, limit: int
    ) -> list[SearchEntry]:
        every, every_params = tsquery(query)
        some, some_params = any_tsquery(query)
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds("e.id")
        sql = (
            f"SELECT {SHOWN_COLUMNS}, m.title_hit, m.score FROM ("
            f"SELECT c.id, ts_filter(c.search_vector, '{{a}}') @@ {some} AS title_hit, "
            f"ts_rank_cd('{WEIGHTS}', c.search_vector, {every}) AS score FROM ("
            f"SELECT e.id, e.search_vector FROM {TABLE} e "
            f"WHERE e.search_vector @@ {every}{bounds} AND {where} ORDER BY e.id DESC LIMIT %s"
            f") c) m JOIN {TABLE} e ON e.id = m.id "
            "ORDER BY m.title_hit DESC, m.score DESC, e.created_at DESC, e.id DESC "
            "LIMIT %s OFFSET %s"
        )
        all_params: list[Any] = [
            *some_params,
            *every_params,
            *every_params,
            *bound_params,
            *params,
            MAX_CANDIDATES,
            limit,
            offset,
        ]
        return list(SearchEntry.objects.raw(sql, all_params))

    def count(self, query: Query, filters: Filters, *, cap: int) -> int:
        every, every_params = tsquery(query)
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds("e.id")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} e "
                f"WHERE e.search_vector @@ {every}{bounds} AND {where} LIMIT %s) AS hits",
                [*every_params, *bound_params, *params, cap],
            )
            return int(cursor.fetchone()[0])
