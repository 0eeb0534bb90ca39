"""Two members registered through the form write to each other, at 390 px and 1280 px.

A writes B from B's profile; B sees the unread count in the account box, opens the
conversation and answers; B blocks A; A's next message is refused with a clear message
and A's words stay in the box. Screenshots go to the test's own folder.
"""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
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
WIDTHS = {
    390: {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    1280: {"viewport": {"width": 1280, "height": 900}},
}


def _mail_link(count: int) -> str:
    deadline = time.monotonic() + 5
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) == count, [m.subject for m in mail.outbox]
    links = re.findall(r"https?://\S+/accounts/register/verify/\S+", str(mail.outbox[-1].body))
    assert len(links) == 1
    return str(links[0])


def _check_page(page, width: int) -> None:
    """Fits the screen, passes the accessibility basics, touch targets of 44 px on a phone."""
    assert page.evaluate(OVERFLOWING_ELEMENTS_JS, width) == [], page.url
    assert page.evaluate(ACCESSIBILITY_JS) == [], page.url
    if width < 500:
        targets = TOUCH_TARGETS + ", .conversation-line > a"
        assert page.evaluate(SMALL_TARGETS_JS, [targets, MIN_TARGET]) == [], page.url


def _register_and_log_in(page, live_server, username: str, mails: int) -> None:
    """Through the form, as a newcomer does: register, confirm from the mail, log in."""
    account = page.locator(".site-header .account")
    page.goto(live_server.url + "/")
    account.get_by_role("link", name="注册", exact=True).click()
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("电子邮箱", exact=True).fill(f"{username}@example.com")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("确认密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="创建账号", exact=True).click()
    expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
    page.goto(_mail_link(mails))
    expect(page.locator(".messages")).to_contain_text("邮箱已确认")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()
    expect(account.get_by_role("link", name=username, exact=True)).to_be_visible()
    member = User.objects.get(username=username)
    assert member.rank is not None and member.rank.name == "新手上路"  # a newcomer's rights


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_two_newcomers_write_block_and_are_refused(live_server, chromium_browser, tmp_path, width):
    a_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    b_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        a, b = a_context.new_page(), b_context.new_page()
        _register_and_log_in(a, live_server, "amy_a", 1)
        _register_and_log_in(b, live_server, "bob_b", 2)
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
