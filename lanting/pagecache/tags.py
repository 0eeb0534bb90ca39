"""Versions of what pages show ("thread:12", "board:3", "chrome"), kept in the cache."""

import time

from django.conf import settings

from lanting.pagecache.changes import publish
from lanting.pagecache.redispages import redis_pages
from lanting.pagecache.shared import shared_cache


def touch(*tags: str) -> None:
    """What these tags name has changed: pages that show it are rendered afresh."""
    if tags:
        stamp = time.time_ns()
        keys = {f"tag:{tag}": stamp for tag in tags}
        shared_cache().set_many(keys, None)
        publish(dict(keys))  # the other worker processes of the embedded default
        pages = redis_pages()
        if pages is not None:  # this worker's own copies go at once, not when Redis says so
            pages.touched_keys(keys)


def versions(tags: list[str]) -> tuple[dict[str, int], set[str]]:
    """Each tag's version, and which tags had none (they get one now, newer than any page)."""
    shared = shared_cache()
    found = shared.get_many([f"tag:{t}" for t in tags])
    result = {t: found.get(f"tag:{t}") for t in tags}
    missing = {t for t, v in result.items() if v is None}
    if missing:  # evicted or never touched: a version from now on, so no old page matches
        stamp = time.time_ns()
        added = {f"tag:{tag}": stamp for tag in missing if shared.add(f"tag:{tag}", stamp, None)}
        # The other workers of the embedded default take this version too, so a page
        # has one version (and one ETag) whichever worker renders it.
        publish(dict(added))
        again = shared.get_many([f"tag:{t}" for t in missing])
        result.update({t: again.get(f"tag:{t}", stamp) for t in missing})
    return {t: int(v or 0) for t, v in result.items()}, missing


def render_started() -> int:
    """When a page or fragment being made now read what it shows, as tag versions count.

    With a read replica (``LANTING_REPLICA_LAG_SECONDS``) what it read may be that long
    behind: a change made in that window may be missing from it, so it counts as made
    then, and a copy of it is not kept (the next request, reading fresher rows, keeps one).
    """
    return time.time_ns() - int(settings.LANTING_REPLICA_LAG_SECONDS * 1_000_000_000)
