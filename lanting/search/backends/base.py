import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from lanting.search.models import SearchEntry
from lanting.search.text import Query

TABLE = SearchEntry._meta.db_table
# What a result shows; the term columns stay on disk.
SHOWN_FIELDS = (
    "id",
    "kind",
    "object_id",
    "title",
    "text",
    "context",
    "url",
    "author_name",
    "board_id",
    "created_at",
)
SHOWN_COLUMNS = ", ".join(f"e.{name}" for name in SHOWN_FIELDS)


def facets(kind: str, board_id: int | None) -> str:
    """An entry's kind and board as index terms, so a filter on them is a word to match.

    A term mixes digits and letters, which no word of a document ever does
    (``lanting.search.text`` cuts "b7" into "b" and "7"), so none can be typed.
    The 0003 migration builds the same text in SQL: change both or neither.
    """
    return f"0k{kind}" if board_id is None else f"0k{kind} 0b{board_id}"


class OldTerms(NamedTuple):
    """An entry's terms as they were indexed: FTS5 needs them to take the entry out."""

    id: int
    title_tokens: str
    body_tokens: str
    kind: str
    board_id: int | None


@dataclass(frozen=True)
class Page:
    total: int  # at most the cap the search was asked for
    entries: list[SearchEntry]


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    board_id: int | None = None
    hidden_boards: frozenset[int] = frozenset()
    author_name: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None  # exclusive
    # Articles scheduled for later are indexed already and appear at their time.
    now: dt.datetime = field(default_factory=timezone.now)

    def facet_groups(self) -> list[list[str]]:
        """Index terms the matches must have: one of each group (kind, board)."""
        groups = []
        if self.kinds:
            groups.append([facets(kind, None) for kind in self.kinds])
        if self.board_id is not None:
            groups.append([f"0b{self.board_id}"])
        return groups

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE fragment over the entries table aliased ``e``, and its parameters.

        Kind and board are matched as index terms too; they stay here so that
        what decides who sees what is always the entry's own columns.
        """
        adapt = connection.ops.adapt_datetimefield_value
        clauses = ["e.created_at <= %s"]
        params: list[Any] = [adapt(self.now)]
        if self.kinds:
            clauses.append(f"e.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += list(self.kinds)
        if self.board_id is not None:
            clauses.append("e.board_id = %s")
            params.append(self.board_id)
        if self.hidden_boards:
            hidden = sorted(self.hidden_boards)
            clauses.append(
                f"(e.board_id IS NULL OR e.board_id NOT IN ({', '.join(['%s'] * len(hidden))}))"
            )
            params += hidden
        if self.author_name:
            clauses.append("LOWER(e.author_name) = LOWER(%s)")
            params.append(self.author_name)
        if self.since is not None:
            clauses.append("e.created_at >= %s")
            params.append(adapt(self.since))
        if self.until is not None:
            clauses.append("e.created_at < %s")
            params.append(adapt(self.until))
        return " AND ".join(clauses), params

    def id_bounds(self, column: str) -> tuple[str, list[Any]]:
        """Bounds on entry ids that a date range implies: exact, and cheap to apply first.

        No entry dated on or after ``since`` has an id below the smallest id of
        those that are, so the full-text engine can skip older matches unread.
        (``id + 0``: read through the created_at index, not the whole table in id order.)
        """
        adapt = connection.ops.adapt_datetimefield_value
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append(f"{column} >= (SELECT MIN(id + 0) FROM {TABLE} WHERE created_at >= %s)")
            params.append(adapt(self.since))
        if self.until is not None:
            clauses.append(f"{column} <= (SELECT MAX(id + 0) FROM {TABLE} WHERE created_at < %s)")
            params.append(adapt(self.until))
        return "".join(f" AND {c}" for c in clauses), params


def title_hit(query: Query, *, column: str, find: str) -> tuple[str, list[str]]:
    """Whether the title has a query word or phrase, read from the title's terms.

    The engines could tell too, but only by reading the whole document's
    index data again (PostgreSQL: its tsvector from TOAST; SQLite: bm25's
    document counts); the title's terms are a few words in the row.
    ``find`` is the engine's substring function, (haystack, needle) -> position.
    """
    needles = [f" {term} " for term in query.terms]
    needles += [f" {' '.join(phrase)} " for phrase in query.phrases]
    test = " OR ".join([f"{find}(' ' || {column} || ' ', %s) > 0"] * len(needles))
    return f"({test})", needles


def ranked_page_sql(candidates: str, *, score: str = "c.score", score_order: str) -> str:
    """One statement: the candidates, how many, and one page of them, best first.

    ``candidates`` selects id, created_at and title_hit (and what ``score``
    needs) of at most the cap's newest matches; it is read once. ``score``
    is computed over ``c`` (a candidate) and ``t`` (its totals: ``titled``
    counts the title tier), after the parameters of ``candidates``; then
    come LIMIT and OFFSET. Only the page's rows are joined to the entries for
    what a result shows. A page past the end still yields one row, with the
    total and no entry.
    """
    order = f"p.title_hit DESC, p.score {score_order}, p.created_at DESC, p.id DESC"
    return (
        f"WITH c AS MATERIALIZED ({candidates}), "
        "t AS (SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE c.title_hit) AS titled FROM c) "
        f"SELECT {SHOWN_COLUMNS}, t.total FROM t LEFT JOIN ("
        f"SELECT c.id, c.created_at, c.title_hit, {score} AS score FROM c, t "
        f"ORDER BY 3 DESC, 4 {score_order}, 2 DESC, 1 DESC LIMIT %s OFFSET %s"
        f") p ON 1 = 1 LEFT JOIN {TABLE} e ON e.id = p.id ORDER BY {order}"
    )


def fetch_page(sql: str, params: Sequence[Any]) -> Page:
    rows = list(SearchEntry.objects.raw(sql, params))
    total = int(getattr(rows[0], "total", 0)) if rows else 0  # raw() sets the extra column
    return Page(total=total, entries=[row for row in rows if row.pk is not None])


class Backend:
    """Keeps the engine's index in step with ``SearchEntry`` rows, and queries it.

    Every method runs inside the caller's transaction, so the entries table
    and the engine's index never disagree.
    """

    def added(self, entries: Sequence[SearchEntry]) -> None:
        """Entries just inserted (with their ids)."""

    def changed(self, old: Sequence[OldTerms], entries: Sequence[SearchEntry]) -> None:
        """Entries whose terms, kind or board were just updated; ``old`` holds what they had."""

    def removed(self, old: Sequence[OldTerms]) -> None:
        """Entries about to be deleted."""

    def cleared(self) -> None:
        """Every entry is about to be deleted."""

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Many entries are about to be written (an import): the engine may take them in bulk.

        Outside any transaction; what it changes is undone on the way out.
        """
        yield

    def page(self, query: Query, filters: Filters, *, offset: int, limit: int, cap: int) -> Page:
        """One page of the newest ``cap`` matches, ranked; and how many there are, up to ``cap``.

        Only the newest matches are ranked: ranking every match of a common
        word would cost seconds at a million posts, and a member looking for
        something that common wants recent posts anyway.
        """
        raise NotImplementedError
