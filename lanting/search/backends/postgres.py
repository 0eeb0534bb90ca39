"""PostgreSQL full-text search over the same pre-segmented terms.

The 0003 migration makes ``search_vector``, a stored generated tsvector of
the entry's terms (title weighted A, body D) and facets (kind and board, C;
see ``base.facets``) under the 'simple' configuration, which only
lower-cases: jieba and the stemmer did the real work already. A GIN index
serves ``@@``, filters on kind and board included. Ranking is ts_rank_cd of
the query's words with the title weighted ten times the body, after a first
tier: documents with a query word in their title come before those that have
them only in the body.

Only the newest matches are ranked, and finding them is where the time goes.
Walking the table from the newest entry is quick for a common word and
hopeless for a rare one; fetching every match through the GIN index is the
reverse. So the search looks at a window of the newest entries that should
hold about twice the matches it needs, judged from the planner's estimate
of how many entries match, and widens it when they were fewer.
"""

import json

from django.db import connection

from lanting.search.backends.base import TABLE, Backend, Filters, Page, fetch_page, ranked_page_sql
from lanting.search.text import Query

# ts_rank_cd's weights run {D, C, B, A}: the body (D) counts a tenth of the title (A).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Up to this many times the matches needed, all are fetched through the index.
FEW_MATCHES = 2
# The first window should hold this many times the matches needed; each next one is wider.
WINDOW_MARGIN = 2
WIDER = 8


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


def match_tsquery(query: Query, filters: Filters) -> tuple[str, list[str]]:
    """Every term and phrase, and one facet of each of the filters' groups."""
    every, params = tsquery(query)
    parts = [every]
    for group in filters.facet_groups():
        parts.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(group)) + ")")
        params = [*params, *group]
    return "(" + " && ".join(parts) + ")", params


class PostgresBackend(Backend):
    # Writes need nothing more: the tsvector column is generated from the terms.

    def _estimate(self, match: str, params: list[str]) -> int:
        """The planner's guess of how many entries match: from its statistics, no search."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} e WHERE e.search_vector @@ {match}",
                params,
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def _newest_id(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {TABLE}")
            return int(cursor.fetchone()[0] or 0)

    def page(self, query: Query, filters: Filters, *, offset: int, limit: int, cap: int) -> Page:
        every, every_params = tsquery(query)
        some, some_params = any_tsquery(query)
        match, match_params = match_tsquery(query, filters)
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds("e.id")
        candidates = (
            f"SELECT m.id, m.created_at, ts_filter(m.search_vector, '{{a}}') @@ {some} "
            f"AS title_hit, ts_rank_cd('{WEIGHTS}', m.search_vector, {every}) AS score FROM ("
            f"SELECT e.id, e.created_at, e.search_vector FROM {TABLE} e "
            f"WHERE e.search_vector @@ {match} AND e.id > %s{bounds} AND {where} "
            "ORDER BY e.id DESC LIMIT %s) m"
        )
        sql = ranked_page_sql(candidates, score_order="DESC")

        def run(after: int) -> Page:
            return fetch_page(
                sql,
                [
                    *some_params,
                    *every_params,
                    *match_params,
                    after,
                    *bound_params,
                    *params,
                    cap,
                    limit,
                    offset,
                ],
            )

        estimate = self._estimate(match, match_params)
        if estimate <= cap * FEW_MATCHES:
            return run(0)
        newest = self._newest_id()
        # Never narrower than the matches needed: no fewer ids could hold them.
        window = max(cap, cap * WINDOW_MARGIN * newest // estimate)
        while True:
            after = max(0, newest - window)
            found = run(after)
            if found.total >= cap or after == 0:
                return found
            window *= WIDER
