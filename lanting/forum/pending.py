"""Who has posts waiting for review in a thread, so their author sees them there.

Pending posts are off the shared thread page; their authors get the page made for them
alone. Knowing whether a reader is one of those must cost no query on every thread
view, so the thread's waiting authors are kept in the cache (read from the rows once
when missing) and refreshed whenever a post is held, approved or rejected. The kept
thread row (``selectors.thread_for``) carries them too, so a thread view asks nothing:
refreshing them makes that row stale.
"""

from typing import Any

from django.core.cache import cache
from django.db import transaction

from lanting.forum.models import Post, Thread
from lanting.pagecache.tags import touch

KEY = "forum:own-pending:{thread}"


def _read(thread_id: int) -> set[int]:
    authors = set(
        Post.objects.filter(thread_id=thread_id, awaiting_review=True)
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    thread = Thread.objects.filter(pk=thread_id, awaiting_review=True).first()
    if thread is not None and thread.author_id:
        authors.add(thread.author_id)
    return authors


def note_own_pending(thread_id: int) -> None:
    """Re-read the thread's waiting authors (after a post is held, approved or rejected)."""
    cache.set(KEY.format(thread=thread_id), sorted(_read(thread_id)), None)
    touch(f"thread:{thread_id}")  # the kept row's copy of them; again once it commits
    transaction.on_commit(lambda: touch(f"thread:{thread_id}"))


def waiting_authors(thread_id: int) -> list[int]:
    """Who has posts (or the thread itself) waiting for review in the thread."""
    authors: list[int] | None = cache.get(KEY.format(thread=thread_id))
    if authors is None:
        authors = sorted(_read(thread_id))
        cache.set(KEY.format(thread=thread_id), authors, None)
    return authors


def has_own_pending(viewer_id: int | None, thread: Any) -> bool:
    """``thread``: a Thread (the kept row answers without a cache read) or its id."""
    if viewer_id is None:
        return False
    kept = getattr(thread, "waiting_authors", None)
    if kept is not None:
        return viewer_id in kept
    return viewer_id in waiting_authors(thread if isinstance(thread, int) else thread.pk)
