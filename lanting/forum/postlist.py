"""A thread page's posts, rendered once for the many members who see them alike.

The posts of a page look the same to every member who may reply and sees the
same [hide] parts, in one language and time zone; only the Edit and Delete
links under a member's own posts differ. So the list is rendered without a
request (nothing personal can slip into it), with a marker where a post's own
links go, kept as a fragment (``pagecache.fragments``) under the thread's tag and
its authors' tags, and each reader's own links are filled in afterwards.
Moderators, who see deleted posts and tools on every post, get it rendered.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.signals import setting_changed
from django.db.models import prefetch_related_objects
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from lanting.accounts import permissions as account_permissions
from lanting.accounts import services as account_services
from lanting.core.csrf import page_token
from lanting.forum import selectors
from lanting.forum.models import Post, Thread
from lanting.pagecache.fragments import Fragment, cached_fragment
from lanting.pagecache.guests import show_on_page


@cache
def _own_mark() -> str:
    """Names the places for a reader's own links: derived from the secret key, so no post
    can forge one (sanitizing drops comments anyway; this does not rest on it alone)."""
    return salted_hmac("lanting.forum.own-links", "mark").hexdigest()[:20]


@cache
def _own_links() -> re.Pattern[str]:
    return re.compile(rf"<!--own:{_own_mark()}:(\d+):(\d+):(\d+)-->")  # author, post, floor


def _author_tags(posts: list[Post]) -> list[str]:
    return sorted({f"member:{post.author_id}" for post in posts if post.author_id})


def _with_ratings(posts: list[Post]) -> list[Post]:
    """The 评分 under each post (lanting.polls), read once for the page the HTML shows."""
    prefetch_related_objects(posts, "ratings")
    return posts


def _render(posts: list[Post], context: dict[str, Any], request: HttpRequest | None) -> str:
    if request is not None:  # a moderator's page: rendered for them, whole
        return render_to_string("forum/_posts.html", {**context, "posts": posts}, request=request)
    return '<div class="posts">' + "".join(_post_html(post, context) for post in posts) + "</div>"


class _Rendered:
    """Posts as ``forum/_post.html`` made them, in this process: a new reply re-renders
    only itself, not the nineteen floors above it on the page.

    A post is found again by everything its HTML is made of: the rows read for the page
    (the post, its author, their group, its files and ratings, each with every column),
    the page's context, the language and the time zone. Any change to one of them is
    another key, so nothing is ever invalidated; the oldest are forgotten first.
    """

    LIMIT = 512  # a few MB: the floors of the pages being read now

    def __init__(self) -> None:
        self._kept: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: int) -> str | None:
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
            return html

    def put(self, key: int, html: str) -> None:
        with self._lock:
            self._kept[key] = html
            if len(self._kept) > self.LIMIT:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_rendered = _Rendered()


@receiver(setting_changed)
def _forget_rendered(**_: Any) -> None:
    """Settings shape the HTML too (where files are served from): the tests change them."""
    _rendered.clear()


_CONTEXT = ("page", "can_quote", "is_moderator", "can_purge", "mark_own", "own_mark", "voter",
            "reveal_hidden")  # fmt: skip


def _row(obj: Any) -> tuple[Any, ...]:
    if obj is None:
        return ()
    return tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields)


def _post_key(post: Post, context: dict[str, Any]) -> int:
    thread: Thread = context["thread"]
    author = post.author
    parts = (
        get_language(),
        timezone.get_current_timezone_name(),
        tuple(context.get(name) for name in _CONTEXT),
        (thread.pk, thread.is_deleted, thread.awaiting_review),
        _row(post),
        _row(author),
        _row(account_services.title_group(author)) if author is not None else (),
        tuple(_row(item) for item in post.attachments.all()),
        tuple(_row(item) for item in post.ratings.all()),
    )
    try:
        return hash(parts)
    except TypeError:  # a column holding a dict or a list
        return hash(repr(parts))


def _post_html(post: Post, context: dict[str, Any]) -> str:
    key = _post_key(post, context)
    html = _rendered.get(key)
    if html is None:
        html = render_to_string("forum/_post.html", {**context, "post": post})
        _rendered.put(key, html)
    return html


@dataclass(frozen=True)
class PostList:
    html: SafeString
    posts: list[Post] | None  # when they had to be read
    tags: list[str]  # what the list shows: the thread and its authors
    hidden: bool  # a post on the page has a [hide] part


def fill_own_links(html: str, request: HttpRequest) -> str:
    viewer_id = request.user.pk if request.user.is_authenticated else None
    if viewer_id is not None:
        # The vote forms under posts (rendered without a request) get the reader's token.
        html = html.replace(f"csrf-{_own_mark()}", page_token(request))

    def links(match: re.Match[str]) -> str:
        if viewer_id is None or int(match[1]) != viewer_id:
            return ""
        context = {"post_id": int(match[2]), "position": int(match[3])}
        return render_to_string("forum/_own_post_links.html", context, request=request)

    return _own_links().sub(links, html)


def thread_posts(
    request: HttpRequest,
    thread: Thread,
    page: int,
    *,
    may_reveal: Callable[[], bool],
    can_quote: bool,
    is_moderator: bool,
    own_links: bool = True,
    own_pending: bool = False,
) -> PostList:
    """The page's posts as HTML, and the posts themselves when they had to be read.

    ``may_reveal`` (whether the reader sees [hide] parts) is only asked when a
    post on the page has one: it costs a query. Without ``own_links`` the
    markers for the reader's own links stay in (``fill_own_links`` later).
    """

    def filled(html: str) -> SafeString:
        html = fill_own_links(html, request) if own_links else html
        return mark_safe(html)  # noqa: S308  (our template)

    context = {
        "thread": thread,
        "page": page,
        "can_quote": can_quote,
        "is_moderator": is_moderator,
        # Purging is for super moderators and staff: the link shows only to them.
        "can_purge": is_moderator and account_permissions.is_moderator(request.user),
        "mark_own": not is_moderator,
        "own_mark": _own_mark(),
        "voter": request.user.is_authenticated,
    }
    if is_moderator or own_pending or not request.user.is_authenticated:
        # Rendered for this reader: a moderator's tools, or the reader's own posts
        # waiting for review (never on the copy others share).
        posts = _with_ratings(
            selectors.posts_on_page(thread, page, request.user, own_pending=own_pending)
        )
        show_on_page(request, *_author_tags(posts))  # guests' whole-page copy
        hidden = any(post.revealed_html for post in posts)
        reveal = hidden and may_reveal()
        html = _render(
            posts, {**context, "reveal_hidden": reveal}, request if is_moderator else None
        )
        if own_pending:
            return PostList(filled(html), posts, [f"thread:{thread.pk}"], True)
        tags = [f"thread:{thread.pk}", *_author_tags(posts)]
        return PostList(filled(html), posts, tags, hidden)

    def render(reveal: bool) -> Fragment:
        posts = _with_ratings(selectors.posts_on_page(thread, page, request.user))
        return Fragment(
            _render(posts, {**context, "reveal_hidden": reveal}, None),
            [f"thread:{thread.pk}", *_author_tags(posts)],
            {"hidden": any(post.revealed_html for post in posts)},
        )

    def key(reveal: bool) -> str:
        return ":".join(
            [
                "posts:v2",
                str(thread.pk),
                str(page),
                get_language(),
                timezone.get_current_timezone_name(),
                "reveal" if reveal else "",
                "quote" if can_quote else "",
            ]
        )

    fragment = cached_fragment(key(False), lambda: render(False))
    hidden = bool(fragment.facts.get("hidden"))
    if hidden and may_reveal():
        fragment = cached_fragment(key(True), lambda: render(True))
    return PostList(filled(fragment.html), None, fragment.tags, hidden)
