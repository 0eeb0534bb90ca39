"""Watching (关注) threads and boards: who is told of a new reply, or a new thread.

A watcher of a thread hears of each new post in it; a watcher of a board hears of each
new thread there. They are told from a job (a board may have many watchers), never the
author, and never twice about one post: someone already told of it as a reply, a quote
or a mention (``forum.services.posting._tell_people``) is left out. The watch's mode says
how its notices are mailed: at once, or gathered in the daily digest (``mailing``).

The forum imports this module, so it reads the forum's models and rights inside its
functions only.
"""

import re
import secrets
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

from django.core.cache import cache as shared_cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lanting.core.csrf import page_token
from lanting.jobs.queue import enqueue_on_commit, job
from lanting.notifications.models import MailPreference, Notification, Watch
from lanting.notifications.selectors import notices_tag
from lanting.pagecache import requestmemo
from lanting.pagecache.tags import touch

TARGETS = ("thread", "board")
EXCERPT = 140  # characters of a reply shown under its notice and in its mail


WATCH_PREFIX = "lanting:watch:"
requestmemo.keep_near(WATCH_PREFIX)  # asked on every member's thread and board page


def watch_key(member_id: int, target: str, target_id: int) -> str:
    return f"{WATCH_PREFIX}{member_id}:{target}:{target_id}"


def watch_mode(member_id: int, target: str, target_id: int) -> str:
    """The member's watch on the thread or board ("instant", "digest"), "" when none.

    Asked on every member's thread page: one cache read, the database when forgotten.
    """
    key = watch_key(member_id, target, target_id)
    mode = requestmemo.cached_many([key]).get(key)  # the page may have fetched it already
    if mode is None:
        row = Watch.objects.filter(member_id=member_id, **{f"{target}_id": target_id}).first()
        mode = row.mode if row else ""
        shared_cache.set(key, mode, 24 * 3600)
    return str(mode)


def _forget(member_id: int, target: str, target_id: int) -> None:
    key = watch_key(member_id, target, target_id)
    shared_cache.delete(key)
    transaction.on_commit(lambda: shared_cache.delete(key))
    transaction.on_commit(lambda: touch(notices_tag(member_id)))  # its unwatch buttons


def _target_object(target: str, target_id: int) -> Any:
    from lanting.forum.models import Board, Thread

    if target not in TARGETS:
        raise ValidationError(_("There is nothing like that to watch."))
    model: Any = Thread if target == "thread" else Board
    found = model.objects.filter(pk=target_id).first()
    if found is None or (target == "thread" and found.is_deleted):
        raise ValidationError(_("That thread or board no longer exists."))
    return found


def watch(*, member: Any, target: str, target_id: int, mode: str = Watch.Mode.INSTANT) -> Watch:
    """Watch the thread or board, or change how: one row per member and thing, whatever the race."""
    from lanting.forum import permissions

    if mode not in Watch.Mode.values:
        raise ValidationError(_("Choose how you want to hear of it: at once or in a daily digest."))
    thing = _target_object(target, target_id)
    board = thing.board if target == "thread" else thing
    if not permissions.can_view_board(member, board):
        raise PermissionDenied(_("You may not read this board, so you cannot watch it."))
    lookup = {"member": member, target: thing}
    try:
        with transaction.atomic():
            row, created = Watch.objects.get_or_create(**lookup, defaults={"mode": mode})
    except IntegrityError:  # the other tab made it first
        row, created = Watch.objects.get(**lookup), False
    if not created and row.mode != mode:
        Watch.objects.filter(pk=row.pk).update(mode=mode)
        row.mode = mode
    _forget(member.pk, target, target_id)
    return row


def unwatch(*, member_id: int, target: str, target_id: int) -> bool:
    """Stop watching; False when the member was not watching it (nothing to undo)."""
    if target not in TARGETS:
        raise ValidationError(_("There is nothing like that to watch."))
    deleted, _rows = Watch.objects.filter(
        member_id=member_id, **{f"{target}_id": target_id}
    ).delete()
    _forget(member_id, target, target_id)
    return bool(deleted)


def watches_of(member_id: int) -> QuerySet[Watch]:
    """What the member watches, newest first, with what each page line shows."""
    live = Q(thread__isnull=True) | Q(thread__is_deleted=False)  # not those in the recycle bin
    return Watch.objects.filter(live, member_id=member_id).select_related("thread__board", "board")


# The job: who hears of a new post.


def after_post(*, post_id: int, told: set[int]) -> None:
    """Once the post commits, tell its thread's (or, a new thread, its board's) watchers."""
    enqueue_on_commit(tell_watchers, post_id, sorted(told))


