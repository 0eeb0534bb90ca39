"""How far each member has read each thread, for the unread markers on board lists.

Opening a page of a thread records the highest floor on it. The records wait
and reach the database in batches, one row per member and thread
(``ReadMark``): in production a Redis hash shared by every app node keeps the
highest floor per member and thread until the periodic job (or a request, when
enough wait) writes them all at once; what waits counts when lists are drawn, so
a thread just read is never shown unread. What a board page asks of a member is
then known in Redis too (one hash per member, raised as they read, dropped an
hour after it was first filled): the next board page costs one round trip and no
query. Without Redis (the embedded default,
one machine, several worker processes that share no memory) a record is written
at once, but only when the member has gone further than this process last saw:
re-reading a page writes nothing.
"""

import threading
import time
from collections.abc import Iterable
from functools import cache
from typing import Protocol

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
from django.utils import timezone

from lanting.forum.models import Post, ReadMark, Thread
from lanting.pagecache import outage

PENDING_KEY = "lanting:reads:pending"
FLUSH_PENDING = 500  # records waiting before a request writes them
FLUSH_SECONDS = 30  # ... or seconds since the last write
MEMO_LIMIT = 100_000  # (member, thread) pairs one process remembers before starting afresh
RECENT_SECONDS = 60  # a floor recorded by this process is not sent again for this long
KNOWN_KEY = "lanting:reads:member:{}"  # a member's floors as board pages last asked them
KNOWN_SECONDS = 3600  # ... kept this long after first asked, then read afresh

# Keep the highest floor: a member reading page 1 again has still read page 3. The
# member's known floors (KEYS[2]) are raised too, where the thread is among them.
_HIGHEST = """
local now = redis.call('HGET', KEYS[1], ARGV[1])
if (not now) or tonumber(now) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
local known = redis.call('HGET', KEYS[2], ARGV[3])
if known and tonumber(known) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
end
return redis.call('HLEN', KEYS[1])
"""

# After a flush: each member's known floor (KEYS[i]) of the thread ARGV[2i-1] is raised
# to ARGV[2i] where it is known, in case it was read while the records were being written.
_RAISE_KNOWN = """
for i = 1, #KEYS do
  local known = redis.call('HGET', KEYS[i], ARGV[2 * i - 1])
  if known and tonumber(known) < tonumber(ARGV[2 * i]) then
    redis.call('HSET', KEYS[i], ARGV[2 * i - 1], ARGV[2 * i])
  end
end
"""

# A member's known floors, filled with what the database and the waiting records say
# (ARGV: the seconds they are kept, then thread and floor pairs; 0 for never opened).
_KNOW = """
local fresh = redis.call('EXISTS', KEYS[1]) == 0
for i = 2, #ARGV, 2 do
  local now = redis.call('HGET', KEYS[1], ARGV[i])
  if (not now) or tonumber(now) < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
if fresh then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
"""


class Store(Protocol):
    def record(self, member_id: int, thread_id: int, position: int) -> None: ...
    def positions(self, member_id: int, thread_ids: list[int]) -> dict[int, int]: ...
    def pending(self, member_id: int, thread_ids: Iterable[int]) -> dict[int, int]: ...
    def flush(self) -> int: ...


def _field(member_id: int, thread_id: int) -> str:
    return f"{member_id}:{thread_id}"


def written_positions(member_id: int, thread_ids: list[int]) -> dict[int, int]:
    """How far the member had read these threads when the records were last written: one query."""
    # Asked on every member's board page: the statement written once, not compiled each time.
    table, marks = ReadMark._meta.db_table, ", ".join(["%s"] * len(thread_ids))
    with connections[router.db_for_read(ReadMark)].cursor() as cursor:
        cursor.execute(
            f"SELECT thread_id, position FROM {table} "  # noqa: S608  (our names, %s values)
            f"WHERE member_id = %s AND thread_id IN ({marks})",
            [member_id, *thread_ids],
        )
        return dict(cursor.fetchall())


