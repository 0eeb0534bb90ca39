"""Reading the forum: every page costs the same few queries, whatever its size."""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from lanting.accounts.models import User
from lanting.forum import pending, permissions
from lanting.forum.models import POSTS_PER_PAGE, Board, Post, Section, Thread, ThreadField
from lanting.forum.services import THREAD_VIEWS
from lanting.pagecache import counters
from lanting.pagecache.fragments import cached_object

THREADS_PER_PAGE = 30


def forum_index(viewer: Any) -> list[tuple[Section, list[Board]]]:
    """Board groups with their top-level boards (and sub-boards), as the viewer may see them."""
    boards = [
        b
        for b in Board.objects.select_related("section").order_by("section__order", "order", "pk")
        if permissions.can_view_board(viewer, b)
    ]
    children: dict[int, list[Board]] = {}
    for board in boards:
        if board.parent_id:
            children.setdefault(board.parent_id, []).append(board)
    sections: dict[int, tuple[Section, list[Board]]] = {}
    for board in boards:
        if board.parent_id is None:
            board.sub_boards = children.get(board.pk, [])  # type: ignore[attr-defined]
            sections.setdefault(board.section_id, (board.section, []))[1].append(board)
    return list(sections.values())


@dataclass(frozen=True)
class ForumDigest:
    """What the portal's home shows of the forum."""

    newest: list[Thread]  # threads with the newest replies
    hot: list[Thread]  # most replied to of those active in the last days
    boards: list[Board]  # top-level boards, with today's posts
    threads: int
    posts: int
    today: int


def forum_digest(viewer: Any, *, limit: int = 8, hot_days: int = 7) -> ForumDigest:
    """Three queries, whatever the size of the forum: the newest active threads (read through
    the last-post index, of which the hot ones are picked) and the boards with their counts."""
    hidden = permissions.hidden_board_ids(viewer)
    recent = list(
        Thread.objects.filter(is_deleted=False)
        .exclude(board_id__in=hidden)
        .select_related("board")
        .only("pk", "title", "reply_count", "last_post_at", "last_poster_name", "board__name",
              "board__slug", "board_id")
        .order_by("-last_post_at")[:200]
    )  # fmt: skip
    since = timezone.now() - dt.timedelta(days=hot_days)
    hot = sorted(
        (t for t in recent if t.last_post_at >= since and t.reply_count > 0),
        key=lambda t: (-t.reply_count, -t.last_post_at.timestamp()),
    )[:limit]
    boards = [
        b
        for b in Board.objects.filter(parent=None).order_by("section__order", "order", "pk")
        if b.pk not in hidden and permissions.can_view_board(viewer, b)
    ]
    today = timezone.localdate()
    all_boards = Board.objects.exclude(pk__in=hidden).values_list(
        "thread_count", "post_count", "today_posts", "today"
    )
    threads = posts = today_posts = 0
    for thread_count, post_count, today_count, day in all_boards:
        threads, posts = threads + thread_count, posts + post_count
        today_posts += today_count if day == today else 0
    return ForumDigest(recent[:limit], hot, boards, threads, posts, today_posts)


def board_for(slug: str, viewer: Any) -> Board:
    """The board ``viewer`` may see, or 404: kept in the cache until a board or section changes
    (any of them: a sub-board shows its parent's name)."""

    def read() -> tuple[Board | None, list[str]]:
        found = Board.objects.select_related("section", "parent").filter(slug=slug).first()
        return found, ["forum"] if found is None else ["forum", f"board:{found.pk}"]

    board = cached_object(f"board-row:{slug}", read)
    if board is None or not permissions.can_view_board(viewer, board):
        raise Http404
    return board


@dataclass
class BoardListing:
    sticky: list[Thread]
    threads: list[Thread]
    next_cursor: str
    sort: str
    fields: list[ThreadField]
    filters: dict[str, str]
    page: int = 1
    last_page: int = 0  # 0: not known (browsing on from a cursor)


def _cursor(thread: Thread, sort: str) -> str:
    moment = thread.created_at if sort == "new" else thread.last_post_at
    return f"{moment.timestamp():.6f}_{thread.pk}"


