"""The forum's periodic job: read positions waiting in Redis reach the database."""

from lanting.forum import reading
from lanting.jobs.queue import job


@job(attempts=3, backoff=10)
def flush_read_marks() -> int:
    return reading.flush()
