"""Prometheus metrics (prometheus_client): requests and their latency, counted around the
whole WSGI application (guests' cached pages included, labelled by the page cache's answer),
and at each scrape the job queue's depth and the view counters' lag.

Several app-server processes write their counts to files in one folder
(``PROMETHEUS_MULTIPROC_DIR``, set by ``lanting.wsgi`` to ``var/metrics/<server>``), which
the scrape adds up; without it (tests, ``runserver``) the counts are the process's own.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter("lanting_requests", "HTTP requests answered", ["method", "status", "page_cache"])
LATENCY = Histogram(
    "lanting_request_seconds",
    "Time to answer a request (until the response starts)",
    ["page_cache"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

_children: dict[tuple[str, str, str], tuple[Any, Any]] = {}

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def measured(app: WSGIApp) -> WSGIApp:
    """``app``, counting each request by method, status class and the page cache's answer."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict[str, str] = {}

        def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            seen["status"] = status[:1] + "xx"
            for name, value in headers:
                if name == "X-Page-Cache":
                    seen["cache"] = value
                    break
            return start_response(status, headers, *args)

        body = app(environ, start)
        method = environ.get("REQUEST_METHOD", "")
        cache = seen.get("cache", "none")
        key = (method if method in _METHODS else "other", seen.get("status", "5xx"), cache)
        counted = _children.get(key)
        if counted is None:  # labels() looks up under a lock: once per kind of request
            counted = _children[key] = (REQUESTS.labels(*key), LATENCY.labels(cache))
        counted[0].inc()
        counted[1].observe(time.perf_counter() - started)
        return body

    return application


class StateCollector(Collector):
    """What is read at each scrape: jobs waiting, views not yet written."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from lanting.operations.health import pending_views, queue_depth
        from lanting.pagecache import outage

        try:
            waiting = float(queue_depth())
        except outage.ERRORS:  # the queue is on Redis and Redis is down
            waiting = float("nan")
        yield GaugeMetricFamily(
            "lanting_jobs_waiting", "Jobs waiting for the worker", value=waiting
        )
        yield GaugeMetricFamily(
            "lanting_redis_up",
            "0 while Redis is down and the site serves from the database, else 1",
            value=0 if outage.down_since() is not None else 1,
        )
        yield GaugeMetricFamily(
            "lanting_views_pending",
            "Views counted but not yet written to the database (counter lag)",
            value=pending_views(),
        )


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type."""
    if values.ValueClass is not values.MutexValue:  # counts kept in files, per process
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    state = CollectorRegistry()
    state.register(StateCollector())
    return generate_latest(registry) + generate_latest(state), CONTENT_TYPE_LATEST
