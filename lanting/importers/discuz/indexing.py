"""The search index, written as the run writes: what a batch touched is indexed with it.

A batch and its documents commit together, so the index never lags the rows,
an interrupted run leaves no written row unindexed, and the next run indexes
only what it writes again (new or changed rows). The documents are the ones
the apps build for their own writes (their ``search_documents`` modules).

A thread's document holds its first post, which the posts step writes after
the threads step: a thread is indexed again when its first post is written.
"""

import time
from collections.abc import Iterable, Iterator

from lanting.accounts.models import User
from lanting.accounts.search_documents import member_document
from lanting.forum.models import Post, Thread
from lanting.forum.search_documents import post_document, thread_document
from lanting.importers.discuz.bulk import insert_objects
from lanting.importers.discuz.run import RunState
from lanting.portal.models import Article
from lanting.portal.search_documents import article_document
from lanting.search.documents import SearchDocument, in_chunks
from lanting.search.services import index_documents


def index_members(run: RunState, member_ids: Iterable[int]) -> None:
    ids = list(member_ids)
    if run.dry_run or not ids:
        return
    started = time.monotonic()
    index_documents(
        (member_document(m) for m in User.objects.filter(pk__in=ids)),
        segment=run.segment,
        insert=insert_objects,
        start=run.start,
    )
    run.index_seconds += time.monotonic() - started


def index_threads(run: RunState, thread_ids: Iterable[int]) -> None:
    """Threads written by the run, with their replies: a reply shows its thread's title."""
    ids = list(thread_ids)
    if run.dry_run or not ids:
        return
    started = time.monotonic()
    index_documents(
        _thread_documents(ids), segment=run.segment, insert=insert_objects, start=run.start
    )
    run.index_seconds += time.monotonic() - started


def _thread_documents(ids: list[int]) -> Iterator[SearchDocument]:
    threads = {t.pk: t for t in Thread.objects.filter(pk__in=ids).select_related("board")}
    firsts = {p.thread_id: p for p in Post.objects.filter(thread_id__in=ids, position=1)}
    for thread in threads.values():
        yield thread_document(thread, firsts.get(thread.pk))
    # None yet on a first run: the posts come after the threads.
    for chunk in in_chunks(Post.objects.filter(thread_id__in=ids, position__gt=1)):
        yield from (post_document(post, threads[post.thread_id]) for post in chunk)


def index_posts(run: RunState, posts: Iterable[Post]) -> None:
    """Posts written by the run: a first post is searched as part of its thread.

    The posts as the batch holds them (not read again); their threads once each.
    """
    written = list(posts)
    if run.dry_run or not written:
        return
    started = time.monotonic()
    threads = {
        thread.pk: thread
        for thread in Thread.objects.filter(
            pk__in={post.thread_id for post in written}
        ).select_related("board")
    }
    index_documents(
        (
            thread_document(threads[post.thread_id], post)
            if post.position == 1
            else post_document(post, threads[post.thread_id])
            for post in written
        ),
        segment=run.segment,
        insert=insert_objects,
        start=run.start,
    )
    run.index_seconds += time.monotonic() - started


def index_articles(run: RunState, article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    if run.dry_run or not ids:
        return
    started = time.monotonic()
    articles = Article.objects.filter(pk__in=ids).select_related("category", "publisher")
    index_documents(
        (article_document(a) for a in articles),
        segment=run.segment,
        insert=insert_objects,
        start=run.start,
    )
    run.index_seconds += time.monotonic() - started
