"""Sitemaps of the portal: published articles and the categories that list them."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from lanting.portal import selectors
from lanting.portal.models import Article, Category

URLS_PER_SITEMAP = 50_000  # the protocol's limit; larger sitemaps are paged


class ArticleSitemap(Sitemap[Article]):
    limit = URLS_PER_SITEMAP

    def items(self) -> QuerySet[Article]:
        return (
            selectors.published_articles()
            .select_related(None)
            .only("pk", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, item: Article) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # One aggregate, where Django's default reads every item.
        latest: dt.datetime | None = self.items().aggregate(latest=Max("updated_at"))["latest"]
        return latest


class CategorySitemap(Sitemap[Category]):
    limit = URLS_PER_SITEMAP

    def items(self) -> list[Category]:
        return selectors.categories()
