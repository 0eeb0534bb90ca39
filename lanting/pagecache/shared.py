"""The cache every worker process of a site shares: tag versions and values read per request.

With Redis it is the same Redis as the default cache. In the embedded default the default
cache lives in each worker's memory, so what says a kept copy is stale (a tag's version) and
what every request reads (site chrome, board rules, groups, IP bans) lives on disk instead,
where a change made through one worker is seen by the next request of every other.
"""

from django.core.cache import BaseCache, caches

SHARED = "shared"


def shared_cache() -> BaseCache:
    return caches[SHARED]
