"""Read replicas: reads that may be a moment stale go to ``DATABASE_REPLICA_URL``.

Only reads inside a request the middleware has cleared go to the replica: a GET or HEAD
of a public page, from a browser that has not just written. Everything else reads the
primary:

- writes, and every read after the first write of a request (read-your-writes);
- a browser for ``LANTING_REPLICA_PIN_SECONDS`` after it wrote (a cookie, set by a POST
  that wrote): the member sees their own reply on the thread they are sent back to;
- reads inside a transaction, and ``select_for_update`` (a write's own reads);
- who the member is and what they may do (accounts, bans, sessions, login lockouts) and
  the jobs' tables: a permission just taken away is never read back as granted;
- the admin and the account pages, whatever the method;
- anything outside a request: management commands (the importer, backups), the worker's
  jobs, the shell. They write, or decide what to write, from what they read.

So the replica serves what guests and members read most: the home page, boards, threads,
articles, lists, search, the archiver and the API's reads. Migrations run only on the
primary. Without ``DATABASE_REPLICA_URL`` neither the router nor the middleware is
installed (``lanting.settings``).
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "lanting_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Who someone is and what they may do, and the jobs' own bookkeeping: never stale.
PRIMARY_APPS = frozenset(
    {
        "accounts",
        "auth",
        "axes",
        "django_tasks_database",
        "jobs",
        "moderation",
        "sessions",
    }
)
PRIMARY_PATHS = ("/admin/", "/accounts/")


@dataclass
class Reads:
    replica: bool  # this request may read from the replica
    wrote: bool = False


_current: ContextVar[Reads | None] = ContextVar("lanting_replica_reads", default=None)


def reading(*, replica: bool) -> Any:
    """Set what the current context may read (for the middleware and tests); a token."""
    return _current.set(Reads(replica=replica))


def done(token: Any) -> Reads | None:
    reads = _current.get()
    _current.reset(token)
    return reads


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        reads = _current.get()
        if reads is None or not reads.replica or reads.wrote:
            return PRIMARY
        if model._meta.app_label in PRIMARY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:  # a write's own reads
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        reads = _current.get()
        if reads is not None:
            reads.wrote = True  # the rest of the request reads what it wrote
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaMiddleware:
    """Lets a request read from the replica; pins a browser to the primary after it writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replica = (
            request.method in SAFE_METHODS
            and PIN_COOKIE not in request.COOKIES
            and not request.path.startswith(PRIMARY_PATHS)
        )
        token = reading(replica=replica)
        try:
            response = self.get_response(request)
        finally:
            reads = done(token)
        # A GET that wrote (a view flushed, a read mark) needs no pin: what the member
        # reads next does not depend on it. A form that wrote does.
        if request.method not in SAFE_METHODS and reads is not None and reads.wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.LANTING_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
