"""Posts and threads held for review: approval publishes them (the counters move then),
rejection leaves them in the recycle bin with a reason. Also what the moderation
queue needs to know of a forum post (``register_targets``)."""

from typing import Any

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import award_credits
from lanting.forum import permissions, search_documents
from lanting.forum.models import Board, Post, Thread
from lanting.forum.pending import note_own_pending
from lanting.forum.services.moderation import (
    _refresh_board_last_post,
    _refresh_thread_last_post,
    delete_post,
    ensure_moderator,
    recount_board,
    recount_thread,
)
from lanting.forum.services.posting import _tell_people, touch_threads
from lanting.markup.text import visible_text
from lanting.moderation import targets
from lanting.moderation.queue import hold_for_review
from lanting.moderation.services import log_action
from lanting.notifications.models import Notification
from lanting.notifications.services import notify


@transaction.atomic
def approve_post(*, post: Post, moderator: User) -> None:
    """Publish a post (or, for a first post, its thread) that waited for review."""
    ensure_moderator(moderator, post.thread.board)
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.is_first and thread.awaiting_review:
        _approve_thread(thread, post, moderator)
    else:
        changed = Post.objects.filter(pk=post.pk, awaiting_review=True).update(
            awaiting_review=False, is_deleted=False
        )
        if not changed:
            return
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
        if not thread.is_deleted:
            Board.objects.filter(pk=thread.board_id).update(
                post_count=F("post_count") + 1, **_one_more_today()
            )
        _refresh_thread_last_post(thread.pk)
        _refresh_board_last_post(thread.board_id)
        if post.author is not None and not _credited(post.author, f"post:{post.pk}"):
            award_credits(
                member=post.author,
                reason=CreditEntry.Reason.REPLY,
                reference=f"post:{post.pk}",
                posts=1,
            )
        post.is_deleted = post.awaiting_review = False
        search_documents.index_post(post.pk)
        if post.author is not None:
            _tell_people(post, thread, post.author)
    log_action(actor=moderator, action="approve_post", member=post.author, target=str(post))
    notify(
        recipients=[post.author_id],
        kind=Notification.Kind.POST_APPROVED,
        actor=moderator,
        subject=thread.title,
        url=post.get_absolute_url(),
        group_key=f"approved:post:{post.pk}",
    )
    note_own_pending(thread.pk)
    touch_threads(thread)


@transaction.atomic
def hold_published_post(*, post: Post, why: str) -> None:
    """Take a published post (a first post: its thread) off the site until it is reviewed.

    The counters go back as a removal moves them; approval moves them again (without
    crediting the author a second time).
    """
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.is_first:
        changed = Thread.objects.filter(pk=thread.pk, is_deleted=False).update(
            is_deleted=True, awaiting_review=True
        )
        if changed:
            live = Post.objects.filter(thread=thread, is_deleted=False).count()
            Board.objects.filter(pk=thread.board_id).update(
                thread_count=F("thread_count") - 1, post_count=F("post_count") - live
            )
            _refresh_board_last_post(thread.board_id)
            search_documents.index_thread(thread.pk, with_replies=True)
    else:
        changed = Post.objects.filter(pk=post.pk, is_deleted=False).update(
            is_deleted=True, awaiting_review=True
        )
        if changed:
            Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
            if not thread.is_deleted:
                Board.objects.filter(pk=thread.board_id).update(post_count=F("post_count") - 1)
            _refresh_thread_last_post(thread.pk)
            _refresh_board_last_post(thread.board_id)
            search_documents.index_post(post.pk)
    if not changed:
        return
    post.refresh_from_db()
    hold_for_review(target=post, why=why)
    note_own_pending(thread.pk)
    touch_threads(thread)


def _credited(member: User | None, reference: str) -> bool:
    return member is None or CreditEntry.objects.filter(member=member, reference=reference).exists()


def _one_more_today() -> dict[str, Any]:
    """A post approved today counts in today's posts (as a post written now would)."""
    today = timezone.localdate()
    return {
        "today_posts": Case(When(today=today, then=F("today_posts") + 1), default=Value(1)),
        "today": today,
    }


def _approve_thread(thread: Thread, first: Post, moderator: User) -> None:
    changed = Thread.objects.filter(pk=thread.pk, awaiting_review=True).update(
        awaiting_review=False, is_deleted=False
    )
    if not changed:
        return
    live = Post.objects.filter(thread=thread, is_deleted=False).count()
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") + 1,
        post_count=F("post_count") + live,
        **_one_more_today(),
    )
    thread.is_deleted = thread.awaiting_review = False
    _refresh_board_last_post(thread.board_id)
    if thread.author is not None and not _credited(thread.author, f"thread:{thread.pk}"):
        award_credits(
            member=thread.author,
            reason=CreditEntry.Reason.THREAD,
            reference=f"thread:{thread.pk}",
            posts=1,
        )
    search_documents.index_thread(thread.pk, with_replies=True)
    if first.author is not None:
        _tell_people(first, thread, first.author)


@transaction.atomic
def reject_post(*, post: Post, moderator: User, reason: str) -> None:
    """Refuse a post (or thread) that waited: it stays hidden; the author is told why."""
    ensure_moderator(moderator, post.thread.board)
    now = timezone.now()
    thread = post.thread
    if post.is_first and thread.awaiting_review:
        changed = Thread.objects.filter(pk=thread.pk, awaiting_review=True).update(
            awaiting_review=False, deleted_at=now, deleted_by=moderator
        )
    else:
        changed = Post.objects.filter(pk=post.pk, awaiting_review=True).update(
            awaiting_review=False, deleted_at=now, deleted_by=moderator
        )
    if not changed:
        return
    log_action(
        actor=moderator, action="reject_post", member=post.author, target=str(post), detail=reason
    )
    notify(
        recipients=[post.author_id],
        kind=Notification.Kind.POST_REJECTED,
        actor=moderator,
        subject=thread.title,
        url=thread.board.get_absolute_url(),
        group_key=f"rejected:post:{post.pk}",
        text=reason,
    )
    note_own_pending(thread.pk)
    touch_threads(thread)


