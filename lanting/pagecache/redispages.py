"""Guests' cached pages from Redis in one round trip.

Through Django's cache API a hit takes three round trips: the page, the
versions of its tags, the view counter. Here a short Lua script does all of
it inside Redis: beside each page a plain "check" record lists the page's tag
keys with the versions it was rendered at, and its view counter; the script
compares the versions, counts the view (the keys ``pagecache.counters`` uses) and
returns the page with the values of the gates' keys, or nothing when the page
is missing or stale.

What it returns is also kept in the worker (``pagecache.near``) until Redis
says a key it rests on changed, so most hits need no round trip at all.
"""

from collections.abc import Iterable
from functools import cache as once
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisSerializer

from lanting.pagecache import outage
from lanting.pagecache.backends import ReusingRedisCache, on_write
from lanting.pagecache.keys import CHECK_PREFIX, PENDING_PREFIX, SEEN_PREFIX, SEEN_SECONDS
from lanting.pagecache.near import ABSENT, NearPages

_tracked: list[str] = []  # cache keys near copies may hold: page gates, per-request reads


def track_key(cache_key: str) -> None:
    """Workers may keep this key's value near (``values``), dropped when Redis says it changed.

    A key is also a prefix: every key that starts with it may be kept near.
    """
    if cache_key not in _tracked:
        _tracked.append(cache_key)


def is_tracked(cache_key: str) -> bool:
    """Whether near copies of this key are dropped when it changes (``track_key``)."""
    return cache_key.startswith(tuple(_tracked))


_SCRIPT = """
local check = redis.call('GET', KEYS[1])
if not check then return false end
local f = {}
for field in string.gmatch(check, '[^\\t]+') do f[#f + 1] = field end
local names = {}
for i = 3, #f, 2 do names[#names + 1] = f[i] end
if #names > 0 then
  local now = redis.call('MGET', unpack(names))
  for i = 1, #names do
    if now[i] ~= f[2 + 2 * i] then return false end
  end
end
local page = redis.call('GET', KEYS[2])
if not page then return false end
local reply = {page, 0, 0}
if f[1] ~= '-' then
  local pending = ARGV[2] .. f[1]
  redis.call('HINCRBY', pending, f[2], 1)
  reply[2] = redis.call('INCR', pending .. ':total')
  local seen = ARGV[3] .. f[1] .. ':' .. f[2]
  reply[3] = redis.call('INCR', seen)
  redis.call('EXPIRE', seen, ARGV[1])
end
for i = 3, #KEYS do reply[#reply + 1] = redis.call('GET', KEYS[i]) or false end
return reply
"""


