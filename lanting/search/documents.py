"""What the apps hand to search, and how they register to do so.

Search imports none of the apps. Each app builds ``SearchDocument`` values
from its own rows and registers, in its ``AppConfig.ready()``:

- a source per kind, which yields the kind's visible documents for rebuilds
  (``register_source``), and
- for the forum, which boards a reader may not see (``register_visibility``)
  and which boards a reader may filter by (``register_board_choices``).
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.db.models import Model, QuerySet

from lanting.search.models import Kind

__all__ = [
    "Kind",
    "SearchDocument",
    "Source",
    "board_choices_for",
    "hidden_boards_for",
    "in_chunks",
    "register_board_choices",
    "register_source",
    "register_visibility",
    "sources",
]


@dataclass(frozen=True)
class SearchDocument:
    kind: str
    object_id: int
    title: str  # indexed, weighted above the body
    body: str  # plain text, indexed
    url: str
    author_name: str = ""
    board_id: int | None = None
    created_at: dt.datetime | None = None
    visible: bool = True  # False: take it out of the index
    context: str = ""  # shown only: the thread of a reply, the board of a thread


class DocumentLoader(Protocol):
    def __call__(self, *, containing: str | None = None) -> Iterable[SearchDocument]:
        """The kind's visible documents; with ``containing``, only those whose text has it."""


@dataclass(frozen=True)
class Source:
    kind: str
    documents: DocumentLoader
    count: Callable[[], int]  # about how many, for the progress bar


_sources: dict[str, Source] = {}
_visibility: list[Callable[[Any], Iterable[int]]] = []
_board_choices: list[Callable[[Any], Iterable[tuple[int, str]]]] = []


def register_source(kind: str, documents: DocumentLoader, *, count: Callable[[], int]) -> None:
    if kind not in Kind.values:
        raise ValueError(f"Unknown search document kind {kind!r}; add it to search's Kind.")
    _sources[kind] = Source(kind=kind, documents=documents, count=count)


def sources(kinds: Iterable[str] | None = None) -> list[Source]:
    wanted = set(kinds) if kinds is not None else None
    return [s for k, s in _sources.items() if wanted is None or k in wanted]


def register_visibility(hidden_boards: Callable[[Any], Iterable[int]]) -> None:
    """``hidden_boards(reader)``: ids of boards whose documents the reader may not see."""
    if hidden_boards not in _visibility:
        _visibility.append(hidden_boards)


def hidden_boards_for(reader: Any) -> set[int]:
    hidden: set[int] = set()
    for hook in _visibility:
        hidden.update(hook(reader))
    return hidden


def register_board_choices(choices: Callable[[Any], Iterable[tuple[int, str]]]) -> None:
    """``choices(reader)``: (board id, name) pairs the reader may filter by."""
    if choices not in _board_choices:
        _board_choices.append(choices)


def board_choices_for(reader: Any) -> list[tuple[int, str]]:
    return [choice for hook in _board_choices for choice in hook(reader)]


M = TypeVar("M", bound=Model)


def in_chunks(queryset: QuerySet[M], size: int = 500) -> Iterator[list[M]]:
    """Every row of ``queryset`` in pages of ``size``, by primary key.

    Keyset pages, not a held-open cursor: the index is written between pages,
    which SQLite and PostgreSQL both allow without surprises, and memory stays flat.
    """
    last: Any = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1].pk
