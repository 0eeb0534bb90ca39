"""What a worker read from Redis, kept inside it too, dropped the moment Redis says it changed.

A page from Redis costs a round trip; on a busy host that is most of a hit's
time. So each worker also keeps the guests' pages, kept objects (``pagecache.fragments``)
and per-request values it read last (``LANTING_NEAR_PAGES_MB``) and asks Redis to
tell it when a key they rest on changes: Redis's own
client-side caching protocol, in broadcast mode (``CLIENT TRACKING ... BCAST``).
One connection subscribes to ``__redis__:invalidate``; another turns tracking on
for the key prefixes of page checks, tag versions and gates, and sends what it
hears there. Before every look-up the worker reads what has arrived (a poll,
no round trip) and drops the copies those keys held up. A change made in this
process drops its copies at once, without waiting for the message.

Views of near copies are counted here and sent to Redis in one pipeline at
least once a second, or as soon as the pending views could reach the flush
threshold (``LANTING_VIEW_FLUSH_PENDING``), so counts reach the database as
before. A worker that dies loses at most that second of views.

If anything goes wrong with the two connections, every copy is dropped and
look-ups go to Redis until they are made again.
"""

import logging
import os
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import redis

from lanting.pagecache.compress import gzip_size

logger = logging.getLogger(__name__)

CHANNEL = "__redis__:invalidate"
RECENT_LIMIT = 50_000  # changed keys remembered, so a copy read before a change is not kept
ABSENT = object()  # a tracked key with no value in Redis
SEEN_LIMIT = 100_000  # objects whose seen count a worker remembers
PUSH_SECONDS = 1.0  # near views reach Redis at least this often
RETRY_SECONDS = 5.0  # after a broken link, how long before trying again


@dataclass
class _Copy:
    entry: dict[str, Any]
    rests_on: tuple[str, ...]  # Redis keys whose change drops it
    seen: int  # the object's seen count as this worker knows it
    size: int


