"""Periodic clean-ups."""

import datetime as dt

from django.contrib.sessions.models import Session
from django.utils import timezone

from lanting.jobs.queue import job

KEEP_RESULTS = dt.timedelta(days=7)


@job(attempts=3)
def clear_sessions() -> int:
    """Delete expired sessions kept in the database (what ``clearsessions`` does)."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@job(attempts=3)
def prune_results() -> int:
    """Forget the records of jobs that finished over a week ago (database backend only)."""
    from django_tasks_db.models import DBTaskResult

    finished = ["SUCCESSFUL", "FAILED"]
    old = timezone.now() - KEEP_RESULTS
    deleted, _ = DBTaskResult.objects.filter(status__in=finished, finished_at__lt=old).delete()
    return deleted
