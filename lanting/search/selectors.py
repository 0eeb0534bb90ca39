"""Reading the index: one page of ranked, highlighted results for a reader."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

from lanting.search.backends import Filters, get_backend
from lanting.search.documents import hidden_boards_for
from lanting.search.models import Kind, SearchEntry
from lanting.search.text import Query, highlight, parse_query, snippet

PER_PAGE = 20
# Past this many matches nobody pages on: counting stops, and so do the pages. They are
# the newest matches, and the only ones ranked (see ``Backend.page``).
MAX_RESULTS = 1000


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: int
    url: str
    title: SafeString
    snippet: SafeString
    author_name: str
    context: str
    board_id: int | None
    created_at: dt.datetime

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label) if self.kind in Kind.values else self.kind


@dataclass
class SearchResults:
    query: Query
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def capped(self) -> bool:
        return self.total >= MAX_RESULTS

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def page_range(self) -> list[int]:
        """At most nine page numbers around the current one."""
        first = max(1, min(self.page - 4, self.pages - 8))
        return list(range(first, min(self.pages, first + 8) + 1))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def search(
    text: str,
    *,
    reader: Any = None,
    kinds: Iterable[str] = (),
    board_id: int | None = None,
    author: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Ranked hits for ``text``, as ``reader`` may see them.

    The newest MAX_RESULTS matches are ranked and counted in one statement
    (a second one only for a page past the last).

    ``since`` and ``until`` are days in the site's time zone, both included.
    """
    query = parse_query(text)
    results = SearchResults(query=query, per_page=per_page)
    if query.is_empty:
        return results
    filters = Filters(
        kinds=tuple(sorted(set(kinds))),
        board_id=board_id,
        hidden_boards=frozenset(hidden_boards_for(reader)),
        author_name=author.strip(),
        since=_day_start(since) if since else None,
        until=_day_start(until + dt.timedelta(days=1)) if until else None,
    )
    backend = get_backend()
    results.page = max(1, page)
    found = backend.page(
        query, filters, offset=(results.page - 1) * per_page, limit=per_page, cap=MAX_RESULTS
    )
    results.total = found.total
    if not found.total:
        results.page = 1
    elif not found.entries:  # past the last page: show the last one
        results.page = results.pages
        found = backend.page(
            query, filters, offset=(results.page - 1) * per_page, limit=per_page, cap=MAX_RESULTS
        )
    terms = query.all_terms
    results.hits = [_hit(entry, terms) for entry in found.entries]
    return results


def _hit(entry: SearchEntry, terms: set[str]) -> SearchHit:
    return SearchHit(
        kind=entry.kind,
        object_id=entry.object_id,
        url=entry.url,
        title=highlight(entry.title, terms),
        snippet=snippet(entry.text, terms),
        author_name=entry.author_name,
        context=entry.context,
        board_id=entry.board_id,
        created_at=entry.created_at,
    )
