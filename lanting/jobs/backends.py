"""The Redis (RQ) job backend, running a job in the request while Redis is down.

A job that cannot be queued is never dropped and never turns the request into an error:
while Redis does not answer (``pagecache.outage``) it runs at once, in the process that
asked for it, as the "immediate" backend would (its retries too, one after the other, and
a job that fails every attempt ends in the failed-jobs list). Mail still goes out; a
counter flush still happens.
"""

import json
import threading
from dataclasses import replace
from typing import Any

import django_rq.queues
from django_rq import connection_utils
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult
from django_tasks_rq.backend import RQBackend

from lanting.pagecache import outage

_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def kept_connection(name: str = "default", use_strict_redis: bool = False) -> Any:
    """django-rq's connection for a queue, made once per process and settings.

    django-rq makes a new client (so a new TCP connection, greeted with HELLO, CLIENT
    SETINFO, SELECT and INFO) for every job queued: six round trips before the job's own,
    on every reply a member posts. A redis-py client holds a pool and is safe to share
    between threads, and after a fork (the worker) it opens connections of its own.
    """
    from django_rq.settings import QUEUES

    key = json.dumps([name, use_strict_redis, QUEUES[name]], sort_keys=True, default=str)
    client = _clients.get(key)
    if client is None:
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = connection_utils.get_connection(name, use_strict_redis)
                _clients[key] = client
    return client


django_rq.queues.get_connection = kept_connection  # type: ignore[attr-defined]  # per job


class FallbackRQBackend(RQBackend):
    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self._inline = ImmediateBackend(alias, params)

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        if outage.is_down():
            return self._run_now(task, args, kwargs)
        try:
            result = super().enqueue(task, args, kwargs)
        except outage.ERRORS as error:
            outage.failed(error)
            return self._run_now(task, args, kwargs)
        return result

    def _run_now(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        # A retry asked for later runs now: the in-request runner cannot wait, and a job
        # that still fails after its last attempt ends in the failed-jobs list as usual.
        return self._inline.enqueue(replace(task, run_after=None), args, kwargs)
