"""View counters kept in the cache and written to the database in batches.

A burst of a thousand views of one article is one UPDATE, not a thousand
(Discuz!'s ``optimizeviews`` idea, NOTES.md §i). Pages show the stored count
plus what is still pending, so readers see live numbers.

Two stores sit behind one interface: an in-process dict for the embedded
default (one process holds its own pending views), and a Redis hash shared by
every app node in production. A flush atomically takes what is pending and
applies it with one ``UPDATE ... SET views = views + n`` per distinct n.

Each object also has a "seen" count that a flush never resets: a cached page
stores ``shown - seen`` when it is rendered and shows ``that + seen`` on every
later hit, so flushing (which moves views from pending to stored) leaves the
cached page valid and its number right.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import Protocol, TypeVar

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F, Model

from lanting.pagecache import outage
from lanting.pagecache.keys import PENDING_PREFIX, SEEN_PREFIX, SEEN_SECONDS
from lanting.pagecache.redispages import redis_pages

T = TypeVar("T")
MEMORY_SEEN_LIMIT = 100_000  # objects one process remembers before starting afresh


class CounterStore(Protocol):
    def add(self, kind: str, object_id: int) -> tuple[int, int]:
        """Count one view: (the object's seen count, all views pending for ``kind``)."""
        ...

    def pending(self, kind: str, object_ids: Iterable[int]) -> dict[int, int]: ...
    def seen(self, kind: str, object_id: int) -> int: ...
    def take(self, kind: str) -> dict[int, int]: ...
    def total_pending(self, kind: str) -> int: ...


class MemoryStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, dict[int, int]] = defaultdict(dict)
        self._seen: dict[tuple[str, int], int] = {}

    def add(self, kind: str, object_id: int) -> tuple[int, int]:
        with self._lock:
            counts = self._counts[kind]
            counts[object_id] = counts.get(object_id, 0) + 1
            if len(self._seen) >= MEMORY_SEEN_LIMIT:
                self._seen.clear()  # cached pages notice the reset and render afresh
            seen = self._seen[kind, object_id] = self._seen.get((kind, object_id), 0) + 1
            return seen, sum(counts.values())

    def pending(self, kind: str, object_ids: Iterable[int]) -> dict[int, int]:
        with self._lock:
            counts = self._counts[kind]
            return {pk: counts[pk] for pk in object_ids if pk in counts}

    def seen(self, kind: str, object_id: int) -> int:
        with self._lock:
            return self._seen.get((kind, object_id), 0)

    def take(self, kind: str) -> dict[int, int]:
        with self._lock:
            taken = self._counts.pop(kind, {})
        return taken

    def total_pending(self, kind: str) -> int:
        with self._lock:
            return sum(self._counts[kind].values())


class RedisStore:
    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(
            url, socket_connect_timeout=outage_connect_seconds(), socket_timeout=1.0
        )

    def _key(self, kind: str) -> str:
        return f"{PENDING_PREFIX}{kind}"

    def add(self, kind: str, object_id: int) -> tuple[int, int]:
        seen_key = f"{SEEN_PREFIX}{kind}:{object_id}"
        pipe = self._client.pipeline(transaction=False)
        pipe.hincrby(self._key(kind), str(object_id), 1)
        pipe.incr(self._key(kind) + ":total")
        pipe.incr(seen_key)
        pipe.expire(seen_key, SEEN_SECONDS)
        _, total, seen, _ = pipe.execute()
        return int(seen), int(total)

    def pending(self, kind: str, object_ids: Iterable[int]) -> dict[int, int]:
        ids = list(object_ids)
        if not ids:
            return {}
        values = self._client.hmget(self._key(kind), [str(pk) for pk in ids])
        return {pk: int(v) for pk, v in zip(ids, values, strict=True) if v is not None}

    def seen(self, kind: str, object_id: int) -> int:
        return int(self._client.get(f"{SEEN_PREFIX}{kind}:{object_id}") or 0)

    def take(self, kind: str) -> dict[int, int]:
        # RENAME is atomic: views counted after it land in a fresh hash, so a
        # view is never both flushed and kept, whichever node flushes.
        key, claimed = self._key(kind), f"{self._key(kind)}:flushing:{time.time_ns()}"
        pipe = self._client.pipeline()
        pipe.exists(key)
        pipe.delete(key + ":total")
        exists, _ = pipe.execute()
        if not exists:
            return {}
        try:
            self._client.rename(key, claimed)
        except redis.ResponseError:  # another node took it first
            return {}
        raw = self._client.hgetall(claimed)
        self._client.delete(claimed)
        return {int(k): int(v) for k, v in raw.items()}

    def total_pending(self, kind: str) -> int:
        return int(self._client.get(self._key(kind) + ":total") or 0)


