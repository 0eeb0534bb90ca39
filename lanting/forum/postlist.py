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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from lanting.accounts import permissions as account_permissions
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
    return render_to_string("forum/_posts.html", {**context, "posts": posts}, request=request)


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
        html = html.replace(f"csrf-{_own_mark()}", get_token(request))

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
