"""RSS 2.0 and Atom feeds of the portal: all articles, and one category's."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from lanting.core.selectors import site_chrome
from lanting.portal import selectors
from lanting.portal.models import Article, Category

ITEMS_IN_FEED = 20


class ArticleItems:
    """How an article reads as a feed item, in every portal feed."""

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary_text

    def item_pubdate(self, item: Article) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.original_author or item.publisher.shown_name

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]


class LatestArticlesFeed(ArticleItems, Feed[Article, None]):
    def title(self) -> str:
        return _("Latest articles - %(site)s") % {"site": site_chrome()["name"]}

    def link(self) -> str:
        return reverse("portal:home")

    def description(self) -> str:
        return str(site_chrome()["slogan"])

    def items(self) -> list[Article]:
        return list(selectors.published_articles().defer("body")[:ITEMS_IN_FEED])


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


class CategoryArticlesFeed(ArticleItems, Feed[Article, Category]):
    def get_object(self, request: HttpRequest, slug: str) -> Category:
        return selectors.category_by_slug(slug)  # raises Http404 for an unknown one

    def title(self, obj: Category) -> str:
        return _("%(category)s - %(site)s") % {"category": obj.name, "site": site_chrome()["name"]}

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Category) -> str:
        return obj.description or obj.name

    def items(self, obj: Category) -> list[Article]:
        return list(
            selectors.published_articles()
            .filter(Q(category=obj) | Q(category__parent=obj))
            .defer("body")[:ITEMS_IN_FEED]
        )


class CategoryArticlesAtomFeed(CategoryArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category) -> str:
        return self.description(obj)
