"""The WSGI entry point answers guests' cached pages before Django builds a request."""

from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from lanting import wsgi
from lanting.accounts.models import MemberGroup
from lanting.core.models import SiteSettings
from lanting.moderation.services import ban_ip_range
from lanting.pagecache import counters
from lanting.portal.selectors import ARTICLE_VIEWS
from lanting.portal.services import comment_on_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    SiteSettings.objects.get_or_create(pk=1)


def _call(path: str, **extra: Any) -> tuple[str, dict[str, str], bytes]:
    method = extra.pop("REQUEST_METHOD", "GET")
    environ = dict(RequestFactory().generic(method, path, **extra).environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the test's database connection must stay open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = wsgi.application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def test_second_guest_view_is_served_without_django_or_queries(article):
    status, first_headers, first = _call(article.get_absolute_url())
    assert status == "200 OK" and first_headers["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        status, headers, body = _call(article.get_absolute_url())
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    # The headers the whole middleware stack gave the page come with the copy.
    for name in ("Content-Type", "X-Frame-Options", "Content-Language", "Vary"):
        assert headers[name] == first_headers[name]
    assert int(headers["Content-Length"]) == len(body)
    assert body.replace(b">2<", b">1<") == first


def test_view_counter_keeps_counting_across_a_flush(article):
    for n in range(1, 4):
        assert f'<em id="_viewnum">{n}</em>'.encode() in _call(article.get_absolute_url())[2]
    counters.flush(ARTICLE_VIEWS)
    article.refresh_from_db()
    assert article.views == 3
    _, headers, body = _call(article.get_absolute_url())
    assert headers["X-Page-Cache"] == "hit"  # the flush did not throw the copy away
    assert b'<em id="_viewnum">4</em>' in body


def test_head_and_revalidation(article):
    _call("/")
    status, headers, body = _call("/", REQUEST_METHOD="HEAD")
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) > 0
    status, _, body = _call("/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b""


def test_a_new_comment_is_not_hidden_by_the_fast_path(article, member):
    _call(article.get_absolute_url())
    comment_on_article(article=article, author=member, body="快速通道之后的评论")
    _, headers, body = _call(article.get_absolute_url())
    assert headers["X-Page-Cache"] == "miss"
    assert "快速通道之后的评论" in body.decode()


def test_banned_address_is_turned_away_even_from_a_cached_page(article, make_member):
    _call("/", REMOTE_ADDR="203.0.113.9")
    moderator = make_member("mod", group=MemberGroup.objects.get(code="super_moderator"))
    ban_ip_range(ip_range="203.0.113.0/24", moderator=moderator, reason="bots", until=None)
    status, _, body = _call("/", REMOTE_ADDR="203.0.113.9")
    assert status.startswith("403")
    assert "bots" in body.decode()
    assert _call("/", REMOTE_ADDR="198.51.100.7")[0] == "200 OK"


def test_members_and_posts_go_through_django(article, client, member):
    _call("/")
    client.force_login(member)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _, headers, body = _call("/", HTTP_COOKIE=cookie)
    assert "X-Page-Cache" not in headers
    assert member.username in body.decode()


def test_an_http_request_is_never_answered_with_the_https_copy(article, settings):
    # Behind a proxy with SSL redirection the http request must reach Django to be sent on.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    _call("/", HTTP_X_FORWARDED_PROTO="https")
    assert _call("/", HTTP_X_FORWARDED_PROTO="https")[1]["X-Page-Cache"] == "hit"
    _, headers, body = _call("/", HTTP_X_FORWARDED_PROTO="http")
    assert headers["X-Page-Cache"] == "miss"
    assert b'<link rel="canonical" href="http://' in body
