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
Walking the table from the newest entry, testing each, is quick for a common
word and hopeless for a rare one; fetching every match through the GIN index
is the reverse; in between, the index's matches among a window of the newest
entries. From the planner's statistics of how common each word is, the
search guesses how many entries match, picks the cheapest way, sizes the
window to hold about twice the matches it needs, and widens it when they
were fewer.
"""

import contextlib
import time
from collections.abc import Iterator

from django.db import connection

from lanting.search.backends.base import (
    TABLE,
    Backend,
    Filters,
    Page,
    fetch_page,
    ranked_page_sql,
    title_hit,
)
from lanting.search.text import Query

VECTOR_INDEX = "search_entry_vector_idx"  # made by the 0003 migration
INNER_COLUMNS = "e.id, e.created_at, e.title_tokens, e.search_vector"
# ts_rank_cd's weights run {D, C, B, A}: the body (D) counts a tenth of the title (A).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Up to this many times the matches needed, all are fetched through the index.
FEW_MATCHES = 2
# The first window should hold this many times the matches needed; each next one is wider.
WINDOW_MARGIN = 2
WIDER = 8
# What each step costs, in microseconds, measured at a million posts on a
# server whose cache holds the index but not the table: walking one entry
# newest first (its tsvector read and tested), marking one match found by the
# GIN index, reading one entry of a word's list there (intersections skip
# most), marking one id of a window from the primary key, and fetching one
# match from the table.
WALK_COST = 1.5
MATCH_COST = 0.25
LIST_ENTRY_COST = 0.02
WINDOW_ID_COST = 0.055
FETCH_COST = 3.0
STATISTICS_SECONDS = 600


def _parts(query: Query) -> tuple[list[str], list[str]]:
    """tsqueries made by plainto/phraseto_tsquery: user text never is tsquery syntax."""
    parts = ["plainto_tsquery('simple', %s)"] * len(query.terms)
    parts += ["phraseto_tsquery('simple', %s)"] * len(query.phrases)
    return parts, [*query.terms, *(" ".join(phrase) for phrase in query.phrases)]


def tsquery(query: Query) -> tuple[str, list[str]]:
    """Every term and phrase (&&)."""
    parts, params = _parts(query)
    return "(" + " && ".join(parts) + ")", params


def match_tsquery(query: Query, filters: Filters) -> tuple[str, list[str]]:
    """Every term and phrase, and one facet of each of the filters' groups."""
    every, params = tsquery(query)
    parts = [every]
    for group in filters.facet_groups():
        parts.append("(" + " || ".join(["plainto_tsquery('simple', %s)"] * len(group)) + ")")
        params = [*params, *group]
    return "(" + " && ".join(parts) + ")", params


_shares_cache: dict[str, tuple[float, dict[str, float], float, float]] = {}


def _word_shares() -> tuple[dict[str, float], float, float]:
    """The column's most common words with their shares, the smallest share, the entries.

    Read from pg_stats at most every STATISTICS_SECONDS: ANALYZE changes them
    slowly, and a search should not ask the planner each time.
    """
    cached = _shares_cache.get(connection.alias)
    if cached is not None and time.monotonic() - cached[0] < STATISTICS_SECONDS:
        return cached[1], cached[2], cached[3]
    shares: dict[str, float] = {}
    rarest = 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s "
            "AND attname = 'search_vector'",
            [TABLE],
        )
        row = cursor.fetchone()
        if row and row[0] and row[1]:
            shares = dict(zip(row[0], row[1], strict=False))  # then the min and max share
            rarest = float(row[1][len(row[0])])
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [TABLE])
        rows = max(0.0, float(cursor.fetchone()[0]))  # -1: never analyzed
    _shares_cache[connection.alias] = (time.monotonic(), shares, rarest, rows)
    return shares, rarest, rows