class NearPages:
    """The pages one worker keeps, and the link that tells it when they go stale."""

    def __init__(
        self,
        client: redis.Redis,
        url: str,
        prefixes: list[str],
        limit_bytes: int,
        seen_seconds: int,
    ) -> None:
        self._client = client  # the cache's own client, for sending views
        self._url = url
        self._prefixes = prefixes
        self._limit = limit_bytes
        self._seen_seconds = seen_seconds  # how long Redis keeps a seen count (core.counters)
        self._lock = threading.RLock()
        self._copies: OrderedDict[str, _Copy] = OrderedDict()
        self._holding: dict[str, set[str]] = defaultdict(set)  # Redis key -> page keys
        self._gates: dict[str, Any] = {}
        self._size = 0
        # Each batch of changes heard gets a number; a page read from Redis is kept
        # only if none of its keys changed after the number current when it was read
        # (the page may predate a change whose message came in meanwhile).
        self._epoch = 0
        self._changed_at: dict[str, int] = {}
        self._trusted_from = 0  # copies read before this number are never kept
        self._links: tuple[Any, Any] | None = None
        self._refused = False  # the server does not do client-side caching: never ask again
        self.listener_id: int | None = None  # the subscribed connection's id on the server
        self._pid = 0
        self._broken_at = 0.0
        self._views: dict[tuple[str, str, str], int] = defaultdict(int)  # (pending, field, seen)
        self._waiting: dict[str, int] = defaultdict(int)  # pending key -> views not yet sent
        self._seen: dict[str, int] = {}  # seen key -> the seen count as this worker knows it
        self._totals: dict[str, int] = {}  # pending key -> total, as Redis last said
        self._pushed_at = time.monotonic()

    # ------------------------------------------------------------ the link
    def _connect(self) -> bool:
        if self._links is not None and self._pid == os.getpid():
            return True
        if self._refused:
            return False
        if self._pid == os.getpid() and time.monotonic() - self._broken_at < RETRY_SECONDS:
            return False
        self._forget_all()
        self._pid = os.getpid()  # a forked worker makes links of its own
        listener: Any = None  # redis-py's Connection is untyped
        tracker: Any = None
        try:
            # Two connections of their own, outside any pool, speaking RESP2 so the
            # invalidation messages arrive as plain Pub/Sub messages.
            links = redis.Redis.from_url(self._url, protocol=2).connection_pool
            listener = links.get_connection()
            listener.send_command("CLIENT", "ID")
            listener_id = listener.read_response()
            listener.send_command("SUBSCRIBE", CHANNEL)
            listener.read_response()
            tracker = links.get_connection()
            args: list[Any] = ["CLIENT", "TRACKING", "ON", "REDIRECT", listener_id, "BCAST"]
            for prefix in self._prefixes:
                args += ["PREFIX", prefix]
            tracker.send_command(*args)
            tracker.read_response()
        except redis.ResponseError as error:  # an old or restricted server refused a command
            logger.warning("near page copies are off: Redis refused %s", error)
            self._refused = True
            _disconnect(listener, tracker)
            return False
        except (redis.RedisError, OSError) as error:
            logger.warning("near page copies are off for now: %s", error)
            _disconnect(listener, tracker)
            self._broken_at = time.monotonic()
            return False
        self._links = (listener, tracker)
        self.listener_id = listener_id
        return True

    def _drain(self) -> bool:
        """Read what Redis has said; False when copies cannot be trusted now."""
        if not self._connect() or self._links is None:
            return False
        listener, tracker = self._links
        try:
            if tracker.can_read(timeout=0):  # it never gets replies: the server closed it
                raise redis.ConnectionError("the tracking connection was closed")
            while listener.can_read(timeout=0):
                message = listener.read_response()
                if isinstance(message, list) and len(message) == 3 and message[0] == b"message":
                    keys = message[2]
                    if keys is None:  # FLUSHDB, FLUSHALL
                        self._forget_all()
                    else:
                        self._drop([k.decode() if isinstance(k, bytes) else k for k in keys])
        except (redis.RedisError, OSError) as error:
            logger.warning("near page copies dropped: %s", error)
            self._break()
            return False
        return True

    def close(self) -> None:
        with self._lock:
            self._push()
            self._break()
            self._broken_at = 0.0  # closed on purpose: the next use may link again at once

    def _break(self) -> None:
        if self._links is not None:
            _disconnect(*self._links)
        self._links = None
        self._broken_at = time.monotonic()
        self._forget_all()

    # ------------------------------------------------------------ the copies
    def _forget_all(self) -> None:
        self._epoch += 1
        self._trusted_from = self._epoch
        self._changed_at.clear()
        self._copies.clear()
        self._holding.clear()
        self._gates.clear()
        self._size = 0

    def _remove(self, page_key: str) -> None:
        copy = self._copies.pop(page_key, None)
        if copy is None:
            return
        self._size -= copy.size
        for redis_key in copy.rests_on:
            held = self._holding.get(redis_key)
            if held is not None:
                held.discard(page_key)
                if not held:
                    del self._holding[redis_key]

    def _drop(self, redis_keys: Iterable[str]) -> None:
        self._epoch += 1
        if len(self._changed_at) > RECENT_LIMIT:
            self._changed_at.clear()
            self._trusted_from = self._epoch
        for redis_key in redis_keys:
            self._changed_at[redis_key] = self._epoch
            self._gates.pop(redis_key, None)
            for page_key in list(self._holding.pop(redis_key, ())):
                self._remove(page_key)

    def drop(self, redis_keys: Iterable[str]) -> None:
        """This process changed these keys: drop what rests on them now."""
        with self._lock:
            self._drop(redis_keys)

    def clear(self) -> None:
        with self._lock:
            self._forget_all()
            self._views.clear()
            self._waiting.clear()
            self._totals.clear()
            self._seen.clear()

    def epoch(self) -> int:
        """The number of the last changes heard: pass it to ``put`` with what is read next."""
        with self._lock:
            return self._epoch

    def get(self, page_key: str, gate_keys: list[str]) -> tuple[_Copy, list[Any]] | None:
        """The near copy of a page and the gates' values, or None to ask Redis."""
        with self._lock:
            if not self._drain():
                return None
            copy = self._copies.get(page_key)
            if copy is None or any(k not in self._gates for k in gate_keys):
                return None
            self._copies.move_to_end(page_key)
            return copy, [self._gates[k] for k in gate_keys]

    def values(self, redis_keys: list[str]) -> list[Any] | None:
        """The values of these tracked keys (``ABSENT`` where none), or None to ask Redis."""
        with self._lock:
            if not self._drain() or any(k not in self._gates for k in redis_keys):
                return None
            return [self._gates[k] for k in redis_keys]

    def put_values(self, values: dict[str, Any], read_at: int) -> None:
        """Keep values of tracked keys read from Redis when ``epoch()`` was ``read_at``."""
        with self._lock:
            if not self._drain() or read_at < self._trusted_from:
                return
            self._gates.update(
                (k, v) for k, v in values.items() if self._changed_at.get(k, 0) <= read_at
            )

    def put(
        self,
        page_key: str,
        entry: dict[str, Any],
        rests_on: tuple[str, ...],
        seen: int,
        gates: dict[str, Any],
        read_at: int,
    ) -> None:
        """Keep a page read from Redis when ``epoch()`` was ``read_at``."""
        size = len(entry["body"]) + gzip_size(entry.get("gzip")) + 512
        with self._lock:
            if size > self._limit or not self._drain() or read_at < self._trusted_from:
                return
            changed = self._changed_at
            if any(changed.get(k, 0) > read_at for k in (*rests_on, *gates)):
                return  # it changed after the read: this copy may be the old one
            self._remove(page_key)
            self._copies[page_key] = _Copy(entry, rests_on, seen, size)
            self._size += size
            for redis_key in rests_on:
                self._holding[redis_key].add(page_key)
            self._gates.update(gates)
            while self._size > self._limit:
                self._remove(next(iter(self._copies)))

    # ------------------------------------------------------------ views
    def count_view(
        self, pending_key: str, field: str, seen_key: str, flush_at: int, seen_before: int
    ) -> tuple[int, int]:
        """Count one view here, to be sent with the next push: (seen count, views pending).

        ``seen_before``: the object's seen count as its caller last knew it. The
        count returned is this worker's best knowledge; each push corrects it.
        """
        with self._lock:
            self._views[pending_key, field, seen_key] += 1
            self._waiting[pending_key] += 1
            if len(self._seen) > SEEN_LIMIT:
                self._seen.clear()
            seen = self._seen[seen_key] = max(seen_before, self._seen.get(seen_key, 0)) + 1
            total = self._totals.get(pending_key, 0) + self._waiting[pending_key]
            if total < flush_at and time.monotonic() - self._pushed_at < PUSH_SECONDS:
                return seen, total
            self._push()
            return self._seen.get(seen_key, seen), self._totals.get(pending_key, total)

    def noted(self, pending_key: str, total: int) -> None:
        """Redis said how many views of a kind are pending."""
        with self._lock:
            self._totals[pending_key] = total

    def push(self) -> None:
        """Send this worker's counted views to Redis (before a flush reads them there)."""
        with self._lock:
            self._push()

    def _push(self) -> None:
        self._pushed_at = time.monotonic()
        if not self._views:
            return
        views, self._views = self._views, defaultdict(int)
        self._waiting.clear()
        pipe = self._client.pipeline(transaction=False)
        order: list[tuple[str, str]] = []
        by_kind: dict[str, int] = defaultdict(int)
        for (pending_key, field, seen_key), n in views.items():
            pipe.hincrby(pending_key, field, n)
            pipe.incrby(seen_key, n)
            pipe.expire(seen_key, self._seen_seconds)
            order.append((pending_key, seen_key))
            by_kind[pending_key] += n
        kinds = list(by_kind)
        for pending_key in kinds:
            pipe.incrby(pending_key + ":total", by_kind[pending_key])
        try:
            replies = pipe.execute()
        except redis.RedisError as error:  # keep them for the next push
            logger.warning("near page views not sent yet: %s", error)
            for view_key, n in views.items():
                self._views[view_key] += n
                self._waiting[view_key[0]] += n
            return
        for i, (_pending_key, seen_key) in enumerate(order):
            self._seen[seen_key] = max(self._seen.get(seen_key, 0), int(replies[3 * i + 1]))
        for i, pending_key in enumerate(kinds):
            self._totals[pending_key] = int(replies[3 * len(order) + i])


def _disconnect(*connections: Any) -> None:
    for conn in connections:
        if conn is not None:
            conn.disconnect()
