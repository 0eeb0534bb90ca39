"""Guests' cached pages from Redis in one round trip.

Through Django's cache API a hit takes three round trips: the page, the
versions of its tags, the view counter. Here a short Lua script does all of
it inside Redis: beside each page a plain "check" record lists the page's tag
keys with the versions it was rendered at, and its view counter; the script
compares the versions, counts the view (the keys ``core.counters`` uses) and
returns the page with the values of the gates' keys, or nothing when the page
is missing or stale.
"""

from functools import cache as once
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisSerializer

from lanting.core.cache import ReusingRedisCache
from lanting.core.counters import PENDING_PREFIX, SEEN_PREFIX, SEEN_SECONDS

CHECK_PREFIX = "lanting:pagecheck:"

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

    def lookup(
        self, key: str, gate_keys: list[str]
    ) -> tuple[dict[str, Any], int, int, list[Any]] | None:
        """(entry, views pending of its kind, its seen count, gate values), or None."""
        keys = [CHECK_PREFIX + key, self._backend.make_key(key)]
        keys += [self._backend.make_key(k) for k in gate_keys]
        found = self._script(keys=keys, args=[SEEN_SECONDS, PENDING_PREFIX, SEEN_PREFIX])
        if not found:
            return None
        page, total, seen, *gates = found
        values = [None if raw is None else self._serializer.loads(raw) for raw in gates]
        return self._serializer.loads(page), int(total), int(seen), values

    def store(self, key: str, entry: dict[str, Any], seconds: int) -> None:
        counter = entry["counter"]
        fields = [str(counter[0]), str(counter[1])] if counter else ["-", "-"]
        for tag_key, version in entry["versions"].items():
            fields += [self._backend.make_key(tag_key), str(version)]
        pipe = self._client.pipeline(transaction=True)  # never a new check beside an old page
        pipe.set(self._backend.make_key(key), self._serializer.dumps(entry), ex=seconds)
        pipe.set(CHECK_PREFIX + key, "\t".join(fields), ex=seconds)
        pipe.execute()

    def forget(self, key: str) -> None:
        self._client.delete(CHECK_PREFIX + key, self._backend.make_key(key))


@once
def redis_pages() -> RedisPages | None:
    """The one-round-trip store when the cache is Redis, else None (the cache API serves)."""
    backend = caches["default"]
    return RedisPages(backend) if isinstance(backend, ReusingRedisCache) else None