class PostgresBackend(Backend):
    # Writes need nothing more: the tsvector column is generated from the terms.

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """New entries go to the GIN index's pending list, merged into it a list at a time.

        The index is kept without one (fastupdate off, see the 0003 migration): every
        search scans the pending list. Word by word, each entry costs its dozens of
        words' places in the index; an import of a million entries takes them about
        three times faster in bulk. On the way out the list is merged and the index
        is as it was; a run killed before then leaves it so until the next one ends.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER INDEX {VECTOR_INDEX} SET (fastupdate = on)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER INDEX {VECTOR_INDEX} SET (fastupdate = off)")
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [VECTOR_INDEX])

    def _estimate(self, query: Query, filters: Filters) -> tuple[float, float]:
        """How many entries match, and how many entries of the words' lists the index reads.

        From the planner's statistics of the column (the share of entries
        each common word is in), as the planner would guess, without asking
        it: words taken as independent, a word it does not list as half as
        common as the rarest it does. A phrase counts as its words: the index
        finds every entry with them, in whatever order.
        """
        shares, rarest, rows = _word_shares()
        words = {*query.terms, *(word for phrase in query.phrases for word in phrase)}
        groups = [[shares.get(word, rarest / 2)] for word in sorted(words)]
        groups += [[shares.get(t, rarest / 2) for t in group] for group in filters.facet_groups()]
        matches = rows
        for group in groups:
            matches *= min(1.0, sum(group))
        return matches, rows * sum(sum(group) for group in groups)

    def _newest_id(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {TABLE}")
            return int(cursor.fetchone()[0] or 0)

    def page(self, query: Query, filters: Filters, *, offset: int, limit: int, cap: int) -> Page:
        every, every_params = tsquery(query)
        title, title_params = title_hit(query, column="m.title_tokens", find="strpos")
        match, match_params = match_tsquery(query, filters)
        where, params = filters.sql()
        bounds, bound_params = filters.id_bounds("e.id")
        ranked = f"SELECT m.id, m.created_at, {title} AS title_hit, m.search_vector FROM "
        # ts_rank_cd reads each candidate's whole tsvector (from TOAST, often):
        # most of a search's time. A page inside the title tier needs the
        # scores of that tier only, and the title tier is usually long enough.
        score = (
            f"CASE WHEN c.title_hit OR t.titled < %s "
            f"THEN ts_rank_cd('{WEIGHTS}', c.search_vector, {every}) ELSE 0 END"
        )
        # Through the GIN index: the planner reads the word's list of matches
        # and fetches those in the window (or, for a narrow one, walks it).
        fetched = ranked + (
            f"(SELECT {INNER_COLUMNS} FROM {TABLE} e WHERE e.search_vector @@ {match} "
            f"AND e.id > %s{bounds} AND {where} ORDER BY e.id DESC LIMIT %s) m"
        )
        # Newest first, testing each entry until there are enough: the inner
        # LIMIT (the window, counted in entries) keeps the test out of the
        # inner query, where the planner would rather read the whole list of
        # a common word's matches, and makes a backward walk of the primary
        # key its plan, which stops as soon as the outer LIMIT is met.
        walked = ranked + (
            f"(SELECT w.* FROM (SELECT {INNER_COLUMNS} FROM {TABLE} e "
            f"WHERE {where}{bounds} ORDER BY e.id DESC LIMIT %s) w "
            f"WHERE w.search_vector @@ {match} ORDER BY w.id DESC LIMIT %s) m"
        )

        def run(sql: str, window: int) -> Page:
            """``window``: how many of the newest entries to look at (0: all)."""
            if sql is walked:
                inner = [*params, *bound_params, window or None, *match_params]
            else:
                inner = [*match_params, max(0, newest - window) if window else 0]
                inner += [*bound_params, *params]
            return fetch_page(
                ranked_page_sql(sql, score=score, score_order="DESC"),
                [*title_params, *inner, cap, offset + limit, *every_params, limit, offset],
            )

        estimate, listed = self._estimate(query, filters)
        newest = 0
        if estimate <= cap * FEW_MATCHES:
            return run(fetched, 0)
        newest = self._newest_id()
        # Never narrower than the matches needed: no fewer entries could hold them.
        window = max(cap, int(cap * WINDOW_MARGIN * newest / estimate))
        read = estimate * MATCH_COST + listed * LIST_ENTRY_COST
        costs = {
            "walk": window * WALK_COST / WINDOW_MARGIN,  # it stops at the cap, halfway
            "window": read + window * WINDOW_ID_COST + cap * WINDOW_MARGIN * FETCH_COST,
            "all": read + estimate * FETCH_COST,
        }
        cheapest = min(costs, key=costs.__getitem__)
        if cheapest == "all" or window >= newest:
            return run(fetched, 0)
        shape = walked if cheapest == "walk" else fetched
        while True:
            found = run(shape, window)
            if found.total >= cap or window >= newest:
                return found
            window *= WIDER