def _auto_watch(post: Any, author: Any) -> None:
    preference = MailPreference.objects.filter(member_id=author.pk).first()
    started = preference.watch_started if preference else True
    replied = preference.watch_replied if preference else False
    if not (started if post.position == 1 else replied):
        return
    lookup = {"member_id": author.pk, "thread_id": post.thread_id}
    if Watch.objects.filter(**lookup).exists():
        return
    try:
        with transaction.atomic():
            Watch.objects.create(**lookup, mode=Watch.Mode.INSTANT)
    except IntegrityError:
        pass  # watched meanwhile
    _forget(author.pk, "thread", post.thread_id)


@job(attempts=3)
def tell_watchers(post_id: int, told: list[int]) -> int:
    """Tell the watchers of a new post; return how many were told."""
    from lanting.forum import permissions
    from lanting.forum.models import Post
    from lanting.markup.text import visible_text
    from lanting.notifications.services import notify

    post = Post.objects.select_related("thread__board", "author").filter(pk=post_id).first()
    if post is None or post.is_deleted or post.thread.is_deleted:
        return 0
    thread, author = post.thread, post.author
    if author is not None:
        _auto_watch(post, author)
    if post.position == 1:
        watches = Watch.objects.filter(board_id=thread.board_id)
        subject, group_key = thread.board.name, f"watched:board:{thread.board_id}"
        text = thread.title
    else:
        watches = Watch.objects.filter(thread_id=thread.pk)
        subject, group_key = thread.title, f"watched:thread:{thread.pk}"
        text = visible_text(post.body_html, without=("blockquote", "pre", "code"))
        text = text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"
    skip = {*told, post.author_id}
    rows = list(watches.exclude(member_id__in=skip).select_related("member"))
    readers = [
        row
        for row in rows
        if row.member.is_active and permissions.can_view_board(row.member, thread.board)
    ]
    for mode in Watch.Mode.values:
        people = [row.member_id for row in readers if row.mode == mode]
        notify(
            recipients=people,
            kind=Notification.Kind.WATCHED,
            actor=author,
            subject=subject,
            url=post.get_absolute_url(),
            group_key=group_key,
            text=text,
            mail=mode == Watch.Mode.INSTANT,  # a digest watch waits for the digest
        )
    return len(readers)


# The 关注 button on the members' shared thread page: a hole filled per reader.


@cache
def _mark() -> str:
    """Derived from the secret key: no post can forge a place for a reader's button."""
    return salted_hmac("lanting.notifications.watch-button", "mark").hexdigest()[:20]


@cache
def _holes() -> re.Pattern[str]:
    return re.compile(rf"<!--watch:{_mark()}:(thread|board):(\d+)-->")


def watch_hole(target: str, target_id: int) -> str:
    return f"<!--watch:{_mark()}:{target}:{target_id}-->"


def fill_watch_buttons(html: str, request: HttpRequest) -> str:
    """Each 关注 hole becomes this reader's button: watching or not, or a guest's link.

    Its form carries the token the page's other forms carry (a second masked token
    would do as well, but a page's forms share one).
    """
    holes = list(_holes().finditer(html))
    if not holes:
        return html
    found = _PAGE_TOKEN.search(html)
    token = found[1] if found else None

    def button(match: re.Match[str]) -> str:
        return watch_button(request, match[1], int(match[2]), csrf_token=token)

    return _holes().sub(button, html)


_PAGE_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def watch_button(
    request: HttpRequest, target: str, target_id: int, *, csrf_token: Any = None
) -> str:
    user: Any = request.user
    member = bool(user.is_authenticated)
    mode = watch_mode(user.pk, target, target_id) if member else ""
    parts = _button(target, target_id, mode, request.get_full_path(), member, get_language())
    if len(parts) == 1:
        # A guest gets a link, no form: asking for a token (even reading a lazy one)
        # would set a cookie and keep the page out of the guests' cache.
        return parts[0]
    return str(csrf_token if csrf_token is not None else page_token(request)).join(parts)


# Where the button's CSRF token goes: random per process and never sent, as in
# ``pagecache.members``; the rest of the button is rendered once per kind.
_BUTTON_TOKEN = secrets.token_hex(16)


@lru_cache(maxsize=4096)
def _button(
    target: str, target_id: int, mode: str, next_path: str, member: bool, language: str | None
) -> list[str]:
    """The button cut where its token goes: the same arguments, the same button."""
    context = {
        "target": target,
        "target_id": target_id,
        "mode": mode,
        "next": next_path,
        "user": SimpleNamespace(is_authenticated=member),
        "csrf_token": _BUTTON_TOKEN if member else "",
    }
    return render_to_string("notifications/_watch_button.html", context).split(_BUTTON_TOKEN)
