"""``@job``: a task of Django's Tasks API that is tried again, later each time, when it fails."""

import datetime as dt
import functools
import logging
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks.base import Task

logger = logging.getLogger("lanting.jobs")

T = TypeVar("T")
BACKOFF_CAP = dt.timedelta(hours=1)


def retry_delay(attempt: int, backoff: float) -> dt.timedelta:
    """The wait after failed attempt ``attempt``: backoff, then double each time, up to an hour."""
    return min(dt.timedelta(seconds=backoff * 2 ** (attempt - 1)), BACKOFF_CAP)


def job(
    *, attempts: int = 5, backoff: float = 30, queue_name: str = "default", priority: int = 0
) -> Callable[[Callable[..., T]], Task[Any, T]]:
    """Declare a background job: ``name.enqueue(...)`` runs it on the worker.

    Arguments must be JSON values. A failure is tried again after ``backoff`` seconds,
    then twice that, and so on, ``attempts`` times in all; the last failure is kept as a
    ``FailedJob`` for the admin.
    """

    def decorate(function: Callable[..., T]) -> Task[Any, T]:
        @functools.wraps(function)
        def attempt(*args: Any, _attempt: int = 1, **kwargs: Any) -> T:
            try:
                return function(*args, **kwargs)
            except Exception as error:
                _failed(the_task, args, kwargs, _attempt, attempts, backoff, error)
                raise

        the_task: Task[Any, T] = task(priority=priority, queue_name=queue_name)(attempt)
        return the_task

    return decorate


def _failed(
    the_task: Task[Any, Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    attempt: int,
    attempts: int,
    backoff: float,
    error: Exception,
) -> None:
    path = the_task.module_path
    if attempt < attempts and the_task.get_backend().supports_defer:
        delay = retry_delay(attempt, backoff)
        logger.warning(
            "job %s failed (attempt %d of %d), again in %s: %r",
            path,
            attempt,
            attempts,
            delay,
            error,
        )
        later = the_task.using(run_after=timezone.now() + delay)
        later.enqueue(*args, _attempt=attempt + 1, **kwargs)
        return
    from lanting.jobs.models import FailedJob

    logger.error("job %s failed for good after %d attempts: %r", path, attempt, error)
    FailedJob.objects.create(
        task_path=path,
        args=list(args),
        kwargs=kwargs,
        attempts=attempt,
        error=repr(error)[:2000],
        traceback=traceback.format_exc()[-20000:],
    )


def enqueue_on_commit(the_task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue once the current transaction commits (never for a write that was undone)."""
    transaction.on_commit(lambda: the_task.enqueue(*args, **kwargs))


def enqueue_after_write(the_task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Work that follows a write (search indexing, thumbnails): queued once it commits.

    With the immediate backend (``LANTING_JOBS=immediate``, and the test suite) the job
    runs at once, inside the write's own transaction, so it sees the write and a reader
    sees its effect as soon as the write is done, as the queue would have it soon after.
    """
    if backend_kind() == "immediate":
        the_task.enqueue(*args, **kwargs)
    else:
        enqueue_on_commit(the_task, *args, **kwargs)


KINDS = {
    "DatabaseBackend": "database",
    "RQBackend": "redis",
    "FallbackRQBackend": "redis",
    "ImmediateBackend": "immediate",
}


def backend_kind() -> str:
    """Where jobs wait: "database", "redis", "immediate" (or another backend's class name)."""
    name = type(task_backends["default"]).__name__
    return KINDS.get(name, name)