def write(marks: dict[tuple[int, int], int]) -> int:
    """Raise each (member, thread) row to at least its floor, creating the missing ones."""
    if not marks:
        return 0
    now = timezone.now()
    members = {member for member, _ in marks}
    threads = {thread for _, thread in marks}
    with transaction.atomic():
        known = {
            (row.member_id, row.thread_id): row
            for row in ReadMark.objects.select_for_update().filter(
                member_id__in=members, thread_id__in=threads
            )
        }
        raised, new = [], []
        for (member, thread), position in marks.items():
            row = known.get((member, thread))
            if row is None:
                new.append(ReadMark(member_id=member, thread_id=thread, position=position))
            elif row.position < position:
                row.position, row.read_at = position, now
                raised.append(row)
        ReadMark.objects.bulk_update(raised, ["position", "read_at"], batch_size=500)
        if new:  # a thread or member gone meanwhile is skipped, as is a row made meanwhile
            threads_left = set(
                Thread.objects.filter(pk__in={row.thread_id for row in new}).values_list(
                    "pk", flat=True
                )
            )
            members_left = set(
                get_user_model()
                .objects.filter(pk__in={row.member_id for row in new})
                .values_list("pk", flat=True)
            )
            new = [r for r in new if r.thread_id in threads_left and r.member_id in members_left]
            ReadMark.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(raised) + len(new)


class _Sent:
    """The floors this process has sent, per member and thread: what is no news to send."""

    def __init__(self, keep_for: float | None = None) -> None:
        self._keep_for = keep_for  # seconds a floor sent counts as known; None: for good
        self._lock = threading.Lock()
        self._sent: dict[tuple[int, int], tuple[int, float]] = {}

    def is_news(self, member_id: int, thread_id: int, position: int) -> bool:
        """True (and noted as sent) unless this process sent this floor or a higher one."""
        pair, now = (member_id, thread_id), time.monotonic()
        with self._lock:
            known = self._sent.get(pair)
            fresh = known is not None and (
                self._keep_for is None or now - known[1] < self._keep_for
            )
            if known is not None and fresh and known[0] >= position:
                return False
            if len(self._sent) >= MEMO_LIMIT:
                self._sent.clear()
            self._sent[pair] = (position, now)
            return True


class DirectStore:
    """Writes at once, skipping what this process knows is no news."""

    def __init__(self) -> None:
        self._sent = _Sent()

    def record(self, member_id: int, thread_id: int, position: int) -> None:
        if not self._sent.is_news(member_id, thread_id, position):
            return
        # Two statements at most: raise the row, or make it (a row made meanwhile wins).
        raised = ReadMark.objects.filter(
            member_id=member_id, thread_id=thread_id, position__lt=position
        ).update(position=position, read_at=timezone.now())
        if not raised:
            row = ReadMark(member_id=member_id, thread_id=thread_id, position=position)
            ReadMark.objects.bulk_create([row], ignore_conflicts=True)

    def positions(self, member_id: int, thread_ids: list[int]) -> dict[int, int]:
        return written_positions(member_id, thread_ids)

    def pending(self, member_id: int, thread_ids: Iterable[int]) -> dict[int, int]:
        return {}

    def flush(self) -> int:
        return 0


