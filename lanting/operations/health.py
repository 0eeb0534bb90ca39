"""The health check: is the app answering, the database and the cache reachable, the job
queue moving? Each part timed; the whole is healthy when every part is."""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection

from lanting.jobs.queue import backend_kind
from lanting.pagecache import counters

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


def _cache() -> dict[str, Any]:
    key, value = "operations:health", uuid.uuid4().hex
    cache.set(key, value, 30)
    return {"ok": cache.get(key) == value}


def queue_depth() -> int:
    """Jobs waiting to run, on whichever backend runs them."""
    kind = backend_kind()
    if kind == "database":
        from django_tasks_db.models import DBTaskResult

        return int(DBTaskResult.objects.filter(status="READY").count())
    if kind == "redis":
        import django_rq

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
