"""Forum threads (title and first post) and replies as search documents.

Only what every reader of the board may read is indexed: the public HTML of
a post (a [hide] part stays hidden), nothing in the recycle bin. Which boards
a reader may not view is asked at search time, through ``register_visibility``.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from lanting.forum import permissions
from lanting.forum.models import Board, Post, Thread
from lanting.jobs.queue import enqueue_after_write, job
from lanting.markup.text import html_to_text
from lanting.search.documents import (
    Kind,
    SearchDocument,
    in_chunks,
    register_board_choices,
    register_source,
    register_visibility,
)
from lanting.search.services import (
    index_documents,
    move_documents,
    remove_document,
    remove_documents,
)


def thread_document(thread: Thread, first_post: Post | None) -> SearchDocument:
    return SearchDocument(
        kind=Kind.THREAD,
        object_id=thread.pk,
        title=thread.title,
        body=html_to_text(first_post.body_html) if first_post else "",
        url=thread.get_absolute_url(),
        author_name=thread.author_name,
        board_id=thread.board_id,
        created_at=thread.created_at,
        visible=not thread.is_deleted and first_post is not None and not first_post.is_deleted,
        context=thread.board.name,
    )


def post_document(post: Post, thread: Thread) -> SearchDocument:
    """A reply. The first post is searched as part of its thread, so it is never one."""
    return SearchDocument(
        kind=Kind.POST,
        object_id=post.pk,
        title="",
        body=html_to_text(post.body_html),
        url=post.get_absolute_url(),
        author_name=post.author_name,
        board_id=thread.board_id,
        created_at=post.created_at,
        visible=not post.is_deleted and not thread.is_deleted and post.position > 1,
        context=thread.title,
    )


def index_thread(thread_id: int, *, with_replies: bool = False) -> None:
    """After a thread is created, its first post edited, or it is deleted or restored.

    ``with_replies``: its replies follow too (deleted, restored, moved, renamed, merged
    into, split). What leaves search (a deleted thread, a move to another board) is done
    now; cutting text into index terms is the worker's job (``reindex_thread``).
    """
    thread = Thread.objects.filter(pk=thread_id).only("pk", "is_deleted", "board_id").first()
    if thread is None:
        forget_thread(thread_id)
        return
    if thread.is_deleted:
        index_thread_now(thread_id, with_replies=with_replies)  # removals only: no text to cut
        return
    if with_replies:
        move_documents(Kind.THREAD, [thread.pk], board_id=thread.board_id)
        replies = Post.objects.filter(thread=thread).values_list("pk", flat=True)
        move_documents(Kind.POST, replies, board_id=thread.board_id)
    enqueue_after_write(reindex_thread, thread_id, with_replies)


@job(attempts=5, backoff=30)
def reindex_thread(thread_id: int, with_replies: bool = False) -> None:
    index_thread_now(thread_id, with_replies=with_replies)


def index_thread_now(thread_id: int, *, with_replies: bool = False) -> None:
    """Index a thread (and its replies) as its rows are now: unchanged replies cost nothing."""
    thread = Thread.objects.select_related("board").filter(pk=thread_id).first()
    if thread is None:
        forget_thread(thread_id)
        return
    first = Post.objects.filter(thread=thread, position=1).first()
    docs: list[SearchDocument] = [thread_document(thread, first)]
    if not with_replies:
        index_documents(docs)
        return
    posts = Post.objects.filter(thread=thread)
    if thread.is_deleted:
        index_documents(docs)
        remove_documents(Kind.POST, posts.values_list("pk", flat=True))
        return
    index_documents(_with_replies(docs, thread, posts))


def _with_replies(
    docs: list[SearchDocument], thread: Thread, posts: QuerySet[Post]
) -> Iterator[SearchDocument]:
    yield from docs
    for chunk in in_chunks(posts):
        yield from (post_document(post, thread) for post in chunk)


def index_new_reply(post: Post, thread: Thread) -> None:
    """A reply just written: the worker indexes it."""
    enqueue_after_write(reindex_posts, [post.pk])


def index_post(post_id: int, *, title_changed: bool = False) -> None:
    """After a post is written, edited, deleted or restored (the first post: its thread).

    A post that is gone or hidden leaves search now; one to be shown is indexed by the worker.
    """
    post = (
        Post.objects.select_related("thread")
        .filter(pk=post_id)
        .only("pk", "position", "is_deleted", "thread_id", "thread__is_deleted")
        .first()
    )
    if post is None:
        remove_document(Kind.POST, post_id)
        return
    if post.position == 1:
        index_thread(post.thread_id, with_replies=title_changed)
        remove_document(Kind.POST, post.pk)  # it may have been a reply before a split
        return
    if post.is_deleted or post.thread.is_deleted:
        remove_document(Kind.POST, post.pk)
        return
    enqueue_after_write(reindex_posts, [post.pk])


@job(attempts=5, backoff=30)
def reindex_posts(post_ids: list[int]) -> None:
    index_posts_now(post_ids)


def index_posts_now(post_ids: list[int]) -> None:
    """Index replies as their rows are now (a hidden or deleted one leaves the index)."""
    posts = {
        post.pk: post
        for post in Post.objects.select_related("thread", "thread__board").filter(pk__in=post_ids)
    }
    gone = [pk for pk in post_ids if pk not in posts]
    if gone:
        remove_documents(Kind.POST, gone)
    firsts = [post.thread_id for post in posts.values() if post.position == 1]
    if firsts:  # split off to head a thread of its own since it was queued
        remove_documents(Kind.POST, [p.pk for p in posts.values() if p.position == 1])
        for thread_id in sorted(set(firsts)):
            index_thread_now(thread_id)
    index_documents(post_document(post, post.thread) for post in posts.values())


def forget_thread(thread_id: int) -> None:
    """A thread row that is gone (merged away); its posts live on elsewhere."""
    remove_document(Kind.THREAD, thread_id)


def threads(*, containing: str | None = None) -> Iterator[SearchDocument]:
    rows = Thread.objects.filter(is_deleted=False).select_related("board")
    if containing:
        first_has_it = Post.objects.filter(
            thread=OuterRef("pk"), position=1, body__icontains=containing
        )
        rows = rows.filter(Q(title__icontains=containing) | Exists(first_has_it))
    for chunk in in_chunks(rows):
        firsts = {
            p.thread_id: p
            for p in Post.objects.filter(thread__in=[t.pk for t in chunk], position=1)
        }
        for thread in chunk:
            doc = thread_document(thread, firsts.get(thread.pk))
            if doc.visible:
                yield doc


def replies(*, containing: str | None = None) -> Iterator[SearchDocument]:
    rows = Post.objects.filter(
        is_deleted=False, thread__is_deleted=False, position__gt=1
    ).select_related("thread")
    if containing:
        rows = rows.filter(body__icontains=containing)
    for chunk in in_chunks(rows):
        yield from (post_document(post, post.thread) for post in chunk)


def count_threads() -> int:
    return Thread.objects.filter(is_deleted=False).count()


def count_replies() -> int:
    return Post.objects.filter(is_deleted=False, thread__is_deleted=False, position__gt=1).count()


def hidden_boards(reader: Any) -> set[int]:
    return permissions.hidden_board_ids(reader)


def board_choices(reader: Any) -> list[tuple[int, str]]:
    hidden = permissions.hidden_board_ids(reader)
    boards = Board.objects.order_by("section__order", "order", "pk").values_list("pk", "name")
    return [(pk, name) for pk, name in boards if pk not in hidden]


def connect() -> None:
    register_source(Kind.THREAD, threads, count=count_threads)
    register_source(Kind.POST, replies, count=count_replies)
    register_visibility(hidden_boards)
    register_board_choices(board_choices)