class RedisStore:
    """Records wait in Redis; while it is down (``pagecache.outage``) they are written at once."""

    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0)
        self._highest = self._client.register_script(_HIGHEST)
        self._know = self._client.register_script(_KNOW)
        self._raise_known = self._client.register_script(_RAISE_KNOWN)
        self._last_flush = time.monotonic()
        self._direct = DirectStore()
        self._sent = _Sent(keep_for=RECENT_SECONDS)

    def record(self, member_id: int, thread_id: int, position: int) -> None:
        if outage.is_down():
            self._direct.record(member_id, thread_id, position)
            return
        # Re-reading a page this process has just recorded is no news: no round trip.
        if not self._sent.is_news(member_id, thread_id, position):
            return
        try:
            waiting = int(
                self._highest(
                    keys=[PENDING_KEY, KNOWN_KEY.format(member_id)],
                    args=[_field(member_id, thread_id), position, thread_id],
                )
            )
        except outage.ERRORS as error:
            outage.failed(error)
            self._direct.record(member_id, thread_id, position)
            return
        if waiting >= FLUSH_PENDING or time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()

    def positions(self, member_id: int, thread_ids: list[int]) -> dict[int, int]:
        """From the member's known floors (one round trip); what they lack is read from the
        database and the waiting records once, then known for ``KNOWN_SECONDS``."""
        if outage.is_down():
            return written_positions(member_id, thread_ids)
        key = KNOWN_KEY.format(member_id)
        try:
            values = self._client.hmget(key, thread_ids)
        except outage.ERRORS as error:
            outage.failed(error)
            return written_positions(member_id, thread_ids)
        read = {pk: int(v) for pk, v in zip(thread_ids, values, strict=True) if v is not None}
        missing = [pk for pk in thread_ids if pk not in read]
        if missing:
            # The waiting records before the database: a flush meanwhile moves them there.
            waiting = self.pending(member_id, missing)
            written = written_positions(member_id, missing)
            floors = {pk: max(written.get(pk, 0), waiting.get(pk, 0)) for pk in missing}
            read.update(floors)
            if not outage.is_down():  # a floor missed in an outage is not kept
                try:
                    pairs = [value for pair in floors.items() for value in pair]
                    self._know(keys=[key], args=[KNOWN_SECONDS, *pairs])
                except outage.ERRORS as error:
                    outage.failed(error)
        return {pk: position for pk, position in read.items() if position > 0}

    def pending(self, member_id: int, thread_ids: Iterable[int]) -> dict[int, int]:
        ids = list(thread_ids)
        if not ids or outage.is_down():
            return {}
        try:
            values = self._client.hmget(PENDING_KEY, [_field(member_id, pk) for pk in ids])
        except outage.ERRORS as error:  # what waits in Redis shows again when it is back
            outage.failed(error)
            return {}
        return {pk: int(v) for pk, v in zip(ids, values, strict=True) if v is not None}

    def flush(self) -> int:
        if outage.is_down():
            return 0
        try:
            return self._flush()
        except outage.ERRORS as error:  # what waits stays in Redis for the next flush
            outage.failed(error)
            return 0

    def _flush(self) -> int:
        self._last_flush = time.monotonic()
        # RENAME is atomic: records made after it land in a fresh hash, whichever node flushes.
        claimed = f"{PENDING_KEY}:flushing:{time.time_ns()}"
        try:
            self._client.rename(PENDING_KEY, claimed)
        except redis.ResponseError:  # nothing waiting, or another node took it first
            return 0
        raw: dict[bytes, bytes] = self._client.hgetall(claimed)  # type: ignore[assignment]
        marks: dict[tuple[int, int], int] = {}
        for field, value in raw.items():
            member, thread = field.decode().split(":")
            marks[int(member), int(thread)] = int(value)
        try:
            written = write(marks)
        except Exception:
            # Put them back (highest wins) so a failed write loses nothing; the job retries.
            for (member_id, thread_id), position in marks.items():
                self._highest(
                    keys=[PENDING_KEY, KNOWN_KEY.format(member_id)],
                    args=[_field(member_id, thread_id), position, thread_id],
                )
            raise
        finally:
            self._client.delete(claimed)
        items = list(marks.items())
        for start in range(0, len(items), 500):
            batch = items[start : start + 500]
            self._raise_known(
                keys=[KNOWN_KEY.format(member_id) for (member_id, _), _ in batch],
                args=[
                    value for (_, thread_id), position in batch for value in (thread_id, position)
                ],
            )
        return written


@cache
def get_store() -> Store:
    url = settings.REDIS_URL
    return RedisStore(url) if url else DirectStore()


def record(member_id: int, thread_id: int, position: int) -> None:
    """The member has read the thread up to this floor."""
    get_store().record(member_id, thread_id, position)


def positions(member_id: int, thread_ids: Iterable[int]) -> dict[int, int]:
    """How far the member has read each of these threads (those they have opened)."""
    ids = list(thread_ids)
    return get_store().positions(member_id, ids) if ids else {}


def flush() -> int:
    return get_store().flush()


def first_unread(member_id: int, thread: Thread) -> Post | None:
    """The first post past where the member stopped reading (the first post if never opened)."""
    position = positions(member_id, [thread.pk]).get(thread.pk, 0)
    after = Post.objects.filter(thread=thread, position__gt=position, is_deleted=False)
    return after.order_by("position").only("pk", "thread_id", "position").first()