def outage_connect_seconds() -> float:
    from lanting.conf import REDIS_CONNECT_SECONDS

    return REDIS_CONNECT_SECONDS


class _UnavailableError(Exception):
    """Redis is down: the caller writes the view to the database itself."""


class GuardedStore:
    """The Redis store, answering "nothing pending" while Redis is down (``outage``).

    ``add`` raises ``_UnavailableError`` instead: a view must not be lost, so ``count_view``
    writes it to its row at once.
    """

    def __init__(self, store: CounterStore) -> None:
        self._store = store

    def _call(self, call: Callable[[], T], fallback: T) -> T:
        if outage.is_down():
            return fallback
        try:
            result = call()
        except outage.ERRORS as error:
            outage.failed(error)
            return fallback
        return result

    def add(self, kind: str, object_id: int) -> tuple[int, int]:
        if outage.is_down():
            raise _UnavailableError
        try:
            result = self._store.add(kind, object_id)
        except outage.ERRORS as error:
            outage.failed(error)
            raise _UnavailableError from error
        return result

    def pending(self, kind: str, object_ids: Iterable[int]) -> dict[int, int]:
        ids = list(object_ids)
        return self._call(lambda: self._store.pending(kind, ids), {})

    def seen(self, kind: str, object_id: int) -> int:
        return self._call(lambda: self._store.seen(kind, object_id), 0)

    def take(self, kind: str) -> dict[int, int]:
        return self._call(lambda: self._store.take(kind), {})

    def total_pending(self, kind: str) -> int:
        return self._call(lambda: self._store.total_pending(kind), 0)


@cache
def get_store() -> CounterStore:
    url = settings.REDIS_URL
    return GuardedStore(RedisStore(url)) if url else MemoryStore()


_registry: dict[str, tuple[type[Model], str]] = {}
_last_flush: dict[str, float] = {}


def register(kind: str, model: type[Model], field: str) -> None:
    """Declare that views of ``kind`` are added to ``model.field`` when flushed."""
    _registry[kind] = (model, field)


def count_view(kind: str, object_id: int, *, seen_before: int | None = None) -> int:
    """Count one view of the object; return its seen count (see the module's docstring).

    A caller that knows the seen count from a kept row (``seen_before``) lets a
    worker with near copies (``pagecache.near``) count it without a round trip.
    """
    pages = redis_pages() if seen_before is not None else None
    counted = pages.count_view(kind, object_id, seen_before or 0) if pages is not None else None
    seen, total = counted if counted is not None else add_view(kind, object_id)
    after_count(kind, total)
    return seen


def add_view(kind: str, object_id: int) -> tuple[int, int]:
    """Count one view in the store: (seen count, views pending of ``kind``).

    While Redis is down the view is written to its row at once (``(0, 0)``): never lost.
    """
    try:
        return get_store().add(kind, object_id)
    except _UnavailableError:
        model, field = _registry[kind]
        model._default_manager.filter(pk=object_id).update(**{field: F(field) + 1})
        return 0, 0


def after_count(kind: str, total: int) -> None:
    """A view was counted and ``total`` are now pending: flush them when it is time."""
    now = time.monotonic()
    last = _last_flush.setdefault(kind, now)
    if (
        total >= settings.LANTING_VIEW_FLUSH_PENDING
        or now - last >= settings.LANTING_VIEW_FLUSH_SECONDS
    ):
        flush(kind)


def pending_views(kind: str, object_ids: Iterable[int]) -> dict[int, int]:
    return get_store().pending(kind, object_ids)


def seen_count(kind: str, object_id: int) -> int:
    """The object's seen count now, without counting a view."""
    return get_store().seen(kind, object_id)


def flush(kind: str) -> int:
    """Write the pending views of ``kind`` to the database; return how many."""
    _last_flush[kind] = time.monotonic()
    pages = redis_pages()
    if pages is not None:
        pages.push_views()  # views counted on this worker's near copies
    taken = get_store().take(kind)
    if not taken:
        return 0
    model, field = _registry[kind]
    by_increment: dict[int, list[int]] = defaultdict(list)
    for pk, n in taken.items():
        by_increment[n].append(pk)
    with transaction.atomic():
        for n, pks in by_increment.items():
            model._default_manager.filter(pk__in=pks).update(**{field: F(field) + n})
    return sum(taken.values())


def total_pending() -> int:
    """Views counted and not yet written, of every kind (the counters' lag)."""
    store = get_store()
    return sum(store.total_pending(kind) for kind in _registry)


def flush_all() -> dict[str, int]:
    return {kind: flush(kind) for kind in _registry}


def reset_flush_clock() -> None:
    """Forget when each kind was last flushed (tests start from a clean clock)."""
    _last_flush.clear()
