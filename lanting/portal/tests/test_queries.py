"""Every page costs the same number of SQL queries, whatever the size of the site."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanting.portal.models import Article, Category, Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """Measure rendering itself: with the guest page cache on, a warm page costs 0 queries."""
    settings.LANTING_GUEST_PAGE_CACHE = False


def _grow_site(publisher, commenter, categories, articles: int) -> Article:
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Article {n}",
            category=categories[n % len(categories)],
            publisher=publisher,
            published_at=now - dt.timedelta(minutes=n + 1),
            body="<p>body</p>",
            body_html="<p>body</p>",
            summary_text="body",
        )
        for n in range(articles)
    )
    target = Article.objects.order_by("published_at")[articles // 2]
    Comment.objects.bulk_create(
        Comment(article=target, author=commenter, body=f"c{n}", body_html=f"<p>c{n}</p>")
        for n in range(min(articles, 60))
    )
    return target


def _queries(client, url: str) -> int:
    client.get(url)  # warm the site chrome cache, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("logged_in", [False, True])
def test_pages_cost_the_same_queries_at_10_and_1000_articles(client, publisher, member, logged_in):
    if logged_in:
        client.force_login(member)
    categories = [
        Category.objects.create(name="新闻", slug="news"),
        Category.objects.create(name="社区", slug="community"),
        Category.objects.create(name="生活", slug="life"),
    ]
    counts = []
    for size in (10, 1000):
        Comment.objects.all().delete()
        Article.objects.all().delete()
        article = _grow_site(publisher, member, categories, size)
        urls = [
            "/",
            "/category/news/",
            "/category/news/?page=3",
            article.get_absolute_url(),
            f"/article/{article.pk}/comments/",
            "/u/leedell/",
        ]
        counts.append({url.split("/")[1] + url[-8:]: _queries(client, url) for url in urls})
    small, large = counts
    assert list(small.values()) == list(large.values()), (small, large)
    assert max(small.values()) <= 10, small
