"""Moderators' actions on threads and posts, each logged; repairs of the counters."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts import permissions as member_permissions
from lanting.accounts.models import User
from lanting.forum import permissions, search_documents
from lanting.forum.models import Board, Post, Thread, ThreadType
from lanting.forum.services.posting import clean_text, touch_threads
from lanting.moderation.services import log_action
from lanting.notifications.models import Notification
from lanting.notifications.services import notify
from lanting.pagecache.tags import touch


def _refresh_board_last_post(board_id: int) -> None:
    latest = (
        Thread.objects.filter(board_id=board_id, is_deleted=False)
        .order_by("-last_post_at", "-pk")
        .first()
    )
    Board.objects.filter(pk=board_id).update(
        last_thread=latest,
        last_thread_title=latest.title if latest else "",
        last_poster_name=latest.last_poster_name if latest else "",
        last_post_at=latest.last_post_at if latest else None,
    )


def _refresh_thread_last_post(thread_id: int) -> None:
    # By time, not by floor: merged threads put older posts on higher floors.
    last = (
        Post.objects.filter(thread_id=thread_id, is_deleted=False)
        .order_by("-created_at", "-position")
        .first()
    )
    if last is not None:
        Thread.objects.filter(pk=thread_id).update(
            last_post_at=last.created_at, last_poster_name=last.author_name
        )


def ensure_moderator(user: User, board: Board) -> None:
    if not permissions.is_board_moderator(user, board):
        raise PermissionDenied(_("Only this board's moderators may do this."))


@transaction.atomic
def delete_post(*, post: Post, actor: User, reason: str = "") -> None:
    """Into the recycle bin. The first post takes its whole thread along."""
    own = post.author_id == actor.pk and not post.is_first
    if not own:
        ensure_moderator(actor, post.thread.board)
    if post.is_first:
        delete_thread(thread=post.thread, moderator=actor, reason=reason)
        return
    changed = Post.objects.filter(pk=post.pk, is_deleted=False).update(
        is_deleted=True, deleted_at=timezone.now(), deleted_by=actor
    )
    if not changed:
        return
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") - 1)
    if not post.thread.is_deleted:  # a recycled thread's posts are already off the board
        Board.objects.filter(pk=post.thread.board_id).update(post_count=F("post_count") - 1)
    _refresh_thread_last_post(post.thread_id)
    _refresh_board_last_post(post.thread.board_id)
    log_action(
        actor=actor, action="delete_post", member=post.author, target=str(post), detail=reason
    )
    notify(
        recipients=[post.author_id],
        kind=Notification.Kind.POST_REMOVED,
        actor=actor,
        subject=post.thread.title,
        url=post.thread.get_absolute_url(),
        group_key=f"removed:post:{post.pk}",
        text=reason,
    )
    touch_threads(post.thread)
    search_documents.index_post(post.pk)


@transaction.atomic
def restore_post(*, post: Post, moderator: User) -> None:
    ensure_moderator(moderator, post.thread.board)
    if post.is_first:
        restore_thread(thread=post.thread, moderator=moderator)
        return
    # What waits for review is published by approval in the queue, not restored here.
    changed = Post.objects.filter(pk=post.pk, is_deleted=True, awaiting_review=False).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    if not changed:
        return
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
    if not post.thread.is_deleted:
        Board.objects.filter(pk=post.thread.board_id).update(post_count=F("post_count") + 1)
    _refresh_thread_last_post(post.thread_id)
    _refresh_board_last_post(post.thread.board_id)
    log_action(actor=moderator, action="restore_post", member=post.author, target=str(post))
    touch_threads(post.thread)
    search_documents.index_post(post.pk)


def _live_posts(thread: Thread) -> int:
    return Post.objects.filter(thread=thread, is_deleted=False).count()


@transaction.atomic
def delete_thread(*, thread: Thread, moderator: User, reason: str = "") -> None:
    ensure_moderator(moderator, thread.board)
    changed = Thread.objects.filter(pk=thread.pk, is_deleted=False).update(
        is_deleted=True, deleted_at=timezone.now(), deleted_by=moderator
    )
    if not changed:
        return
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - _live_posts(thread)
    )
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="delete_thread",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=reason,
    )
    notify(
        recipients=[thread.author_id],
        kind=Notification.Kind.THREAD_REMOVED,
        actor=moderator,
        subject=thread.title,
        url=thread.board.get_absolute_url(),
        group_key=f"removed:thread:{thread.pk}",
        text=reason,
    )
    touch_threads(thread)
    search_documents.index_thread(thread.pk, with_replies=True)


@transaction.atomic
def restore_thread(*, thread: Thread, moderator: User) -> None:
    ensure_moderator(moderator, thread.board)
    changed = Thread.objects.filter(pk=thread.pk, is_deleted=True, awaiting_review=False).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    if not changed:
        return
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + _live_posts(thread)
    )
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="restore_thread",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
    )
    touch_threads(thread)
    search_documents.index_thread(thread.pk, with_replies=True)


def _set(thread: Thread, moderator: User, action: str, **values: Any) -> None:
    ensure_moderator(moderator, thread.board)
    if values.get("sticky") == Thread.Sticky.GLOBAL and not member_permissions.is_moderator(
        moderator
    ):
        raise PermissionDenied(_("Only super moderators may stick a thread everywhere."))
    Thread.objects.filter(pk=thread.pk).update(**values)
    for key, value in values.items():
        setattr(thread, key, value)
    log_action(
        actor=moderator,
        action=action,
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=str(values),
    )
    touch_threads(thread)


def stick_thread(*, thread: Thread, moderator: User, level: int) -> None:
    if level not in Thread.Sticky.values:
        raise ValidationError(_("Unknown sticky level."))
    _set(thread, moderator, "stick", sticky=level)


def digest_thread(*, thread: Thread, moderator: User, level: int) -> None:
    if not 0 <= level <= 3:
        raise ValidationError(_("Digest levels go from 0 to 3."))
    _set(thread, moderator, "digest", digest=level)


def close_thread(*, thread: Thread, moderator: User, closed: bool = True) -> None:
    _set(thread, moderator, "close" if closed else "open", is_closed=closed)


@transaction.atomic
def move_thread(
    *, thread: Thread, moderator: User, board: Board, thread_type: ThreadType | None = None
) -> None:
    """Into another board, with one of that board's thread types (or none)."""
    ensure_moderator(moderator, thread.board)
    ensure_moderator(moderator, board)
    if board.pk == thread.board_id:
        return
    if thread_type is not None and thread_type.board_id != board.pk:
        raise ValidationError(_("Choose one of the new board's thread types."))
    old = thread.board_id
    live = 0 if thread.is_deleted else _live_posts(thread)
    threads = 0 if thread.is_deleted else 1
    Thread.objects.filter(pk=thread.pk).update(
        board=board, moved_from_id=old, thread_type=thread_type
    )
    Board.objects.filter(pk=old).update(
        thread_count=F("thread_count") - threads, post_count=F("post_count") - live
    )
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + threads, post_count=F("post_count") + live
    )
    _refresh_board_last_post(old)
    _refresh_board_last_post(board.pk)
    thread.board, thread.moved_from_id = board, old
    log_action(
        actor=moderator,
        action="move",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=f"{old} -> {board.pk}" + (f" ({thread_type.name})" if thread_type else ""),
    )
    touch_threads(thread, boards=(old,))
    search_documents.index_thread(thread.pk, with_replies=True)