def _describe(post: Post) -> targets.Described:
    text = visible_text(post.body_html, without=("blockquote",))
    return targets.Described(
        title=post.thread.title,
        excerpt=" ".join(text.split())[:500],
        url=post.get_absolute_url(),
        author=post.author,
        board_id=post.thread.board_id,
    )


def _remove(post: Post, moderator: User, reason: str) -> None:
    if post.awaiting_review or (post.is_first and post.thread.awaiting_review):
        reject_post(post=post, moderator=moderator, reason=reason)
    else:
        delete_post(post=post, actor=moderator, reason=reason)


def _visible(post: Post, viewer: object) -> bool:
    return (
        not post.is_deleted
        and not post.thread.is_deleted
        and permissions.can_view_board(viewer, post.thread.board)
    )


def _boards_moderated_by(member: object) -> set[int]:
    if not getattr(member, "is_authenticated", False):
        return set()
    return {
        board.pk
        for board in Board.objects.only("pk", "parent_id")
        if permissions.is_board_moderator(member, board)
    }


def register_targets() -> None:
    targets.set_board_scope(_boards_moderated_by)
    targets.register(
        Post,
        targets.TargetKind(
            describe=_describe,
            approve=lambda post, moderator: approve_post(post=post, moderator=moderator),
            remove=_remove,
            visible_to=_visible,
            moderated_by=lambda post, member: permissions.is_board_moderator(
                member, post.thread.board
            ),
        ),
    )


def _now_hidden(rows: Any, moderator: User) -> None:
    rows.update(is_deleted=True, deleted_at=timezone.now(), deleted_by=moderator)


def _recount(thread_ids: set[int], board_ids: set[int]) -> None:
    for thread in Thread.objects.filter(pk__in=thread_ids):
        recount_thread(thread)
    for board in Board.objects.filter(pk__in=board_ids):
        recount_board(board)
    threads = list(Thread.objects.filter(pk__in=thread_ids))
    touch_threads(*threads, boards=tuple(board_ids))
    for thread_id in thread_ids:
        search_documents.index_thread(thread_id, with_replies=True)


def _member_threads(member: User) -> Any:
    return Thread.objects.filter(author=member, is_deleted=False)


def _member_replies(member: User) -> Any:
    return Post.objects.filter(author=member, is_deleted=False, position__gt=1)


def _hide_threads(member: User, moderator: User, reason: str) -> list[int]:
    rows = list(_member_threads(member).values_list("pk", "board_id"))
    # What waited for review goes too (rejected, not to be restored by an undo).
    Thread.objects.filter(author=member, awaiting_review=True).update(
        awaiting_review=False, deleted_at=timezone.now(), deleted_by=moderator
    )
    Post.objects.filter(author=member, awaiting_review=True).update(
        awaiting_review=False, deleted_at=timezone.now(), deleted_by=moderator
    )
    _now_hidden(Thread.objects.filter(pk__in=[pk for pk, _board in rows]), moderator)
    _recount({pk for pk, _board in rows}, {board for _pk, board in rows})
    return [pk for pk, _board in rows]


def _hide_replies(member: User, moderator: User, reason: str) -> list[int]:
    rows = list(_member_replies(member).values_list("pk", "thread_id", "thread__board_id"))
    _now_hidden(Post.objects.filter(pk__in=[pk for pk, _t, _b in rows]), moderator)
    _recount({t for _p, t, _b in rows}, {b for _p, _t, b in rows})
    return [pk for pk, _t, _b in rows]


def _restore_threads(ids: list[int], moderator: User) -> None:
    rows = list(Thread.objects.filter(pk__in=ids, is_deleted=True).values_list("pk", "board_id"))
    Thread.objects.filter(pk__in=[pk for pk, _b in rows]).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    _recount({pk for pk, _b in rows}, {b for _pk, b in rows})


def _restore_replies(ids: list[int], moderator: User) -> None:
    rows = list(
        Post.objects.filter(pk__in=ids, is_deleted=True).values_list(
            "pk", "thread_id", "thread__board_id"
        )
    )
    Post.objects.filter(pk__in=[pk for pk, _t, _b in rows]).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    _recount({t for _p, t, _b in rows}, {b for _p, _t, b in rows})


def _addresses(member: User) -> list[str]:
    rows = (
        Post.objects.filter(author=member)
        .exclude(ip_address=None)
        .order_by("-created_at")
        .values_list("ip_address", flat=True)[:20]
    )
    return [address for address in rows if address]


def register_purgers() -> None:
    threads = _member_threads
    replies = _member_replies
    targets.register_purger(
        "forum.thread",
        targets.Purger(
            preview=lambda member: (
                str(_("Threads")),
                threads(member).count(),
                list(threads(member).order_by("-created_at").values_list("title", flat=True)[:5]),
            ),
            hide=_hide_threads,
            restore=_restore_threads,
            addresses=_addresses,
        ),
    )
    targets.register_purger(
        "forum.post",
        targets.Purger(
            preview=lambda member: (
                str(_("Replies")),
                replies(member).count(),
                targets.preview_lines(
                    replies(member).order_by("-created_at").values_list("body", flat=True)[:5]
                ),
            ),
            hide=_hide_replies,
            restore=_restore_replies,
            addresses=lambda member: [],
        ),
    )
