"""What the Archiver shows: what a guest may read, as plain text-first pages.

Lists run by number, newest first, a page at a time after a given number
(keyset), so a crawler walks a stable order and page 1,000 costs what page 1
costs. Threads are paged by floor, as in the forum, so Archiver page N and
forum page N hold the same posts.
"""

from dataclasses import dataclass
from typing import Any

import nh3
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404

from lanting.forum import permissions
from lanting.forum import selectors as forum_selectors
from lanting.forum.models import POSTS_PER_PAGE, Board, Post, Section, Thread
from lanting.markup.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from lanting.portal import selectors as portal_selectors
from lanting.portal.models import Article, Category

ITEMS_PER_PAGE = 50
TEXT_TAGS = ALLOWED_TAGS - {"img", "figure", "figcaption"}
TEXT_ATTRIBUTES = {tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag in TEXT_TAGS}


def guest() -> AnonymousUser:
    """The Archiver reads as a guest, whoever asks: one cacheable page for everyone."""
    return AnonymousUser()


def text_only(html: str) -> str:
    """Stored (already clean) HTML without its pictures: the Archiver shows no images."""
    return nh3.clean(html, tags=TEXT_TAGS, attributes=TEXT_ATTRIBUTES, link_rel="nofollow")


@dataclass
class Listing:
    items: list[Any]
    next_before: int | None  # the number to continue after, or None on the last page


def _before(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise Http404  # a crawler must not see one page under endless addresses
    return int(raw)


def _page_of(query: Any, before: str | None) -> Listing:
    after = _before(before)
    if after is not None:
        query = query.filter(pk__lt=after)
    rows = list(query.order_by("-pk")[: ITEMS_PER_PAGE + 1])
    more = len(rows) > ITEMS_PER_PAGE
    rows = rows[:ITEMS_PER_PAGE]
    return Listing(rows, rows[-1].pk if more else None)


def index() -> tuple[list[tuple[Section, list[Board]]], list[Category]]:
    return forum_selectors.forum_index(guest()), portal_selectors.categories()


def board(slug: str) -> Board:
    return forum_selectors.board_for(slug, guest())


def sub_boards(parent: Board) -> list[Board]:
    return [
        b
        for b in Board.objects.filter(parent=parent).order_by("order", "pk")
        if permissions.can_view_board(guest(), b)
    ]


def board_threads(board: Board, before: str | None) -> Listing:
    threads = Thread.objects.filter(board=board, is_deleted=False).only(
        "pk", "title", "reply_count", "created_at", "author_name"
    )
    return _page_of(threads, before)


def thread(thread_id: int) -> Thread:
    return forum_selectors.thread_for(thread_id, guest())


def thread_posts(thread: Thread, page: int) -> list[Post]:
    if page < 1 or page > thread.last_page:
        raise Http404
    first = (page - 1) * POSTS_PER_PAGE + 1
    posts = list(
        Post.objects.filter(
            thread=thread,
            is_deleted=False,
            position__gte=first,
            position__lt=first + POSTS_PER_PAGE,
        )
        .only("pk", "position", "author_name", "created_at", "body_html")
        .order_by("position")
    )
    for post in posts:
        post.text_html = text_only(post.body_html)  # type: ignore[attr-defined]
    return posts


def category(slug: str) -> Category:
    return portal_selectors.category_by_slug(slug)


def category_articles(category: Category, before: str | None) -> Listing:
    articles = (
        portal_selectors.published_articles()
        .filter(Q(category=category) | Q(category__parent=category))
        .select_related(None)
        .only("pk", "title", "published_at")
    )
    return _page_of(articles, before)


def article(article_id: int) -> Article:
    found = portal_selectors.article_for_reader(article_id, guest())
    found.text_html = text_only(found.body_html)  # type: ignore[attr-defined]
    return found
