"""The community journey of issue #16, in two browsers: A on a phone, B on a desktop, both
registered through the form with a new member's rights.

A starts a thread; B quotes A, mentions @A (picked from the autocomplete), supports A's post
and keeps the thread; A's bell counts it and its notice lands on B's post; A writes B a
private message; B sees the unread count and answers; B blocks A, and A's next message is
refused with a clear message, A's words kept.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.forum.models import Board, Post, Section
from lanting.messages.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Hampstead-Heath-1871-pond"  # test members only


def test_a_thread_a_reply_a_like_a_favourite_a_message_and_a_block(
    live_server, chromium_browser, tmp_path
):
    board = Board.objects.create(
        section=Section.objects.create(name="伦敦生活"), name="闲聊", slug="chat"
    )
    a_context = new_browser_context(chromium_browser, live_server, **WIDTHS[390])
    b_context = new_browser_context(chromium_browser, live_server, **WIDTHS[1280])
    try:
        a, b = a_context.new_page(), b_context.new_page()
        register_newcomer(a, live_server, "amy_a", PASSWORD, mails=1, from_home=True)
        register_newcomer(b, live_server, "bob_b", PASSWORD, mails=2, from_home=True)

        # A starts a thread.
        a.goto(live_server.url + board.get_absolute_url())
        a.get_by_role("link", name="发帖", exact=True).click()
        a.get_by_label("标题", exact=True).fill("周六去摄政公园骑车")
        a.get_by_label("内容", exact=True).fill("上午十点，公园北门集合。")
        a.get_by_role("button", name="发表主题", exact=True).click()
        expect(a.get_by_role("heading", level=1)).to_have_text("周六去摄政公园骑车")
        thread_url = a.url.split("#")[0]
        bell = a.locator(".site-header .bell")
        expect(bell.locator(".count")).to_have_count(0)

        # B quotes A's post and mentions @amy_a, picked from the autocomplete.
        b.goto(thread_url)
        b.locator("article#p1").get_by_role("link", name="引用", exact=True).click()
        box = b.locator("#reply textarea")
        expect(box).to_have_value(re.compile("公园北门集合"))
        box.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
        box.press_sequentially("@am")
        b.get_by_role("listbox").get_by_role("option", name="@amy_a").click()
        box.press_sequentially("算我一个！")
        b.locator("#reply").get_by_role("button", name="发表回复", exact=True).click()
        expect(b.locator("article#p2 a.mention")).to_have_attribute("href", "/u/amy_a/")

        # B supports A's post and keeps the thread.
        support = b.locator("article#p1 .votes").get_by_role("button", name=re.compile("支持"))
        support.click()
        expect(support.locator("[data-count]")).to_have_text("1")
        keep = b.locator(".thread-actions").get_by_role("button", name=re.compile("收藏"))
        keep.click()
        expect(keep.locator("[data-count]")).to_have_text("1")
        b.screenshot(path=tmp_path / "b-thread.png", full_page=True)

        # A's bell: the reply (quoting and mentioning: told once) and the like.
        a.reload()
        expect(bell.locator(".count")).to_have_text("2")
        bell.click()
        expect(a.locator(".notification.unread")).to_have_count(2)
        mention = a.locator(".notification.unread", has_text="提到了你")
        expect(mention).to_contain_text("bob_b")
        a.screenshot(path=tmp_path / "a-notifications.png", full_page=True)
        mention.get_by_role("link").first.click()
        expect(a.locator("article#p2")).to_be_visible()
        second = Post.objects.get(position=2)
        assert urlsplit(a.url).fragment == "p2"
        assert urlsplit(a.url).path == second.thread.get_absolute_url()
        expect(bell.locator(".count")).to_have_text("1")  # the like is still unread

        # A writes B a private message from B's profile.
        a.goto(live_server.url + "/u/bob_b/")
        a.get_by_role("link", name="发消息", exact=True).click()
        a.get_by_label("标题", exact=True).fill("周六骑车")
        a.get_by_label("内容", exact=True).fill("带上头盔。")
        a.get_by_role("button", name="发送", exact=True).click()
        expect(a.locator(".messages")).to_contain_text("短消息已发送")

        # B sees the unread count and answers.
        inbox = b.locator(".site-header .inbox")
        b.reload()
        expect(inbox.locator(".count")).to_have_text("1")
        inbox.click()
        b.locator(".conversation-line.unread").get_by_role("link", name="周六骑车").click()
        b.get_by_label("回复", exact=True).fill("好的，九点见。")
        b.get_by_role("button", name="发送", exact=True).click()
        expect(b.locator(".pm-message").last).to_contain_text("好的，九点见。")

        # B blocks A; A's next message is refused, clearly, A's words kept.
        b.get_by_role("button", name="屏蔽 amy_a", exact=True).click()
        expect(b.locator(".messages")).to_contain_text("已屏蔽 amy_a")
        a.goto(live_server.url + "/messages/")
        a.locator(".conversation-line").get_by_role("link", name="周六骑车").click()
        a.get_by_label("回复", exact=True).fill("那我九点到。")
        a.get_by_role("button", name="发送", exact=True).click()
        expect(a.locator(".reply-form [role=alert]")).to_have_text("bob_b 不接收你的短消息。")
        expect(a.get_by_label("回复", exact=True)).to_have_value("那我九点到。")
        a.screenshot(path=tmp_path / "a-refused.png", full_page=True)
        assert Message.objects.count() == 2
    finally:
        a_context.close()
        b_context.close()