class RedisPages:
    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self._client = backend._cache.get_client(write=True)
        self._script = self._client.register_script(_SCRIPT)
        self._serializer = RedisSerializer()
        self._near: NearPages | None = None
        self._near_gates: tuple[str, ...] | None = None

    def written(self, redis_keys: list[str]) -> None:
        """A write through the cache: near copies of tracked keys go now."""
        gates = self._near_gates
        if self._near is not None and gates:
            changed = [key for key in redis_keys if key.startswith(gates)]
            if changed:
                self._near.drop(changed)

    def _near_pages(self, gate_keys: tuple[str, ...]) -> NearPages | None:
        """This worker's copies, tracking the check, tag and these gate keys."""
        if gate_keys != self._near_gates:
            if self._near is not None:
                self._near.close()
            self._near_gates, self._near = gate_keys, None
            megabytes = settings.LANTING_NEAR_PAGES_MB
            if megabytes > 0:
                prefixes = [CHECK_PREFIX, self._backend.make_key("tag:")]
                for key in sorted(gate_keys):  # Redis refuses prefixes that overlap
                    if not any(key.startswith(p) or p.startswith(key) for p in prefixes):
                        prefixes.append(key)
                limit = megabytes * 1024 * 1024
                url = self._backend._servers[0]  # where the cache writes
                self._near = NearPages(self._client, url, prefixes, limit, SEEN_SECONDS)
        return self._near

    def near(self) -> NearPages | None:
        """This worker's near copies (None when they are turned off)."""
        if self._near_gates is None or len(self._near_gates) != len(_tracked):
            return self._near_pages(tuple(self._backend.make_key(k) for k in _tracked))
        return self._near  # the keys tracked are the same: only ever added to

    def tag_keys(self, tags: Iterable[str]) -> tuple[str, ...]:
        """The Redis keys of these tags' versions."""
        return tuple(self._backend.make_key(f"tag:{t}") for t in tags)

    def lookup(
        self, key: str, gate_keys: list[str]
    ) -> tuple[dict[str, Any], int, int, list[Any]] | None:
        """(entry, views pending of its kind, its seen count, gate values), or None."""
        try:
            return self._lookup(key, gate_keys)
        except outage.ERRORS as error:  # Redis went away: a miss, the page is rendered
            outage.failed(error)
            return None

    def _lookup(
        self, key: str, gate_keys: list[str]
    ) -> tuple[dict[str, Any], int, int, list[Any]] | None:
        redis_gates = tuple(self._backend.make_key(k) for k in gate_keys)
        near = self.near()  # it tracks every gate key (``track_key``)
        if near is not None and (found_near := near.get(key, list(redis_gates))) is not None:
            copy, gate_values = found_near
            counter = copy.entry["counter"]
            if not counter:
                return copy.entry, 0, 0, gate_values
            kind, object_id = counter[0], counter[1]
            copy.seen, total = near.count_view(
                PENDING_PREFIX + kind,
                str(object_id),
                f"{SEEN_PREFIX}{kind}:{object_id}",
                settings.LANTING_VIEW_FLUSH_PENDING,
                copy.seen,
            )
            return copy.entry, total, copy.seen, gate_values
        read_at = near.epoch() if near is not None else 0
        keys = [CHECK_PREFIX + key, self._backend.make_key(key), *redis_gates]
        found = self._script(keys=keys, args=[SEEN_SECONDS, PENDING_PREFIX, SEEN_PREFIX])
        if not found:
            return None
        page, total, seen, *gates = found
        values = [None if raw is None else self._serializer.loads(raw) for raw in gates]
        entry = self._serializer.loads(page)
        if near is not None:
            rests_on = (CHECK_PREFIX + key, *map(self._backend.make_key, entry["versions"]))
            gates_now = dict(zip(redis_gates, values, strict=True))
            near.put(key, entry, rests_on, int(seen), gates_now, read_at)
            if entry["counter"]:
                near.noted(PENDING_PREFIX + entry["counter"][0], int(total))
        return entry, int(total), int(seen), values

    def store(self, key: str, entry: dict[str, Any], seconds: int) -> None:
        counter = entry["counter"]
        fields = [str(counter[0]), str(counter[1])] if counter else ["-", "-"]
        for tag_key, version in entry["versions"].items():
            fields += [self._backend.make_key(tag_key), str(version)]
        pipe = self._client.pipeline(transaction=True)  # never a new check beside an old page
        pipe.set(self._backend.make_key(key), self._serializer.dumps(entry), ex=seconds)
        pipe.set(CHECK_PREFIX + key, "\t".join(fields), ex=seconds)
        try:
            pipe.execute()
        except outage.ERRORS as error:  # not kept this time
            outage.failed(error)
            outage.missed([CHECK_PREFIX + key])
        self.dropped([CHECK_PREFIX + key])

    def forget(self, key: str) -> None:
        try:
            self._client.delete(CHECK_PREFIX + key, self._backend.make_key(key))
        except outage.ERRORS as error:  # dropped when Redis is back
            outage.failed(error)
            outage.missed([CHECK_PREFIX + key])
        self.dropped([CHECK_PREFIX + key])

    def dropped(self, redis_keys: Iterable[str]) -> None:
        """This process changed these Redis keys: its near copies resting on them go now."""
        if self._near is not None:
            self._near.drop(redis_keys)

    def touched_keys(self, cache_keys: Iterable[str]) -> None:
        """This process changed these cache keys (tag versions, tracked values)."""
        self.dropped(map(self._backend.make_key, cache_keys))

    def count_view(self, kind: str, object_id: int, seen_before: int) -> tuple[int, int] | None:
        """Count a view in this worker (sent to Redis within a second): (seen, pending)."""
        near = self.near()
        if near is None:
            return None
        return near.count_view(
            PENDING_PREFIX + kind,
            str(object_id),
            f"{SEEN_PREFIX}{kind}:{object_id}",
            settings.LANTING_VIEW_FLUSH_PENDING,
            seen_before,
        )

    def values(self, keys: list[str]) -> dict[str, Any]:
        """``cache.get_many(keys)``, from this worker's near copies when it holds them all."""
        redis_keys = [self._backend.make_key(k) for k in keys]
        near = self.near()
        read_at = 0
        if near is not None:
            held = near.values(redis_keys)
            if held is not None:
                return {k: v for k, v in zip(keys, held, strict=True) if v is not ABSENT}
            read_at = near.epoch()
        found: dict[str, Any] = self._backend.get_many(keys)
        if near is not None and not outage.is_down():  # a miss in an outage is not a value
            near.put_values(
                {rk: found.get(k, ABSENT) for k, rk in zip(keys, redis_keys, strict=True)}, read_at
            )
        return found

    def push_views(self) -> None:
        """Views counted on near copies go to Redis now (a flush is about to read them)."""
        if self._near is not None:
            self._near.push()

    def clear_near(self) -> None:
        if self._near is not None:
            self._near.clear()


@once
def _redis_pages() -> RedisPages | None:
    backend = caches["default"]
    return RedisPages(backend) if isinstance(backend, ReusingRedisCache) else None


def _written(redis_keys: list[str]) -> None:
    pages = _redis_pages()
    if pages is not None:
        pages.written(redis_keys)


on_write(_written)


def redis_pages() -> RedisPages | None:
    """The one-round-trip store when the cache is Redis, else None (the cache API serves).

    None as well while Redis is down (``outage``): the cache API then answers misses.
    """
    return None if outage.is_down() else _redis_pages()
