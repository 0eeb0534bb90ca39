"""Rate limits (429 with Retry-After), the one error shape, the requester's language."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_guest_over_the_limit_gets_429_with_retry_after(client, forum, settings):
    settings.LANTING_API_IP_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/boards").status_code == 200
    response = client.get("/api/boards")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "rate_limited"
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.get("/api/boards").status_code == 200  # per address


def test_a_token_has_its_own_limit(as_member, member, forum, settings):
    settings.LANTING_API_TOKEN_PER_MINUTE = 2
    bot = as_member(member)
    assert bot.get("/api/boards").status_code == 200
    assert bot.get("/api/boards").status_code == 200
    limited = bot.get("/api/boards")
    assert limited.status_code == 429 and "Retry-After" in limited
    assert as_member(member).get("/api/boards").status_code == 200  # another token


@pytest.mark.parametrize(
    ("headers", "language", "message"),
    [
        ({}, "zh-hans", "这里什么也没有，或者你无权查看。"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.8"}, "en", "There is nothing here"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR"}, "zh-hans", "这里什么也没有"),
    ],
)
def test_errors_come_in_the_requesters_language(client, db, headers, language, message):
    response = client.get("/api/threads/999999", **headers)
    assert response.status_code == 404
    assert response["Content-Language"] == language
    assert response.json()["error"]["message"].startswith(message)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_a_members_own_language_setting_wins(as_member, member, db):
    member.language = "en"
    member.save()
    response = as_member(member).get("/api/threads/999999", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response["Content-Language"] == "en"


def test_an_unsupported_method_is_405_in_the_error_shape_with_allow(client, forum):
    response = client.put(f"/api/threads/{forum['thread'].pk}/posts")
    assert response.status_code == 405
    assert "POST" in response["Allow"] and "GET" in response["Allow"]
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_a_wrong_type_in_the_query_is_a_400_naming_it(client, forum):
    response = client.get("/api/boards/life/threads", {"type": "abc"})
    assert response.status_code == 400
    assert "type" in response.json()["error"]["fields"]


def test_a_nul_byte_is_a_400_in_the_error_shape(client, db):
    response = client.get("/api/boards", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_searching_has_a_tighter_limit_of_its_own(client, forum, monkeypatch):
    from lanting.api import read

    monkeypatch.setattr(read, "SEARCHES", 2)
    for _ in range(2):
        assert client.get("/api/search/results", {"q": "伦敦"}).status_code == 200
    limited = client.get("/api/search/results", {"q": "伦敦"})
    assert limited.status_code == 429 and "Retry-After" in limited


def test_a_guest_reading_a_threads_posts_costs_two_queries_then_none(
    client, forum, django_assert_num_queries, settings
):
    url = f"/api/threads/{forum['thread'].pk}/posts"
    settings.LANTING_GUEST_PAGE_CACHE = False  # what making the answer costs
    client.get(url)  # the thread's row and the board rules are cached from here on
    with django_assert_num_queries(2):  # the page's posts, their attachments
        assert client.get(url).status_code == 200
    settings.LANTING_GUEST_PAGE_CACHE = True
    client.get(url)  # kept
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_wrong_tokens_count_against_the_address(client, db, settings):
    settings.LANTING_API_IP_PER_MINUTE = 2
    for number in range(2):
        header = f"Bearer lt_abcdefg{number}_guess"
        assert client.get("/api/site", HTTP_AUTHORIZATION=header).status_code == 401
    guessing = client.get("/api/site", HTTP_AUTHORIZATION="Bearer lt_abcdefg9_guess")
    assert guessing.status_code == 429 and "Retry-After" in guessing


def test_a_services_posting_too_fast_refusal_is_a_429(as_member, member, forum, monkeypatch):
    from django.core.exceptions import ValidationError

    from lanting.forum import services

    def too_fast(**kwargs):
        raise ValidationError("太快了", code="flood", params={"wait": 12})

    monkeypatch.setattr(services, "reply_to_thread", too_fast)
    response = as_member(member).post(
        f"/api/threads/{forum['thread'].pk}/posts", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "12"
    assert response.json()["error"]["message"] == "太快了"
