"""Periodic jobs, from one schedule in the code: no crontab to write.

A chain of ``tick`` jobs (each enqueues the next a few seconds later) claims the
periodic jobs that are due with one UPDATE each, so with several workers on several
nodes each periodic job is still enqueued once. ``lanting worker`` starts the chain;
a newer chain retires the older one.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError
from django.utils import timezone
from django.utils.module_loading import import_string

from lanting.jobs.models import ScheduledRun
from lanting.jobs.queue import job

TICK = dt.timedelta(seconds=5)
TICK_KEY = "lanting:jobs:tick"


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # the dotted path of a job
    every: dt.timedelta


PERIODIC = [
    Periodic("flush-views", "lanting.pagecache.jobs.flush_views", dt.timedelta(seconds=30)),
    Periodic("flush-read-marks", "lanting.forum.jobs.flush_read_marks", dt.timedelta(seconds=30)),
    Periodic(
        "lift-expired-bans", "lanting.moderation.jobs.lift_expired_bans", dt.timedelta(minutes=5)
    ),
    Periodic("clear-sessions", "lanting.jobs.housekeeping.clear_sessions", dt.timedelta(days=1)),
    Periodic("prune-results", "lanting.jobs.housekeeping.prune_results", dt.timedelta(days=1)),
    Periodic("end-polls", "lanting.polls.jobs.announce_ended_polls", dt.timedelta(minutes=1)),
    Periodic("notice-digests", "lanting.notifications.mailing.send_digests", dt.timedelta(hours=1)),
]


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue each periodic job whose time has come; return their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in PERIODIC:
        row = ScheduledRun.objects.filter(name=periodic.name).first()
        if row is None:
            try:
                row = ScheduledRun.objects.create(name=periodic.name, next_run_at=now)
            except IntegrityError:  # another node made it first
                continue
        if row.next_run_at > now:
            continue
        claimed = ScheduledRun.objects.filter(
            name=periodic.name, next_run_at=row.next_run_at
        ).update(next_run_at=now + periodic.every, last_run_at=now)
        if claimed:
            import_string(periodic.task).enqueue()
            enqueued.append(periodic.name)
    return enqueued


@job(attempts=1)
def tick(token: str) -> list[str]:
    """Enqueue what is due, then the next tick (unless a newer chain has started)."""
    if cache.get(TICK_KEY) != token:
        return []
    due = enqueue_due()
    tick.using(run_after=timezone.now() + TICK).enqueue(token)
    return due


def start_ticking() -> str:
    token = uuid.uuid4().hex
    cache.set(TICK_KEY, token, None)
    tick.enqueue(token)
    return token