@transaction.atomic
def delete_posts(
    *, thread: Thread, post_ids: Sequence[int], moderator: User, reason: str = ""
) -> int:
    """The ticked replies of one thread into the recycle bin, each logged, all or nothing."""
    ensure_moderator(moderator, thread.board)
    posts = list(
        Post.objects.filter(thread=thread, pk__in=post_ids, is_deleted=False)
        .exclude(position=1)
        .select_related("thread", "thread__board", "author")
    )
    if not posts:
        raise ValidationError(
            _("Tick the replies to act on first (the first post goes with its thread).")
        )
    for post in posts:
        delete_post(post=post, actor=moderator, reason=reason)
    return len(posts)


BULK_ACTIONS = ("close", "open", "stick", "unstick", "digest", "undigest", "move", "delete")
BULK_MAX = 100  # threads one bulk action takes (a board page holds 30)


@transaction.atomic
def bulk_moderate(
    *,
    threads: Sequence[Thread],
    moderator: User,
    action: str,
    board: Board | None = None,
    reason: str = "",
) -> int:
    """One action on many ticked threads, each logged as if done alone; all or nothing."""
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Choose what to do with the ticked threads."))
    if not threads:
        raise ValidationError(_("Tick the threads to act on first."))
    if len(threads) > BULK_MAX:
        raise ValidationError(_("At most %(max)s threads at a time.") % {"max": BULK_MAX})
    if action == "move" and board is None:
        raise ValidationError(_("Choose the board to move the threads to."))
    for thread in threads:
        if action in {"close", "open"}:
            close_thread(thread=thread, moderator=moderator, closed=action == "close")
        elif action in {"stick", "unstick"}:
            level = Thread.Sticky.BOARD if action == "stick" else Thread.Sticky.NONE
            stick_thread(thread=thread, moderator=moderator, level=level)
        elif action in {"digest", "undigest"}:
            digest_thread(thread=thread, moderator=moderator, level=1 if action == "digest" else 0)
        elif action == "move" and board is not None:
            move_thread(thread=thread, moderator=moderator, board=board)
        elif action == "delete" and not thread.is_deleted:
            delete_thread(thread=thread, moderator=moderator, reason=reason)
    return len(threads)


