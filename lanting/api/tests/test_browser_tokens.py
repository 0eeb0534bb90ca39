"""A newcomer makes an API token on the settings page, posts a reply with it, revokes it;
the owner registers a webhook in the admin and reads its delivery log. At 390 px and 1280 px.

The member registers through the form and has a new member's rights (新手上路).
"""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.api import webhooks
from lanting.api.models import ApiToken, Webhook, WebhookDelivery
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.forum import services
from lanting.forum.models import Board, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Primrose-Hill-1842-view"  # a test member only


def _no_sideways_scroll(page, width: int) -> None:
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner == width, (scroll, inner)


def _post_json(url, token, payload=None):
    """POST with the token (and a JSON body when there is a payload): (status, JSON answer)."""
    headers = {"Authorization": f"Bearer {token}"}
    if payload is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(  # noqa: S310  (the test's own live server)
        url,
        data=None if payload is None else json.dumps(payload).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_newcomer_posts_a_reply_with_a_token_and_revokes_it(live_server, chromium_browser, width):
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="教育", slug="education")
    elder = User.objects.create_user("老会员", "old@example.com", "not-used-here-1")
    thread = services.create_thread(board=board, author=elder, title="中文学校", body="推荐一下")
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        register_newcomer(
            page, live_server, "机器人主人", PASSWORD, email="robot-owner@example.com"
        )
        member = User.objects.get(username="机器人主人")
        assert member.rank is not None and member.rank.name == "新手上路"

        page.goto(live_server.url + "/accounts/settings/")
        page.get_by_role("link", name="API 令牌").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("API 令牌")
        page.get_by_role("button", name="创建令牌", exact=True).click()  # no name: said so
        expect(page.locator(".errors")).to_be_visible()
        page.get_by_label("名称").fill("新闻机器人")
        page.get_by_label("读写").check()
        page.get_by_role("button", name="创建令牌", exact=True).click()
        token = page.locator("#new-token").inner_text().strip()
        assert token.startswith("lt_")
        _no_sideways_scroll(page, width)
        assert ApiToken.objects.get(member=member).hashed != token

        status, body = _post_json(
            f"{live_server.url}/api/threads/{thread.pk}/posts", token, {"body": "机器人来报到"}
        )
        assert status == 201, body
        page.goto(live_server.url + thread.get_absolute_url())
        expect(page.get_by_text("机器人来报到")).to_be_visible()

        page.goto(live_server.url + "/accounts/settings/tokens/")
        expect(page.locator("#new-token")).to_have_count(0)  # shown once only
        page.get_by_role("button", name="吊销“新闻机器人”").click()
        expect(page.locator(".messages")).to_contain_text("令牌已吊销")
        _no_sideways_scroll(page, width)
        status, body = _post_json(
            f"{live_server.url}/api/threads/{thread.pk}/posts", token, {"body": "还在吗"}
        )
        assert status == 401 and body["error"]["code"] == "invalid_token"
    finally:
        context.close()


def owner_adds_webhook(page, live_server, url: str, event: str) -> None:
    """The owner (zhanzhang) logs in to the admin and registers a webhook for one event."""
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("用户名").fill("zhanzhang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/admin/api/webhook/add/")
    page.get_by_label("网址").fill(url)
    page.get_by_label(event).check()
    page.get_by_role("button", name="保存", exact=True).click()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_owner_registers_a_webhook_and_reads_its_log(
    live_server, chromium_browser, width, monkeypatch
):
    monkeypatch.setattr(webhooks, "post_json", lambda url, body, headers: 500)
    User.objects.create_superuser("zhanzhang", "owner@example.com", PASSWORD)
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        owner_adds_webhook(page, live_server, "https://hooks.example.com/lanting", "新回复")
        hook = Webhook.objects.get()
        assert hook.events == ["post.created"] and len(hook.secret) >= 32

        section = Section.objects.create(name="伦敦生活")
        board = Board.objects.create(section=section, name="教育", slug="education")
        owner = User.objects.get(username="zhanzhang")
        thread = services.create_thread(board=board, author=owner, title="公告", body="欢迎")
        services.reply_to_thread(thread=thread, author=owner, body="补充")
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "retrying" or delivery.status == "failed"
        page.goto(live_server.url + "/admin/api/webhookdelivery/")
        expect(page.locator("#result_list")).to_contain_text("新回复")
        expect(page.locator("#result_list")).to_contain_text("500")
    finally:
        context.close()
