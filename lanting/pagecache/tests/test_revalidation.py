"""A browser asking again for a page it holds gets 304, whatever its view counter did meanwhile.

The ETag is made from the versions of what the page shows, not from its bytes: the view
counter (a new number at every request) stays out of it, and a worker that renders the page
afresh (another process, a copy evicted) hands out the same ETag as the one that kept it.
"""

from typing import Any

import pytest
from django.test import RequestFactory
from django.utils.http import http_date, parse_http_date

from lanting.core.models import SiteSettings
from lanting.forum.models import Board, Section
from lanting.forum.services import create_thread, reply_to_thread
from lanting.pagecache import guests
from lanting.portal.services import comment_on_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    SiteSettings.objects.get_or_create(pk=1)


@pytest.fixture
def thread(make_member):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    return create_thread(board=board, author=make_member("op"), title="再问一次", body="第一楼")


@pytest.fixture
def pages(article, thread) -> dict[str, str]:
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "board": thread.board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
    }


def _forget_kept_copy(path: str) -> None:
    """As if another worker, which never kept this page, answers next."""
    key = guests.guest_key(RequestFactory().get(path).META)
    assert key is not None
    guests._pages().forget(key)
    from lanting.pagecache.redispages import redis_pages

    found = redis_pages()
    if found is not None:
        found.clear_near()


@pytest.mark.parametrize("name", ["home", "article", "board", "thread"])
def test_a_repeat_request_with_its_etag_answers_304(client, pages, name):
    path = pages[name]
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    for _ in range(3):  # the view counter rises; the page is the same page
        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, name
        assert again.content == b""
        assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", ["home", "article", "board", "thread"])
def test_a_page_rendered_afresh_keeps_its_etag(client, pages, name):
    path = pages[name]
    first = client.get(path)
    _forget_kept_copy(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again["X-Page-Cache"] == "miss"
    assert again.status_code == 304
    _forget_kept_copy(path)
    assert client.get(path)["ETag"] == first["ETag"]


def test_a_counted_page_shows_the_rising_count_under_one_etag(client, article):
    bodies = [client.get(article.get_absolute_url()) for _ in range(3)]
    assert len({b["ETag"] for b in bodies}) == 1
    assert b'<em id="_viewnum">3</em>' in bodies[-1].content


def test_a_change_gives_a_new_etag_and_the_whole_page(client, article, thread, member):
    etag = client.get(article.get_absolute_url())["ETag"]
    comment_on_article(article=article, author=member, body="新评论")
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "新评论" in changed.content.decode()
    etag = client.get(thread.get_absolute_url())["ETag"]
    reply_to_thread(thread=thread, author=member, body="新回复")
    changed = client.get(thread.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "新回复" in changed.content.decode()


def _since(response: Any, seconds: int) -> str:
    return http_date(parse_http_date(response["Last-Modified"]) + seconds)


@pytest.mark.parametrize("name", ["home", "article", "board", "thread"])
def test_if_modified_since_answers_304_until_the_page_changes(client, pages, name):
    path = pages[name]
    first = client.get(path)
    assert first["Last-Modified"]
    kept = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert kept.status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=_since(first, -1)).status_code == 200
    _forget_kept_copy(path)
    afresh = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert afresh.status_code == 304


def test_if_none_match_rules_over_if_modified_since(client, article):
    first = client.get(article.get_absolute_url())
    answer = client.get(
        article.get_absolute_url(),
        HTTP_IF_NONE_MATCH='"something-else"',
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert answer.status_code == 200


def test_members_are_not_answered_from_a_guests_etag(client, article, member):
    etag = client.get(article.get_absolute_url())["ETag"]
    client.force_login(member)
    page = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert page.status_code == 200
    assert member.username in page.content.decode()


def test_the_wsgi_fast_path_answers_304_to_an_article_whose_counter_moved(article):
    from lanting.pagecache.tests.test_wsgi import _call

    status, headers, _ = _call(article.get_absolute_url())
    assert status == "200 OK"
    for _ in range(2):
        status, again, body = _call(article.get_absolute_url(), HTTP_IF_NONE_MATCH=headers["ETag"])
        assert status == "304 Not Modified" and body == b""
        assert again["ETag"] == headers["ETag"]
    status, _, body = _call(
        article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=headers["Last-Modified"]
    )
    assert status == "304 Not Modified"
