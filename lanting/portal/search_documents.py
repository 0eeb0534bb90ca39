"""Portal articles as search documents: title, summary and body."""

from collections.abc import Iterator

from django.db.models import Q

from lanting.jobs.queue import enqueue_after_write, job
from lanting.markup.text import html_to_text
from lanting.portal.models import Article
from lanting.search.documents import Kind, SearchDocument, in_chunks, register_source
from lanting.search.services import index_document, remove_document


def article_document(article: Article) -> SearchDocument:
    # A written summary is searched too; one cut from the body would only repeat it.
    summary = " ".join(article.summary.split())
    body = html_to_text(article.body_html)
    return SearchDocument(
        kind=Kind.ARTICLE,
        object_id=article.pk,
        title=article.title,
        body=f"{summary}\n{body}" if summary else body,
        url=article.get_absolute_url(),
        author_name=article.publisher.username,
        created_at=article.published_at,
        # Scheduled articles are indexed now; search shows them from published_at on.
        visible=article.status == Article.Status.PUBLISHED,
        context=article.category.name,
    )


def index_article(article_id: int) -> None:
    """After an article is saved, published, unpublished or deleted.

    One that is gone or not published leaves search now; the worker indexes the rest.
    """
    status = Article.objects.filter(pk=article_id).values_list("status", flat=True).first()
    if status != Article.Status.PUBLISHED:
        remove_document(Kind.ARTICLE, article_id)
        return
    enqueue_after_write(reindex_article, article_id)


@job(attempts=5, backoff=30)
def reindex_article(article_id: int) -> None:
    article = Article.objects.select_related("category", "publisher").filter(pk=article_id).first()
    if article is None:
        remove_document(Kind.ARTICLE, article_id)
    else:
        index_document(article_document(article))


def _published() -> Q:
    return Q(status=Article.Status.PUBLISHED)


def articles(*, containing: str | None = None) -> Iterator[SearchDocument]:
    rows = Article.objects.filter(_published()).select_related("category", "publisher")
    if containing:
        rows = rows.filter(
            Q(title__icontains=containing)
            | Q(summary__icontains=containing)
            | Q(body__icontains=containing)
        )
    for chunk in in_chunks(rows):
        yield from (article_document(article) for article in chunk)


def count_articles() -> int:
    return Article.objects.filter(_published()).count()


def connect() -> None:
    register_source(Kind.ARTICLE, articles, count=count_articles)
