"""Sitemaps of the forum: its index, the boards guests may view and their threads."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from lanting.forum import permissions
from lanting.forum.models import Board, Thread

URLS_PER_SITEMAP = 50_000  # the protocol's limit; larger sitemaps are paged


class BoardSitemap(Sitemap[Board]):
    limit = URLS_PER_SITEMAP

    def items(self) -> list[Board]:
        guest = AnonymousUser()
        return [b for b in Board.objects.order_by("pk") if permissions.can_view_board(guest, b)]

    def lastmod(self, item: Board) -> dt.datetime | None:
        return item.last_post_at


class ThreadSitemap(Sitemap[Thread]):
    limit = URLS_PER_SITEMAP

    def items(self) -> QuerySet[Thread]:
        hidden = permissions.hidden_board_ids(AnonymousUser())
        return (
            Thread.objects.filter(is_deleted=False)
            .exclude(board_id__in=hidden)
            .only("pk", "last_post_at")
            .order_by("pk")
        )

    def lastmod(self, item: Thread) -> dt.datetime:
        return item.last_post_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # One aggregate, where Django's default reads every item.
        latest: dt.datetime | None = self.items().aggregate(latest=Max("last_post_at"))["latest"]
        return latest


class ForumIndexSitemap(Sitemap[str]):
    """The forum's index, changed with the newest post on a board guests may view."""

    def items(self) -> list[str]:
        return ["forum:index"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> dt.datetime | None:
        boards = BoardSitemap().items()
        return max((b.last_post_at for b in boards if b.last_post_at), default=None)
