"""Rendered pieces of pages (a thread's posts, say) kept in the cache for members.

Members' pages cannot come whole from the page cache: each shows its reader's
name, forms and rights. The costly middle of such a page is the same for many
readers, though, so it is rendered once per variant and kept with the version
of each tag it shows (see ``pagetags``); a ``touch`` of any of them renders it
afresh on its next request. A hit costs two cache round trips.
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from lanting.core.pagetags import versions

FRAGMENT_SECONDS = 3600  # a safety net only: tags renew fragments long before


def cached_fragment(key: str, render: Callable[[], tuple[str, list[str]]]) -> str:
    """The fragment under ``key``; ``render`` makes it anew as (html, the tags it shows)."""
    entry: dict[str, Any] | None = cache.get(f"fragment:{key}")
    if entry is not None:
        shown: dict[str, int] = entry["versions"]
        current = cache.get_many(list(shown))
        if all(current.get(tag_key) == version for tag_key, version in shown.items()):
            return str(entry["html"])
    started = time.time_ns()
    html, tags = render()
    current_versions, new = versions(tags)
    # Something it shows changed while it was being rendered: keep no copy.
    if all(v < started for tag, v in current_versions.items() if tag not in new):
        entry = {"html": html, "versions": {f"tag:{t}": v for t, v in current_versions.items()}}
        cache.set(f"fragment:{key}", entry, FRAGMENT_SECONDS)
    return html
