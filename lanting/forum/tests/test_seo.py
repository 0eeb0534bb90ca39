"""What search engines and link previews read on forum pages."""

import json
import re

import pytest

from lanting.forum import services
from lanting.forum.models import POSTS_PER_PAGE

pytestmark = pytest.mark.django_db


def _head(html):
    return html[: html.index("</head>")]


def _json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_thread_json_ld_is_a_discussion_with_its_replies(client, thread, make_reply, make_member):
    replier = make_member("huitie")
    make_reply(thread, replier, "[b]海德公园[/b] & 摄政公园")
    html = client.get(thread.get_absolute_url()).content.decode()
    data = _json_ld(html)
    url = f"http://testserver/thread/{thread.pk}/"
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == thread.title
    assert data["text"] == "大家推荐一下。"
    assert data["url"] == url
    assert data["author"] == {
        "@type": "Person",
        "name": "louzhu",
        "url": "http://testserver/u/louzhu/",
    }
    assert data["commentCount"] == 1
    counters = {
        c["interactionType"]: c["userInteractionCount"] for c in data["interactionStatistic"]
    }
    assert counters["https://schema.org/CommentAction"] == 1
    assert counters["https://schema.org/ViewAction"] == 1
    [comment] = data["comment"]
    assert comment["@type"] == "Comment"
    assert comment["text"] == "海德公园 & 摄政公园"
    assert comment["author"]["name"] == "huitie"
    assert comment["url"] == url + "#p2"


def test_thread_head_has_description_from_the_first_post_and_a_canonical_page(
    client, thread, make_member
):
    html = client.get(thread.get_absolute_url() + "?page=1&quote=3").content.decode()
    head = _head(html)
    assert '<meta name="description" content="大家推荐一下。">' in head
    assert f'<link rel="canonical" href="http://testserver/thread/{thread.pk}/">' in head
    assert f'<meta property="og:title" content="{thread.title}">' in head
    assert f'href="/thread/{thread.pk}/feed/"' in head
    replier = make_member("huitie")
    for _ in range(POSTS_PER_PAGE):
        services.reply_to_thread(thread=thread, author=replier, body="顶")
    second = _head(client.get(thread.get_absolute_url() + "?page=last").content.decode())
    assert f'<link rel="canonical" href="http://testserver/thread/{thread.pk}/?page=2">' in second
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/thread/{thread.pk}/'
        '?page=2&amp;lang=en">' in second
    )


def test_hidden_part_of_a_post_stays_out_of_the_page_head(client, board, author):
    thread = services.create_thread(
        board=board, author=author, title="有隐藏内容", body="公开部分[hide]回复可见的秘密[/hide]"
    )
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "回复可见的秘密" not in _head(html)


def test_board_and_forum_index_have_share_tags_and_feeds(client, board):
    board_head = _head(client.get(board.get_absolute_url() + "?sort=new").content.decode())
    assert f'<link rel="canonical" href="http://testserver/forum/{board.slug}/">' in board_head
    assert f'<meta property="og:title" content="{board.name}">' in board_head
    assert f'href="/forum/{board.slug}/feed/"' in board_head
    index_head = _head(client.get("/forum/").content.decode())
    assert '<meta name="description"' in index_head
    assert '<meta property="og:url" content="http://testserver/forum/">' in index_head
