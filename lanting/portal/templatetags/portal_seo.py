"""Structured data (JSON-LD) for portal pages, as search engines read news articles."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lanting.core.seo import json_ld, share_image_url
from lanting.portal.models import Article

register = template.Library()

HEADLINE_LENGTH = 110  # longer headlines are cut by search engines anyway


@register.simple_tag(takes_context=True)
def article_json_ld(context: template.Context, article: Article) -> SafeString:
    request = context["request"]
    site = context.get("chrome") or {}
    url = request.build_absolute_uri(article.get_absolute_url())
    publisher = article.publisher
    author: dict[str, Any] = (
        {"@type": "Person", "name": article.original_author}
        if article.original_author
        else {
            "@type": "Person",
            "name": publisher.shown_name,
            "url": request.build_absolute_uri(publisher.get_absolute_url()),
        }
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:HEADLINE_LENGTH],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "author": [author],
        "publisher": {
            "@type": "Organization",
            "name": site.get("name", ""),
            "logo": {"@type": "ImageObject", "url": share_image_url(request)},
        },
        # The article's own picture; the site's icon only when it has none.
        "image": [
            request.build_absolute_uri(article.picture_url)
            if article.picture_url
            else share_image_url(request)
        ],
        "articleSection": article.category.name,
        "commentCount": article.comment_count,
    }
    if article.summary_text:
        data["description"] = article.summary_text
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return json_ld(data)
