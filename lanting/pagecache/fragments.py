"""Rendered pieces of pages (a thread's posts, say) kept in the cache for members.

Members' pages cannot come whole from the page cache: each shows its reader's
name, forms and rights. The costly middle of such a page is the same for many
readers, though, so it is rendered once per variant and kept with the version
of each tag it shows (see ``pagetags``); a ``touch`` of any of them renders it
afresh on its next request. A hit costs two cache round trips.
"""

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.cache import cache

from lanting.pagecache.redispages import redis_pages
from lanting.pagecache.shared import shared_cache
from lanting.pagecache.tags import render_started, versions

T = TypeVar("T")
FRAGMENT_SECONDS = 3600  # a safety net only: tags renew fragments long before


@dataclass(frozen=True)
class Fragment:
    html: str
    tags: list[str]  # what it shows: a touch of any renders it afresh
    facts: dict[str, Any] = field(default_factory=dict)  # what its caller wants to know of it


@dataclass(frozen=True)
class _Kept(Generic[T]):
    value: T
    versions: dict[str, int]  # of its tags, when it was kept


def cached_fragment(key: str, render: Callable[[], Fragment]) -> Fragment:
    """The fragment under ``key``, from the cache while its tags are unchanged."""

    def make() -> tuple[Fragment, list[str]]:
        fragment = render()
        return fragment, fragment.tags

    return cached_object(f"fragment:v3:{key}", make)


def cached_object(key: str, make: Callable[[], tuple[T, list[str]]]) -> T:
    """What ``make`` returns (a value and the tags of what it holds), kept while those tags stand.

    A hit costs two cache round trips: the value, then its tags' versions. With
    Redis, the worker also keeps what it read (``pagecache.near``) until Redis
    says one of those tags changed: then a hit costs none.
    """
    pages = redis_pages()
    near = pages.near() if pages is not None else None
    read_at = 0
    if near is not None:
        found = near.get(key, [])
        if found is not None:
            kept: T = pickle.loads(found[0].entry["body"])  # noqa: S301  (our own cache)
            return kept
        read_at = near.epoch()
    entry = cache.get(key)
    if isinstance(entry, _Kept):
        current = shared_cache().get_many([f"tag:{t}" for t in entry.versions])
        if all(current.get(f"tag:{t}") == v for t, v in entry.versions.items()):
            if pages is not None and near is not None:
                body = {"body": pickle.dumps(entry.value)}
                near.put(key, body, pages.tag_keys(entry.versions), 0, {}, read_at)
            value: T = entry.value
            return value
    started = render_started()
    made, tags = make()
    current_versions, new = versions(tags)
    # Something it holds changed while it was being made: keep no copy.
    if all(v < started for tag, v in current_versions.items() if tag not in new):
        cache.set(key, _Kept(made, current_versions), FRAGMENT_SECONDS)
    return made
