"""Structured data (JSON-LD) for thread pages, as search engines read forum discussions."""

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from lanting.core.seo import json_ld
from lanting.forum.models import Post, Thread
from lanting.forum.selectors import OpeningPost
from lanting.markup import summary
from lanting.markup.text import html_to_text

register = template.Library()

COMMENT_TEXT_WIDTH = 1000  # display width: replies are summarised, the page has them whole


def _author(request: HttpRequest, post: Post | Thread) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": post.author_name}
    if post.author is not None:
        person["url"] = request.build_absolute_uri(post.author.get_absolute_url())
    return person


@register.simple_tag(takes_context=True)
def thread_json_ld(
    context: template.Context,
    thread: Thread,
    posts: list[Post],
    views: int,
    opening: Post | OpeningPost | None = None,
    page: int = 1,
) -> SafeString:
    """A DiscussionForumPosting of the thread, with the replies on this page as comments.

    Every page carries the original post (its text, from ``opening``) with the thread's
    first-page address as its ``url``, as Google asks of a multi-page forum thread
    ("later pages of content in multi-page forums include the original post with the
    main page URL"); only the first page is the posting's ``mainEntityOfPage``. The text
    is the post as guests see it: a [hide] part stays hidden here too.
    """
    request = context["request"]
    url = request.build_absolute_uri(thread.get_absolute_url())
    shown = [post for post in posts if not post.is_deleted]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "url": url,
        "datePublished": thread.created_at,
        "author": _author(request, thread),
        "commentCount": thread.reply_count,
        "interactionStatistic": [
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/CommentAction",
                "userInteractionCount": thread.reply_count,
            },
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/ViewAction",
                "userInteractionCount": views,
            },
        ],
        "isPartOf": request.build_absolute_uri(thread.board.get_absolute_url()),
    }
    if page == 1:
        data["mainEntityOfPage"] = url
    if opening is not None:
        data["text"] = html_to_text(opening.body_html)
    # The discussion changes with each reply as well as with an edit of its first post.
    changed = [thread.created_at, thread.last_post_at]
    if opening is not None and opening.edited_at:
        changed.append(opening.edited_at)
    data["dateModified"] = max(changed)
    data["comment"] = [
        {
            "@type": "Comment",
            "url": request.build_absolute_uri(post.get_absolute_url()),
            "author": _author(request, post),
            "datePublished": post.created_at,
            "text": summary(post.body_html, COMMENT_TEXT_WIDTH),
        }
        for post in shown
        if post.position > 1
    ]
    return json_ld(data)
