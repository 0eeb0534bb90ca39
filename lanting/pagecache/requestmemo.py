"""Values read from the cache once per request, not once per question asked.

A member's page asks the board-permission table and the site's chrome several
times; each read is a cache round trip (Redis in production). Inside a request
the first answer is kept and reused; it is dropped when the request ends, so
a change is seen by the next request, as before. Outside requests (commands,
tests calling services) nothing is kept. Keys that nearly every page reads are
registered with ``read_with_each_request`` and fetched in one round trip.
"""

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started

from lanting.pagecache.changes import publish
from lanting.pagecache.redispages import is_tracked, redis_pages, track_key
from lanting.pagecache.shared import shared_cache

T = TypeVar("T")
_local = threading.local()


def remembered(key: str, read: Callable[[], T]) -> T:
    """``read()``, asked once per request."""
    kept: dict[str, Any] | None = getattr(_local, "kept", None)
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    value: T = kept[key]
    return value


def forget(*keys: str) -> None:
    """These keys were just dropped from the cache: drop what this request, this worker and
    (in the embedded default) every other worker kept of them."""
    kept: dict[str, Any] | None = getattr(_local, "kept", None)
    if kept is not None:
        for key in keys:
            kept.pop(key, None)
    pages = redis_pages()
    if pages is not None:
        pages.touched_keys(list(keys))
    publish(dict.fromkeys(keys))


_prefetched: list[str] = []


def read_with_each_request(*keys: str) -> None:
    """These cache keys are read together, in one round trip, when a request begins.

    With Redis, workers keep their values near (``pagecache.near``): no round trip
    at all until one changes.
    """
    _prefetched.extend(k for k in keys if k not in _prefetched)
    for key in keys:
        track_key(key)


def prefetch() -> None:
    """Read the registered keys at once; ``remembered`` answers from them (when found)."""
    kept: dict[str, Any] | None = getattr(_local, "kept", None)
    if kept is not None and _prefetched:
        pages = redis_pages()
        kept.update(
            pages.values(_prefetched) if pages is not None else shared_cache().get_many(_prefetched)
        )


def keep_near(*prefixes: str) -> None:
    """Cache keys starting with these (a member's counts, say) may be kept in each worker
    (``pagecache.near``) until Redis says they changed: ``prefetch_keys`` of keys that all
    start so costs no round trip while they stand."""
    for prefix in prefixes:
        track_key(prefix)


def prefetch_keys(keys: list[str]) -> None:
    """Read these cache keys now, in one round trip: ``cached_many`` answers from them for
    the rest of the request. For a page that will ask them one by one (its holes)."""
    fetched: dict[str, Any] | None = getattr(_local, "fetched", None)
    if fetched is None:
        return
    wanted = [key for key in keys if key not in fetched]
    if wanted:
        found = _read(wanted)
        fetched.update({key: found.get(key, _ABSENT) for key in wanted})


def _read(keys: list[str]) -> dict[str, Any]:
    """``get_many(keys)``: from this worker's near copies when every key is kept near."""
    pages = redis_pages()
    if pages is not None and all(map(is_tracked, keys)):
        return pages.values(keys)
    return shared_cache().get_many(keys)


_ABSENT = object()


def cached_many(keys: list[str]) -> dict[str, Any]:
    """``get_many(keys)`` of the shared cache, answered from what this request prefetched."""
    fetched: dict[str, Any] = getattr(_local, "fetched", None) or {}
    known = {key: fetched[key] for key in keys if key in fetched}
    rest = [key for key in keys if key not in known]
    found = _read(rest) if rest else {}
    found.update({key: value for key, value in known.items() if value is not _ABSENT})
    return found


def _begin(**_: Any) -> None:
    _local.kept = {}
    _local.fetched = {}


def _end(**_: Any) -> None:
    _local.kept = None
    _local.fetched = None


request_started.connect(_begin, dispatch_uid="lanting-request-memo-begin")
request_finished.connect(_end, dispatch_uid="lanting-request-memo-end")