def _parse_cursor(cursor: str) -> tuple[dt.datetime, int] | None:
    try:
        stamp, pk = cursor.split("_", 1)
        return dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def board_listing(
    board: Board,
    *,
    viewer: Any = None,
    sort: str = "last",
    cursor: str = "",
    thread_type: int | None = None,
    filters: dict[str, str] | None = None,
    page: int = 1,
) -> BoardListing:
    """One page of a board: by number, or by keyset ("after this thread") from older links.

    The number of pages comes from the board's own thread count when nothing is
    filtered (no count query); a jump to page N reads past N-1 pages' rows, which
    an index on the order keeps cheap for the pages people open.
    """
    sort = "new" if sort == "new" else "last"
    order_field = "created_at" if sort == "new" else "last_post_at"
    fields = list(board.thread_fields.all())
    # "poll": the 投票 mark in the list, in the same query.
    # is_deleted__in=[False], not =False: Django writes that as ``NOT is_deleted``, which SQLite
    # cannot match to the (board, is_deleted, sticky, last_post_at) index and so sorts
    # the whole board (9 ms a page on the small site; 0.35 ms with the index).
    threads = Thread.objects.filter(board=board, is_deleted__in=[False]).select_related(
        "thread_type", "poll"
    )
    if thread_type:
        threads = threads.filter(thread_type_id=thread_type)
    used_filters: dict[str, str] = {}
    for field in fields:
        if not field.filterable:
            continue
        for suffix, lookup in (("", "exact"), ("_min", "gte"), ("_max", "lte")):
            raw = (filters or {}).get(field.name + suffix, "").strip()
            if not raw:
                continue
            value: Any = raw
            if field.kind == ThreadField.Kind.NUMBER:
                try:
                    value = float(raw)
                except ValueError:
                    continue
                if not math.isfinite(value):
                    continue
            elif field.kind == ThreadField.Kind.TEXT and lookup == "exact":
                lookup = "icontains"
            threads = threads.filter(**{f"fields__{field.name}__{lookup}": value})
            used_filters[field.name + suffix] = raw
    sticky: list[Thread] = []
    position = _parse_cursor(cursor) if cursor else None
    page = max(1, page) if position is None else 1
    if position is None:
        sticky = list(
            # sticky > 0 stated on its own: the few sticky threads by the sticky index,
            # not every thread of the board (2 ms on the small site).
            Thread.objects.filter(
                Q(board=board) | Q(sticky=Thread.Sticky.GLOBAL), sticky__gt=0, is_deleted=False
            )
            .exclude(board_id__in=permissions.hidden_board_ids(viewer))
            .select_related("thread_type", "poll")
            .order_by("-sticky", "-last_post_at")[:20]
        )
    plain = threads.filter(sticky=Thread.Sticky.NONE)
    if position is None:
        if used_filters or thread_type:
            count = plain.count()
        else:  # the board's own count, less its own sticky threads (listed above the pages)
            count = board.thread_count - sum(1 for t in sticky if t.board_id == board.pk)
        last_page = max(1, -(-count // THREADS_PER_PAGE))
        page = min(page, last_page)
        start = (page - 1) * THREADS_PER_PAGE
        rows = list(plain.order_by(f"-{order_field}", "-pk")[start : start + THREADS_PER_PAGE])
        return BoardListing(
            sticky if page == 1 else [], rows, "", sort, fields, used_filters,
            page=page, last_page=last_page,
        )  # fmt: skip
    moment, pk = position
    after = plain.filter(
        Q(**{f"{order_field}__lt": moment}) | Q(**{order_field: moment, "pk__lt": pk})
    )
    rows = list(after.order_by(f"-{order_field}", "-pk")[: THREADS_PER_PAGE + 1])
    next_cursor = _cursor(rows[THREADS_PER_PAGE - 1], sort) if len(rows) > THREADS_PER_PAGE else ""
    return BoardListing(sticky, rows[:THREADS_PER_PAGE], next_cursor, sort, fields, used_filters)


def thread_for(thread_id: int, viewer: Any, *, kept: bool = True) -> Thread:
    """The thread ``viewer`` may see, or 404; ``kept=False`` reads it afresh (to change it)."""
    thread = _thread_row(thread_id) if kept else _read_thread(thread_id)
    if thread is None or not permissions.can_view_board(viewer, thread.board):
        raise Http404
    if thread.is_deleted and not permissions.is_board_moderator(viewer, thread.board):
        own = thread.awaiting_review and thread.author_id == getattr(viewer, "pk", None)
        if not own:  # its author sees a thread waiting for review, marked so
            raise Http404
    return thread


def _thread_row(thread_id: int) -> Thread | None:
    """The thread with its board, kept in the cache until the thread or its board changes.

    It also keeps what its view counter showed, as an offset from the thread's
    seen count (see ``pagecache.counters``): flushing views changes ``views`` in the
    database, not the row kept here, and the counter stays right.
    """

    def read() -> tuple[Thread | None, list[str]]:
        thread = _read_thread(thread_id)
        if thread is None:
            return None, [f"thread:{thread_id}"]
        thread.waiting_authors = pending.waiting_authors(thread.pk)  # type: ignore[attr-defined]
        seen = counters.seen_count(THREAD_VIEWS, thread.pk)
        thread.views_seen = seen  # type: ignore[attr-defined]
        thread.views_offset = _views_now(thread) - seen  # type: ignore[attr-defined]
        return thread, [f"thread:{thread_id}", f"board:{thread.board_id}"]

    return cached_object(f"thread-row:{thread_id}", read)


def _read_thread(thread_id: int) -> Thread | None:
    return (
        Thread.objects.select_related("board", "board__section", "thread_type", "poll")
        .filter(pk=thread_id)
        .first()
    )


def _views_now(thread: Thread) -> int:
    return thread.views + counters.pending_views(THREAD_VIEWS, [thread.pk]).get(thread.pk, 0)


def posts_on_page(
    thread: Thread, page: int, viewer: Any, *, own_pending: bool = False
) -> list[Post]:
    """The floors of one page, found by floor number: page 500 costs what page 1 costs."""
    first = (page - 1) * POSTS_PER_PAGE + 1
    posts = (
        Post.objects.filter(thread=thread, position__gte=first, position__lt=first + POSTS_PER_PAGE)
        .select_related("author", "author__group", "author__rank")
        .prefetch_related("attachments")
        .order_by("position")
    )
    if not permissions.is_board_moderator(viewer, thread.board):
        if own_pending:  # the reader's own posts waiting for review show to them
            posts = posts.filter(Q(is_deleted=False) | Q(awaiting_review=True, author=viewer))
        else:
            posts = posts.filter(is_deleted=False)
    return list(posts)


def has_replied(viewer: Any, thread: Thread) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    return Post.objects.filter(thread=thread, author=viewer, is_deleted=False).exists()


def shown_views(thread: Thread, seen: int | None = None) -> int:
    """The thread's view count; ``seen``: its seen count right after a view counted now."""
    seen_then: int | None = getattr(thread, "views_seen", None)
    if seen_then is None:  # read afresh: its views are current
        return _views_now(thread)
    if seen is None:
        thread.waiting_authors = pending.waiting_authors(thread.pk)  # type: ignore[attr-defined]
        seen = counters.seen_count(THREAD_VIEWS, thread.pk)
    if seen < seen_then:  # the seen count started over (it had expired)
        return _views_now(thread)
    offset: int = getattr(thread, "views_offset", 0)
    return offset + seen


def post_for(post_id: int, viewer: Any) -> Post:
    post = (
        Post.objects.select_related("thread", "thread__board", "author").filter(pk=post_id).first()
    )
    if post is None or not permissions.can_view_board(viewer, post.thread.board):
        raise Http404
    if (post.is_deleted or post.thread.is_deleted) and not permissions.is_board_moderator(
        viewer, post.thread.board
    ):
        raise Http404
    return post


def recycle_bin(viewer: Any) -> tuple[list[Thread], list[Post]]:
    boards = [b for b in Board.objects.all() if permissions.is_board_moderator(viewer, b)]
    threads = list(
        Thread.objects.filter(board__in=boards, is_deleted=True, awaiting_review=False)
        .select_related("board")
        .order_by("-deleted_at")[:100]
    )
    posts = list(
        Post.objects.filter(
            thread__board__in=boards,
            is_deleted=True,
            awaiting_review=False,
            thread__is_deleted=False,
        )
        .select_related("thread", "thread__board")
        .order_by("-deleted_at")[:100]
    )
    return threads, posts


def forum_activity_of(member: User, viewer: Any = None) -> dict[str, Any]:
    visible = [b.pk for b in Board.objects.all() if permissions.can_view_board(viewer, b)]
    return {
        "threads": list(
            Thread.objects.filter(author=member, is_deleted=False, board_id__in=visible)
            .select_related("board")
            .order_by("-created_at")[:10]
        )
    }


@dataclass(frozen=True)
class OpeningPost:
    """What a thread's later pages tell of its first post (its description, its JSON-LD)."""

    body_html: str  # as guests see it: a [hide] part is not in it
    edited_at: dt.datetime | None


def opening_post(thread: Thread) -> OpeningPost | None:
    """The thread's first post, kept until the thread changes (later pages cost no query)."""

    def read() -> tuple[OpeningPost | None, list[str]]:
        post = (
            Post.objects.filter(thread=thread, position=1, is_deleted=False)
            .only("body_html", "edited_at")
            .first()
        )
        found = OpeningPost(post.body_html, post.edited_at) if post is not None else None
        return found, [f"thread:{thread.pk}"]

    return cached_object(f"opening-post:v1:{thread.pk}", read)
