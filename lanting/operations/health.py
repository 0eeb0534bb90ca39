"""The health check: is the app answering, the database and the cache reachable, the job
queue moving? Each part timed.

The database is the one part the site cannot serve without: when it fails the check
answers 503 ("failing"). When Redis is down (the cache, and the queue on it) the site
still serves every page from the database (``pagecache.outage``), so the check answers
200 with the status "degraded" and the failing parts marked: a load balancer keeps the
node, a monitor that reads the body sees the outage.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection

from lanting.jobs.queue import backend_kind
from lanting.pagecache import counters, outage

QUEUE_WARN = 10_000  # jobs waiting: the worker is down or far behind


@dataclass(frozen=True)
class Check:
    ok: bool
    ms: float
    detail: dict[str, Any]


def _timed(probe: Callable[[], dict[str, Any]]) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
        ok = bool(detail.pop("ok", True))
    except Exception as error:  # a health check reports; it never raises
        detail, ok = {"error": f"{type(error).__name__}: {error}"[:300]}, False
    return Check(ok, round((time.perf_counter() - started) * 1000, 2), detail)


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


CRITICAL = {"database"}  # a failure here is "failing" (503); elsewhere "degraded" (200)


def _down() -> dict[str, Any]:
    since = outage.down_since()
    return {"ok": False, "error": "Redis is down", "down_since": since}


def _cache() -> dict[str, Any]:
    if outage.is_down():  # asking again would only wait on a timeout
        return _down()
    key, value = "operations:health", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        return _down() if outage.down_since() is not None else {"ok": False}
    return {}


def queue_depth() -> int:
    """Jobs waiting to run, on whichever backend runs them."""
    kind = backend_kind()
    if kind == "database":
        from django_tasks_db.models import DBTaskResult

        return int(DBTaskResult.objects.filter(status="READY").count())
    if kind == "redis":
        import django_rq

        if outage.is_down():
            raise ConnectionError("Redis is down")

        return int(django_rq.get_queue("default").count)
    return 0


def _queue() -> dict[str, Any]:
    depth = queue_depth()
    return {"ok": depth < QUEUE_WARN, "backend": backend_kind(), "waiting": depth}


def pending_views() -> int:
    """Views counted but not yet written to the database (the counters' lag)."""
    return counters.total_pending()


def _counters() -> dict[str, Any]:
    return {"pending_views": pending_views()}


PROBES: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _database,
    "cache": _cache,
    "queue": _queue,
    "counters": _counters,
}


def run_checks() -> dict[str, Check]:
    return {name: _timed(probe) for name, probe in PROBES.items()}


def status(checks: dict[str, Check]) -> str:
    """ "ok", "degraded" (a part the site can do without is failing) or "failing"."""
    if all(check.ok for check in checks.values()):
        return "ok"
    if any(not checks[name].ok for name in CRITICAL if name in checks):
        return "failing"
    return "degraded"
