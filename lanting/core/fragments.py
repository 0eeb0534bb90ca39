"""Rendered pieces of pages (a thread's posts, say) kept in the cache for members.

Members' pages cannot come whole from the page cache: each shows its reader's
name, forms and rights. The costly middle of such a page is the same for many
readers, though, so it is rendered once per variant and kept with the version
of each tag it shows (see ``pagetags``); a ``touch`` of any of them renders it
afresh on its next request. A hit costs two cache round trips.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache

from lanting.core.pagetags import versions

FRAGMENT_SECONDS = 3600  # a safety net only: tags renew fragments long before


@dataclass(frozen=True)
class Fragment:
    html: str
    tags: list[str]  # what it shows: a touch of any renders it afresh
    facts: dict[str, Any] = field(default_factory=dict)  # what its caller wants to know of it
    versions: dict[str, int] = field(default_factory=dict)  # of its tags, when it was kept


def cached_fragment(key: str, render: Callable[[], Fragment]) -> Fragment:
    """The fragment under ``key``, from the cache while its tags are unchanged."""
    entry = cache.get(f"fragment:v2:{key}")
    if isinstance(entry, Fragment):
        current = cache.get_many([f"tag:{t}" for t in entry.tags])
        if all(current.get(f"tag:{t}") == entry.versions.get(t) for t in entry.tags):
            return entry
    started = time.time_ns()
    fragment = render()
    current_versions, new = versions(fragment.tags)
    # Something it shows changed while it was being rendered: keep no copy.
    if all(v < started for tag, v in current_versions.items() if tag not in new):
        kept = Fragment(fragment.html, fragment.tags, fragment.facts, current_versions)
        cache.set(f"fragment:v2:{key}", kept, FRAGMENT_SECONDS)
    return fragment
