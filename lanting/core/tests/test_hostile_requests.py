"""Hostile requests get a 4xx in the site's words, logged quietly: never a 500."""

import logging

import pytest

pytestmark = pytest.mark.django_db

NUL_URLS = [
    "/forum/%00/",
    "/u/%00/",
    "/category/%00/",
    "/forum/rent/?area=%00",
    "/search/?q=%00",
    "/thread/1/?page=%00",
    "/article/1/?from=a%00b",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_a_nul_byte_is_a_bad_request_not_an_error(client, url, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get(url)
    assert response.status_code == 400
    assert "<title>" in response.content.decode()  # the site's page, not a bare one
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("url", NUL_URLS[:2])
def test_a_member_with_a_nul_byte_gets_a_bad_request_too(client, make_member, url):
    client.force_login(make_member("reader"))
    assert client.get(url).status_code == 400


def test_an_unknown_host_is_a_bad_request_logged_quietly(client, capfd):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    out, err = capfd.readouterr()
    assert "HTTP_HOST" not in out + err  # a scanner's request: nothing in the server's log
    handlers = logging.getLogger("django.security.DisallowedHost").handlers
    assert not [h for h in handlers if type(h) is logging.StreamHandler]


def test_an_unknown_host_on_any_page_is_a_bad_request(client, make_article):
    article = make_article()
    for url in ("/forum/", article.get_absolute_url(), "/search/?q=x", "/nowhere/"):
        assert client.get(url, HTTP_HOST="evil.example").status_code == 400
