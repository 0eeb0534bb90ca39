"""A thread's later pages describe themselves, and every page carries the original post."""

import json
import re
from typing import Any

import pytest

from lanting.forum import services
from lanting.forum.models import POSTS_PER_PAGE, Post

pytestmark = pytest.mark.django_db


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def _postings(html: str) -> list[dict[str, Any]]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    found = [json.loads(s) for s in scripts]
    return [d for d in found if d["@type"] == "DiscussionForumPosting"]


def _canonical(html: str) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert found
    return found[1].replace("&amp;", "&")


@pytest.fixture
def long_thread(thread, make_member):
    replier = make_member("huitie")
    for n in range(POSTS_PER_PAGE):
        services.reply_to_thread(thread=thread, author=replier, body=f"第 {n + 2} 楼的回复")
    thread.refresh_from_db()
    assert thread.last_page == 2
    return thread


def test_a_later_page_has_its_own_description(client, long_thread):
    head = _head(client.get(long_thread.get_absolute_url() + "?page=2").content.decode())
    found = re.search(r'<meta name="description" content="([^"]+)">', head)
    assert found and "第 2 页" in found[1] and "大家推荐一下。" in found[1]
    first = _head(client.get(long_thread.get_absolute_url()).content.decode())
    assert '<meta name="description" content="大家推荐一下。">' in first


def test_a_later_page_carries_the_original_post_with_the_first_page_address(client, long_thread):
    first_html = client.get(long_thread.get_absolute_url()).content.decode()
    later_html = client.get(long_thread.get_absolute_url() + "?page=2").content.decode()
    [first] = _postings(first_html)
    [later] = _postings(later_html)
    # Page 1 is the posting's own page: its url is that page's canonical address.
    assert first["url"] == _canonical(first_html) == first["mainEntityOfPage"]
    # Later pages: the original post, text and all, under the main page's address (Google's
    # documented form for multi-page threads); this page is not the posting's main page.
    assert later["text"] == first["text"] == "大家推荐一下。"
    assert later["url"] == _canonical(first_html)
    assert _canonical(later_html).endswith("?page=2")
    assert "mainEntityOfPage" not in later
    assert later["headline"] == long_thread.title
    texts = [c["text"] for c in later["comment"]]
    assert texts and all(t.startswith("第 ") for t in texts)
    assert f"第 {POSTS_PER_PAGE + 1} 楼的回复" in texts


def test_a_thread_has_a_date_modified_that_follows_replies_and_edits(
    client, thread, make_member, author
):
    [posting] = _postings(client.get(thread.get_absolute_url()).content.decode())
    assert posting["dateModified"] >= posting["datePublished"]
    services.reply_to_thread(thread=thread, author=make_member("late"), body="后来的回复")
    thread.refresh_from_db()
    [posting] = _postings(client.get(thread.get_absolute_url()).content.decode())
    assert posting["dateModified"] == thread.last_post_at.isoformat()[:23] + "Z"
    opening = Post.objects.get(thread=thread, position=1)
    services.edit_post(post=opening, editor=author, body="改过的第一楼")
    opening.refresh_from_db()
    html = client.get(thread.get_absolute_url()).content.decode()
    [posting] = _postings(html)
    assert posting["text"] == "改过的第一楼"
    assert posting["dateModified"] == opening.edited_at.isoformat()[:23] + "Z"


def test_an_edit_of_the_first_post_reaches_the_later_pages(client, long_thread, author):
    client.get(long_thread.get_absolute_url() + "?page=2")
    opening = Post.objects.get(thread=long_thread, position=1)
    services.edit_post(post=opening, editor=author, body="第一楼改了")
    [later] = _postings(client.get(long_thread.get_absolute_url() + "?page=2").content.decode())
    assert later["text"] == "第一楼改了"
