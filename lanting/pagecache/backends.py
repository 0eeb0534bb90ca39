"""Django's Redis cache, keeping one client per connection pool, and living through outages.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every
cache call; each build fills a table of some 170 response callbacks, which
cost more than the round trip itself on a cached page. A ``redis.Redis`` is
safe to share between threads (it takes a connection from its pool for each
command), so one per pool is kept and reused.

When Redis does not answer, the cache degrades instead of raising (``pagecache.outage``):
a read is a miss, a write is dropped and its key remembered (deleted when Redis is back,
so no stale value survives the outage), ``add`` answers as if it stored (a rate limit or
a spent-token check lets the request through rather than refusing everyone), ``incr``
raises ``ValueError`` as for a missing key (callers then ``set``, which is dropped).
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from lanting.pagecache import outage

T = TypeVar("T")
_write_hooks: list[Callable[[list[str]], None]] = []


def on_write(hook: Callable[[list[str]], None]) -> None:
    """``hook`` hears the Redis keys each write through the cache changed (this worker's
    near copies of them go at once, before Redis's own message arrives)."""
    _write_hooks.append(hook)


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        base: Any = self  # the stubs do not describe RedisCacheClient's private helpers
        index = base._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = base._get_connection_pool(write)
            client = self._clients[index] = base._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient
        # One cache in use at a time (tests make others): the newest one repairs.
        outage.on_recovery("cache", self._repair)

    def _repair(self, redis_keys: list[str]) -> None:
        base: Any = self  # the stubs do not describe RedisCache's client
        client = base._cache.get_client(write=True)
        client.ping()  # back for real, or the outage goes on (and is not reported twice)
        for start in range(0, len(redis_keys), 1000):
            client.delete(*redis_keys[start : start + 1000])

    def _guard(self, call: Callable[[], T], fallback: T, written: Iterable[str] = ()) -> T:
        if outage.is_down():
            outage.missed(written)
            return fallback
        try:
            result = call()
        except outage.ERRORS as error:
            outage.failed(error)
            outage.missed(written)
            return fallback
        finally:
            if written and _write_hooks:
                for hook in _write_hooks:
                    hook(list(written))
        return result

    def _keys(self, keys: Iterable[Any], version: int | None) -> list[str]:
        return [self.make_key(k, version=version) for k in keys]

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._guard(
            lambda: super(ReusingRedisCache, self).add(key, value, timeout, version),
            True,
            self._keys([key], version),
        )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(
            lambda: super(ReusingRedisCache, self).get(key, default, version), default
        )

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._guard(
            lambda: super(ReusingRedisCache, self).set(key, value, timeout, version),
            None,
            self._keys([key], version),
        )

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._guard(
            lambda: super(ReusingRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(
            lambda: super(ReusingRedisCache, self).delete(key, version),
            False,
            self._keys([key], version),
        )

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        return self._guard(lambda: super(ReusingRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ReusingRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        result = self._guard(
            lambda: super(ReusingRedisCache, self).incr(key, delta, version),
            missing,
            self._keys([key], version),
        )
        if result is missing:
            raise ValueError(f"Key '{key}' not found (Redis is down).")
        counted: int = result  # type: ignore[assignment]  # missing is ruled out above
        return counted

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._guard(
            lambda: super(ReusingRedisCache, self).set_many(data, timeout, version),
            [],
            self._keys(data, version),
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        keys = list(keys)
        self._guard(
            lambda: super(ReusingRedisCache, self).delete_many(keys, version),
            None,
            self._keys(keys, version),
        )

    def clear(self) -> None:
        self._guard(lambda: super(ReusingRedisCache, self).clear(), None)
