from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from lanting.accounts.models import User
from lanting.pagecache import counters
from lanting.portal.models import Article, Category, Comment

ARTICLE_VIEWS = "article"
ARTICLES_PER_PAGE = 20
COMMENTS_ON_ARTICLE = 20
COMMENTS_PER_PAGE = 50


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
    ).select_related("category", "publisher")


def categories() -> list[Category]:
    return list(Category.objects.all())


def home_blocks(
    per_category: int = 6, *, shown: Iterable[Article] = ()
) -> list[tuple[Category, list[Article]]]:
    """Each top-level category with its newest articles not already ``shown`` above: two queries."""
    tops = [c for c in categories() if c.parent_id is None]
    ranked = (
        published_articles()
        .filter(category__in=tops)
        .exclude(pk__in=[a.pk for a in shown])
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("category_id"),
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_category)
        .defer("body", "body_html")
    )
    by_category: dict[int, list[Article]] = {c.pk: [] for c in tops}
    for article in ranked:
        by_category[article.category_id].append(article)
    return [(c, by_category[c.pk]) for c in tops if by_category[c.pk]]


def latest_articles(limit: int = 10) -> list[Article]:
    return list(published_articles().defer("body", "body_html")[:limit])


def category_by_slug(slug: str) -> Category:
    try:
        return Category.objects.select_related("parent").get(slug=slug)
    except Category.DoesNotExist:
        raise Http404 from None


def category_page(category: Category, page_number: str | None) -> Page[Article]:
    articles = (
        published_articles()
        .filter(Q(category=category) | Q(category__parent=category))
        .defer("body", "body_html")
    )
    return Paginator(articles, ARTICLES_PER_PAGE).get_page(page_number)


def article_for_reader(article_id: int, reader: Any) -> Article:
    """The article a reader may see: published, or any state for staff."""
    articles = Article.objects.select_related("category", "publisher")
    if not getattr(reader, "is_staff", False):
        articles = published_articles()
    try:
        return articles.get(pk=article_id)
    except Article.DoesNotExist:
        raise Http404 from None


def shown_views(article: Article) -> int:
    """Stored views plus those still waiting in the cache to be written."""
    return article.views + counters.pending_views(ARTICLE_VIEWS, [article.pk]).get(article.pk, 0)


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) published articles."""
    base = published_articles().select_related(None).only("pk", "title", "published_at")
    older = base.filter(
        Q(published_at__lt=article.published_at)
        | Q(published_at=article.published_at, pk__lt=article.pk)
    ).order_by("-published_at", "-pk")
    newer = base.filter(
        Q(published_at__gt=article.published_at)
        | Q(published_at=article.published_at, pk__gt=article.pk)
    ).order_by("published_at", "pk")
    return older.first(), newer.first()


def related_articles(article: Article, limit: int = 6) -> list[Article]:
    return list(
        published_articles()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .select_related(None)
        .only("pk", "title", "published_at")[:limit]
    )


def public_comments(article: Article) -> QuerySet[Comment]:
    return Comment.objects.filter(article=article, is_public=True).select_related("author")


def latest_comments(article: Article) -> list[Comment]:
    return list(public_comments(article)[:COMMENTS_ON_ARTICLE])


def comments_page(article: Article, page_number: str | None) -> Page[Comment]:
    return Paginator(public_comments(article), COMMENTS_PER_PAGE).get_page(page_number)


def portal_activity_of(member: User, viewer: Any = None) -> dict[str, Any]:
    return {
        "articles": list(
            published_articles()
            .filter(publisher=member)
            .select_related(None)
            .only("pk", "title", "published_at")[:10]
        ),
        "comments": list(
            Comment.objects.filter(author=member, is_public=True)
            .select_related("article")
            .only("pk", "body", "created_at", "article__id", "article__title")[:10]
        ),
    }


OWN_PENDING_KEY = "portal:own-pending:{article}"


def own_pending_comments(article: Article, viewer: Any) -> list[Comment]:
    """The reader's own comments on this article that wait for review (shown to them alone).

    Which members have some is kept in the cache, so other readers cost no query.
    """
    from django.core.cache import cache

    member_id = getattr(viewer, "pk", None)
    waiting: dict[int, list[int]] = cache.get(OWN_PENDING_KEY.format(article=article.pk)) or {}
    ids = waiting.get(member_id, []) if member_id else []
    if not ids:
        return []
    return list(
        Comment.objects.filter(pk__in=ids, author_id=member_id, is_public=False).select_related(
            "author"
        )
    )


def note_own_pending_comment(comment: Comment, *, waiting: bool) -> None:
    from django.core.cache import cache

    key = OWN_PENDING_KEY.format(article=comment.article_id)
    marks: dict[int, list[int]] = cache.get(key) or {}
    ids = set(marks.get(comment.author_id, []))
    (ids.add if waiting else ids.discard)(comment.pk)
    marks[comment.author_id] = sorted(ids)
    cache.set(key, {k: v for k, v in marks.items() if v}, 30 * 86400)
