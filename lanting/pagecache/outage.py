"""When Redis goes away: a circuit breaker, one warning per outage, and a clean return.

Every path to Redis (the cache API, guests' pages, view counters, read marks, the job
queue) asks ``usable()`` first and, when a call fails, reports it with ``failed()``.
For ``BREAKER_SECONDS`` after a failure nothing tries Redis again, so a request does not
wait on a connect timeout at every cache call; then the next call tries again.

While Redis is down each path falls back to the database: cache reads are misses, views
and read marks are written straight to their rows, jobs run in the request. Writes to
the cache that could not be made are remembered (``missed``): a tag version or a kept
value that could not be changed would be stale when Redis comes back with its old data,
so those keys are deleted first thing on the way back (``on_recovery``), before any other
call: a missing key is a miss, never a wrong answer.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable

import redis

logger = logging.getLogger("lanting.redis")

BREAKER_SECONDS = 5.0
MISSED_LIMIT = 100_000  # keys remembered per process; past it the oldest go unrepaired
ERRORS: tuple[type[BaseException], ...] = (redis.RedisError, OSError)

_lock = threading.Lock()
_down_until = 0.0
_down_since: float | None = None  # wall-clock start of this outage, None while Redis is up
_missed: dict[str, None] = {}  # Redis keys (made) whose write was lost, in order
_overflowed = False  # more keys were lost than remembered
_recovery: dict[str, Callable[[list[str]], None]] = {}


def is_down() -> bool:
    """Redis failed a moment ago: skip it (the breaker is open)."""
    return not usable()


def down_since() -> float | None:
    """When this outage began (a Unix time), or None while Redis answers."""
    return _down_since


def failed(error: BaseException) -> None:
    """A call to Redis failed: open the breaker; warn once per outage."""
    with _lock:
        _open(error)


def _open(error: BaseException) -> None:
    global _down_until, _down_since
    _down_until = time.monotonic() + BREAKER_SECONDS
    if _down_since is not None:
        return
    _down_since = time.time()
    logger.warning("Redis is unreachable (%s): serving from the database until it is back", error)


def usable() -> bool:
    """May a call go to Redis now? False while the breaker is open.

    The first call after the breaker closes first repairs what the outage missed
    (``on_recovery``), so nothing reads a value that should have changed meanwhile.
    """
    global _down_since, _overflowed
    if _down_since is None:  # the usual case: no lock, no clock
        return True
    if time.monotonic() < _down_until:
        return False
    with _lock:
        if _down_since is None:
            return True
        keys = list(_missed)
        _missed.clear()
        try:
            for repair in _recovery.values():
                repair(keys)
        except ERRORS as error:  # still down: keep the keys for the next try
            _missed.update(dict.fromkeys(keys))
            _open(error)
            return False
        seconds = time.time() - _down_since
        _down_since = None
        overflowed, _overflowed = _overflowed, False
    logger.warning("Redis is back after %.0f s; %d stale keys dropped", seconds, len(keys))
    if overflowed:
        logger.error(
            "more than %d cache writes were lost in the outage: some kept pages and values "
            "may be stale until they expire (clear the cache to be sure)",
            MISSED_LIMIT,
        )
    return True


def missed(redis_keys: Iterable[str]) -> None:
    """These keys could not be written: drop them when Redis is back."""
    global _overflowed
    with _lock:
        for key in redis_keys:
            if len(_missed) >= MISSED_LIMIT:
                _overflowed = True
                break
            _missed[key] = None


def on_recovery(name: str, repair: Callable[[list[str]], None]) -> None:
    """Run ``repair(missed keys)`` when Redis answers again after an outage (one per name:
    a cache made again for the same server replaces the old one's)."""
    _recovery[name] = repair


def reset() -> None:
    """Forget any outage (tests start with Redis up)."""
    global _down_until, _down_since, _overflowed
    with _lock:
        _down_until, _down_since, _overflowed = 0.0, None, False
        _missed.clear()
