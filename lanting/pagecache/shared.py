"""The cache that holds tag versions and the values every request reads.

It is the default cache: Redis, shared by every worker, or in the embedded default each
worker's own memory, which ``changes`` keeps in step across the worker processes.
"""

from django.core.cache import BaseCache, caches


def shared_cache() -> BaseCache:
    return caches["default"]
