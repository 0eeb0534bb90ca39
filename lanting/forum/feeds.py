"""RSS 2.0 and Atom feeds of the forum: a board's newest threads, a thread's newest posts.

Feeds are read by programs that never log in, and may be shared and cached, so
they show what a guest may see: a board hidden from guests answers 404.
"""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from lanting.core.selectors import site_chrome
from lanting.forum import selectors
from lanting.forum.models import Board, Post, Thread

ITEMS_IN_FEED = 20


class BoardThreadsFeed(Feed[Thread, Board]):
    def get_object(self, request: HttpRequest, slug: str) -> Board:
        return selectors.board_for(slug, AnonymousUser())

    def title(self, obj: Board) -> str:
        return _("%(board)s - %(site)s") % {"board": obj.name, "site": site_chrome()["name"]}

    def link(self, obj: Board) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Board) -> str:
        return obj.description or obj.name

    def items(self, obj: Board) -> list[Thread]:
        threads = list(
            Thread.objects.filter(board=obj, is_deleted=False).order_by("-created_at", "-pk")[
                :ITEMS_IN_FEED
            ]
        )
        first_posts = {
            post.thread_id: post
            for post in Post.objects.filter(thread__in=threads, position=1, is_deleted=False).only(
                "thread_id", "body_html"
            )
        }
        for thread in threads:
            post = first_posts.get(thread.pk)
            thread.first_html = post.body_html if post else ""  # type: ignore[attr-defined]
        return threads

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_description(self, item: Thread) -> str:
        return str(getattr(item, "first_html", ""))

    def item_pubdate(self, item: Thread) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Thread) -> dt.datetime:
        return item.last_post_at

    def item_author_name(self, item: Thread) -> str:
        return item.author_name


class BoardThreadsAtomFeed(BoardThreadsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Board) -> str:
        return self.description(obj)


class ThreadPostsFeed(Feed[Post, Thread]):
    def get_object(self, request: HttpRequest, thread_id: int) -> Thread:
        return selectors.thread_for(thread_id, AnonymousUser())

    def title(self, obj: Thread) -> str:
        return _("%(thread)s - %(site)s") % {"thread": obj.title, "site": site_chrome()["name"]}

    def link(self, obj: Thread) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Thread) -> str:
        return _("The newest posts in “%(thread)s”, in %(board)s.") % {
            "thread": obj.title,
            "board": obj.board.name,
        }

    def items(self, obj: Thread) -> list[Post]:
        return list(
            Post.objects.filter(thread=obj, is_deleted=False)
            .select_related("thread")
            .only("pk", "position", "author_name", "body_html", "created_at", "thread__title")
            .order_by("-position")[:ITEMS_IN_FEED]
        )

    def item_title(self, item: Post) -> str:
        if item.is_first:
            return item.thread.title
        return _("#%(floor)s by %(name)s") % {"floor": item.position, "name": item.author_name}

    def item_description(self, item: Post) -> str:
        return item.body_html

    def item_pubdate(self, item: Post) -> dt.datetime:
        return item.created_at

    def item_author_name(self, item: Post) -> str:
        return item.author_name


class ThreadPostsAtomFeed(ThreadPostsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Thread) -> str:
        return self.description(obj)