@transaction.atomic
def merge_threads(*, source: Thread, target: Thread, moderator: User) -> Thread:
    """Append every post of ``source`` to ``target`` in time order; ``source`` goes away."""
    ensure_moderator(moderator, source.board)
    ensure_moderator(moderator, target.board)
    if source.pk == target.pk:
        raise ValidationError(_("Choose another thread to merge with."))
    locked = Thread.objects.select_for_update().get(pk=target.pk)
    next_position = locked.last_position
    moved = list(Post.objects.filter(thread=source).order_by("position"))
    for post in moved:
        next_position += 1
        Post.objects.filter(pk=post.pk).update(thread=locked, position=next_position)
    live_moved = sum(1 for p in moved if not p.is_deleted)
    Thread.objects.filter(pk=locked.pk).update(
        last_position=next_position, reply_count=F("reply_count") + live_moved
    )
    _refresh_thread_last_post(locked.pk)
    if not source.is_deleted:  # a recycled source was already off its board's counts
        Board.objects.filter(pk=source.board_id).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - live_moved
        )
    if not locked.is_deleted:
        Board.objects.filter(pk=locked.board_id).update(post_count=F("post_count") + live_moved)
    Thread.objects.filter(pk=source.pk).delete()
    _refresh_board_last_post(source.board_id)
    _refresh_board_last_post(locked.board_id)
    log_action(actor=moderator, action="merge", target=f"thread:{source.pk} -> {locked.pk}")
    touch_threads(source, locked)
    search_documents.forget_thread(source.pk)
    search_documents.index_thread(locked.pk, with_replies=True)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def split_thread(*, thread: Thread, post_ids: Sequence[int], title: str, moderator: User) -> Thread:
    """Move the chosen replies into a new thread of the same board."""
    ensure_moderator(moderator, thread.board)
    title, _body = clean_text(title, "-")
    posts = list(
        Post.objects.filter(thread=thread, pk__in=post_ids, position__gt=1).order_by("position")
    )
    if not posts:
        raise ValidationError(_("Choose the replies to move (not the first post)."))
    first = posts[0]
    new = Thread.objects.create(
        board=thread.board,
        title=title,
        author=first.author,
        author_name=first.author_name,
        created_at=first.created_at,
        last_post_at=posts[-1].created_at,
        last_poster_name=posts[-1].author_name,
        last_position=len(posts),
        reply_count=sum(1 for p in posts if not p.is_deleted) - 1,
    )
    for position, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(thread=new, position=position)
    live_moved = sum(1 for p in posts if not p.is_deleted)
    Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - live_moved)
    _refresh_thread_last_post(thread.pk)
    Board.objects.filter(pk=thread.board_id).update(thread_count=F("thread_count") + 1)
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="split",
        target=f"thread:{thread.pk} -> {new.pk}",
        detail=",".join(str(p.pk) for p in posts),
    )
    touch_threads(thread, new)
    search_documents.index_thread(new.pk, with_replies=True)
    return new


def recount_board(board: Board) -> None:
    """Rebuild a board's counters from its rows (after imports or repairs)."""
    threads = Thread.objects.filter(board=board, is_deleted=False)
    posts = Post.objects.filter(thread__board=board, thread__is_deleted=False, is_deleted=False)
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    touch("forum", f"board:{board.pk}")
    Board.objects.filter(pk=board.pk).update(
        thread_count=threads.count(),
        post_count=posts.count(),
        today_posts=posts.filter(created_at__gte=midnight).count(),
        today=today,
    )
    _refresh_board_last_post(board.pk)


def recount_thread(thread: Thread) -> None:
    live = Post.objects.filter(thread=thread, is_deleted=False).count()
    last = Post.objects.filter(thread=thread).aggregate(m=Max("position"))["m"] or 1
    Thread.objects.filter(pk=thread.pk).update(reply_count=max(0, live - 1), last_position=last)
    _refresh_thread_last_post(thread.pk)
