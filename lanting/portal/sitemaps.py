"""Sitemaps of the portal: the home page, published articles and the categories that list them."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

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
        # One aggregate for every category's newest article, where lastmod would ask per item.
        latest = dict(
            selectors.published_articles()
            .order_by()
            .values_list("category_id")
            .annotate(latest=Max("updated_at"))
        )
        found = selectors.categories()
        for category in found:
            category.sitemap_lastmod = latest.get(category.pk)  # type: ignore[attr-defined]
        return found

    def lastmod(self, item: Category) -> dt.datetime | None:
        changed: dt.datetime | None = getattr(item, "sitemap_lastmod", None)
        return changed


class HomeSitemap(Sitemap[str]):
    """The home page, changed with the newest article it shows."""

    def items(self) -> list[str]:
        return ["portal:home"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> dt.datetime | None:
        latest: dt.datetime | None = selectors.published_articles().aggregate(
            latest=Max("updated_at")
        )["latest"]
        return latest
