import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from lanting.search.models import SearchEntry
from lanting.search.text import Query

TABLE = SearchEntry._meta.db_table
# A word found in more documents than this (a million-post forum has a few) is
# ranked among its newest matches only: ranking every match would cost seconds,
# and members looking for something that common want recent posts anyway.
MAX_CANDIDATES = 2_000
# What a result shows; the term columns stay on disk.
SHOWN_COLUMNS = ", ".join(
    f"e.{name}"
    for name in (
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
)


class OldTerms(NamedTuple):
    """An entry's terms as they were indexed: FTS5 needs them to take the entry out."""

    id: int
    title_tokens: str
    body_tokens: str


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

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE fragment over the entries table aliased ``e``, and its parameters."""
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


class Backend:
    """Keeps the engine's index in step with ``SearchEntry`` rows, and queries it.

    Every method runs inside the caller's transaction, so the entries table
    and the engine's index never disagree.
    """

    def added(self, entries: Sequence[SearchEntry]) -> None:
        """Entries just inserted (with their ids)."""

    def changed(self, old: Sequence[OldTerms], entries: Sequence[SearchEntry]) -> None:
        """Entries whose terms were just updated; ``old`` holds the terms they had."""

    def removed(self, old: Sequence[OldTerms]) -> None:
        """Entries about to be deleted."""

    def cleared(self) -> None:
        """Every entry is about to be deleted."""

    def search(
        self, query: Query, filters: Filters, *, offset: int, limit: int
    ) -> list[SearchEntry]:
        raise NotImplementedError

    def count(self, query: Query, filters: Filters, *, cap: int) -> int:
        raise NotImplementedError
