"""Two members registered through the form write to each other, at 390 px and 1280 px.

A writes B from B's profile; B sees the unread count in the account box, opens the
conversation and answers; B blocks A; A's next message is refused with a clear message
and A's words stay in the box. Screenshots go to the test's own folder.
"""

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.demo.tests.test_browser_site import (
    ACCESSIBILITY_JS,
    MIN_TARGET,
    OVERFLOWING_ELEMENTS_JS,
    SMALL_TARGETS_JS,
    TOUCH_TARGETS,
)
from lanting.messages.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Hampstead-Heath-1871-pond"  # test members only


def _check_page(page, width: int) -> None:
    """Fits the screen, passes the accessibility basics, touch targets of 44 px on a phone."""
    assert page.evaluate(OVERFLOWING_ELEMENTS_JS, width) == [], page.url
    assert page.evaluate(ACCESSIBILITY_JS) == [], page.url
    if width < 500:
        targets = TOUCH_TARGETS + ", .conversation-line > a"
        assert page.evaluate(SMALL_TARGETS_JS, [targets, MIN_TARGET]) == [], page.url


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_two_newcomers_write_block_and_are_refused(live_server, chromium_browser, tmp_path, width):
    a_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    b_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        a, b = a_context.new_page(), b_context.new_page()
        register_newcomer(a, live_server, "amy_a", PASSWORD, mails=1, from_home=True)
        register_newcomer(b, live_server, "bob_b", PASSWORD, mails=2, from_home=True)
        b_inbox = b.locator(".site-header .inbox")
        expect(b_inbox.locator(".count")).to_have_count(0)

        # A writes B from B's profile.
        a.goto(live_server.url + "/u/bob_b/")
        a.get_by_role("link", name="发消息", exact=True).click()
        expect(a.get_by_label("收件人", exact=True)).to_have_value("bob_b")
        a.get_by_label("标题", exact=True).fill("周六骑车")
        body = a.get_by_label("内容", exact=True)
        body.fill("周六从摄政公园出发，")
        body.evaluate("area => area.setSelectionRange(0, 2)")  # 周六
        a.get_by_role("toolbar").get_by_role("button", name="粗体").click()
        expect(body).to_have_value("[b]周六[/b]从摄政公园出发，")
        _check_page(a, width)
        a.screenshot(path=tmp_path / f"a-writes-{width}.png", full_page=True)
        a.get_by_role("button", name="发送", exact=True).click()
        expect(a.locator(".messages")).to_contain_text("短消息已发送")
        expect(a.get_by_role("heading", level=1)).to_have_text("周六骑车")
        expect(a.locator(".pm-message strong")).to_have_text("周六")

        # B sees the unread count in the account box and answers.
        b.reload()
        expect(b_inbox.locator(".count")).to_have_text("1")
        expect(b_inbox).to_have_attribute("aria-label", "短消息，1 条未读")
        b.screenshot(path=tmp_path / f"b-unread-{width}.png")
        b_inbox.click()
        line = b.locator(".conversation-line.unread")
        expect(line).to_contain_text("周六骑车")
        expect(line).to_contain_text("amy_a")
        expect(line).to_contain_text("1 条未读")
        _check_page(b, width)
        line.get_by_role("link", name="周六骑车").click()
        expect(b.locator(".pm-message strong")).to_have_text("周六")
        expect(b_inbox.locator(".count")).to_have_count(0)  # read now
        b.get_by_label("回复", exact=True).fill("好呀，几点？")
        b.get_by_role("button", name="发送", exact=True).click()
        expect(b.locator(".pm-message").last).to_contain_text("好呀，几点？")

        # B blocks A.
        b.get_by_role("button", name="屏蔽 amy_a", exact=True).click()
        expect(b.locator(".messages")).to_contain_text("已屏蔽 amy_a")
        _check_page(b, width)
        b.screenshot(path=tmp_path / f"b-blocked-{width}.png", full_page=True)

        # A's next message is refused with a clear message, A's words kept.
        a.reload()
        expect(a.locator(".pm-message").last).to_contain_text("好呀，几点？")
        a.get_by_label("回复", exact=True).fill("九点，公园门口见")
        a.get_by_role("button", name="发送", exact=True).click()
        alert = a.locator(".reply-form [role=alert]")
        expect(alert).to_have_text("bob_b 不接收你的短消息。")
        expect(a.get_by_label("回复", exact=True)).to_have_value("九点，公园门口见")
        a.screenshot(path=tmp_path / f"a-refused-{width}.png", full_page=True)
        assert Message.objects.count() == 2
        # A new conversation is refused the same way.
        a.goto(live_server.url + "/messages/new/?to=bob_b")
        a.get_by_label("内容", exact=True).fill("换个会话再试")
        a.get_by_role("button", name="发送", exact=True).click()
        expect(a.locator(".pm-form [role=alert]")).to_have_text("bob_b 不接收你的短消息。")
        expect(a.get_by_label("内容", exact=True)).to_have_value("换个会话再试")
        assert Message.objects.count() == 2

        # B finds A on the blocked list and could let them write again.
        b.goto(live_server.url + "/messages/blocked/")
        expect(b.locator(".blocked-list")).to_contain_text("amy_a")
        _check_page(b, width)
    finally:
        a_context.close()
        b_context.close()
