"""The page cache's periodic job: view counts waiting in the cache reach the database."""

from lanting.jobs.queue import job
from lanting.pagecache import counters


@job(attempts=3, backoff=10)
def flush_views() -> dict[str, int]:
    return counters.flush_all()
