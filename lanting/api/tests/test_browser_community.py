"""A newcomer's script votes, keeps a thread, writes a private message and reports a post
with a token, and sees it all on the site's pages; the owner has reports sent to a webhook.
At 390 px and 1280 px. The member registers through the form, with a new member's rights.
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.api import webhooks
from lanting.api.models import Webhook, WebhookDelivery
from lanting.api.tests.test_browser_tokens import (
    PASSWORD,
    _no_sideways_scroll,
    _post_json,
    owner_adds_webhook,
)
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.forum import services
from lanting.forum.models import Board, Section
from lanting.messages.models import Block
from lanting.moderation.queue import report_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _zh(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_newcomers_script_votes_keeps_writes_and_reports(live_server, chromium_browser, width):
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="租房", slug="housing")
    elder = User.objects.create_user("老会员", "old@example.com", "not-used-here-1")
    thread = services.create_thread(board=board, author=elder, title="东区合租", body="房间一间")
    post = thread.posts.get(position=1)
    api = f"{live_server.url}/api"
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        register_newcomer(
            page,
            live_server,
            "脚本新人",
            PASSWORD,
            email="script-newcomer@example.com",
            exact=False,
        )
        member = User.objects.get(username="脚本新人")
        assert member.rank is not None and member.rank.name == "新手上路"
        page.goto(live_server.url + "/accounts/settings/tokens/")
        page.get_by_label("名称").fill("助手")
        page.get_by_label("读写").check()
        page.get_by_role("button", name="创建令牌", exact=True).click()
        token = page.locator("#new-token").inner_text().strip()

        status, body = _post_json(f"{api}/posts/{post.pk}/vote", token, {"attitude": "support"})
        assert status == 201 and body["support"] == 1, body
        status, body = _post_json(f"{api}/posts/{post.pk}/vote", token, {"attitude": "support"})
        assert status == 409
        assert body["error"]["message"] == _zh("You have already voted on this post.")

        status, body = _post_json(f"{api}/threads/{thread.pk}/favorite", token)
        assert status == 201, body
        page.goto(live_server.url + "/favorites/")
        expect(page.locator("main")).to_contain_text("东区合租")
        _no_sideways_scroll(page, width)

        message = {"to": ["老会员"], "subject": "看房", "body": "周六可以吗"}
        status, body = _post_json(f"{api}/conversations", token, message)
        assert status == 201, body
        page.goto(live_server.url + "/messages/")
        page.get_by_role("link", name="看房").click()
        expect(page.locator("main")).to_contain_text("周六可以吗")
        _no_sideways_scroll(page, width)

        Block.objects.create(member=elder, blocked=member)
        status, body = _post_json(
            f"{api}/conversations", token, {"to": ["老会员"], "body": "还在吗"}
        )
        assert status == 403 and body["error"]["code"] == "to_blocked"
        assert "老会员" in body["error"]["fields"]["to"][0]

        report = {"target": "post", "id": post.pk, "reason": "fraud", "text": "要求先付定金"}
        assert _post_json(f"{api}/reports", token, report)[0] == 201
        status, body = _post_json(f"{api}/reports", token, report)
        assert status == 409 and body["error"]["code"] == "already_reported"
    finally:
        context.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_owner_has_reports_sent_to_a_webhook(live_server, chromium_browser, width, monkeypatch):
    monkeypatch.setattr(webhooks, "post_json", lambda url, body, headers: 200)
    User.objects.create_superuser("zhanzhang", "owner@example.com", PASSWORD)
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        owner_adds_webhook(page, live_server, "https://hooks.example.com/reports", "新举报")
        assert Webhook.objects.get().events == ["report.created"]

        section = Section.objects.create(name="伦敦生活")
        board = Board.objects.create(section=section, name="租房", slug="housing")
        author = User.objects.create_user("发帖人", "poster@example.com", "not-used-here-1")
        reporter = User.objects.create_user("举报人", "reporter@example.com", "not-used-here-2")
        thread = services.create_thread(board=board, author=author, title="低价转租", body="先转账")
        report_content(target=thread.posts.get(position=1), reporter=reporter, reason="fraud")
        assert WebhookDelivery.objects.get().status == "delivered"
        page.goto(live_server.url + "/admin/api/webhookdelivery/")
        expect(page.locator("#result_list")).to_contain_text("新举报")
    finally:
        context.close()
