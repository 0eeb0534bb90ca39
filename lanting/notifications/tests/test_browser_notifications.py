"""Two members in two browsers: B answers A, quoting and mentioning; A's bell rings and
leads to B's post. At a phone's width for A and a desktop's for B."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import DESKTOP, PHONE
from lanting.forum.models import Board, Post, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Regent-Park-1811-rose"  # test members only


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()
    expect(page.locator(".site-header .account").get_by_role("link", name=username)).to_be_visible()


def test_a_reply_with_a_quote_and_a_mention_rings_the_author_s_bell(
    live_server, chromium_browser, make_member, tmp_path
):
    section = Section.objects.create(name="伦敦生活")
    Board.objects.create(section=section, name="闲聊", slug="chat")
    for name in ("amy_a", "bob_b"):
        member = make_member(name)
        member.set_password(PASSWORD)
        member.save(update_fields=["password"])
    a_context = new_browser_context(chromium_browser, live_server, **PHONE)
    b_context = new_browser_context(chromium_browser, live_server, **DESKTOP)
    try:
        a, b = a_context.new_page(), b_context.new_page()

        # A starts a thread.
        _log_in(a, live_server, "amy_a")
        a.goto(live_server.url + "/forum/chat/new/")
        a.get_by_label("标题", exact=True).fill("有人周六去骑车吗")
        a.get_by_label("内容", exact=True).fill("从摄政公园出发。")
        a.get_by_role("button", name="发表主题", exact=True).click()
        expect(a.get_by_role("heading", level=1)).to_have_text("有人周六去骑车吗")
        thread_url = a.url
        bell = a.locator(".site-header .bell")
        expect(bell.locator(".count")).to_have_count(0)

        # B quotes A's post, mentions @amy_a and replies.
        _log_in(b, live_server, "bob_b")
        b.goto(thread_url)
        b.locator("article#p1").get_by_role("link", name="引用", exact=True).click()
        box = b.locator("#reply textarea")
        expect(box).to_have_value(re.compile("从摄政公园出发"))
        box.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
        # The name is offered after "@am" and taken with Enter.
        box.press_sequentially("@am")
        offered = b.get_by_role("listbox").get_by_role("option", name="@amy_a")
        expect(offered).to_be_visible()
        expect(offered).to_have_attribute("aria-selected", "true")
        box.press("Enter")
        expect(b.get_by_role("listbox")).to_be_hidden()
        box.press_sequentially("算我一个！")
        expect(box).to_have_value(re.compile("@amy_a 算我一个！$"))
        b.locator("#reply").get_by_role("button", name="发表回复", exact=True).click()
        reply = b.locator("article#p2")
        expect(reply.locator("a.mention")).to_have_attribute("href", "/u/amy_a/")
        b.screenshot(path=tmp_path / "b-replied.png", full_page=True)

        # A's bell shows one notice (mentioned, quoted and replied to: told once).
        a.reload()
        expect(bell.locator(".count")).to_have_text("1")
        expect(bell).to_have_attribute("aria-label", "通知，1 条未读")
        a.screenshot(path=tmp_path / "a-bell.png")
        bell.click()
        expect(a.get_by_role("heading", name="通知", exact=True)).to_be_visible()
        line = a.locator(".notification.unread")
        expect(line).to_contain_text("bob_b 在“有人周六去骑车吗”中提到了你")
        a.screenshot(path=tmp_path / "a-notifications.png", full_page=True)
        line.get_by_role("link").click()
        second = Post.objects.get(position=2)
        expect(a.locator("article#p2")).to_be_visible()
        assert urlsplit(a.url).fragment == "p2"
        assert urlsplit(a.url).path == second.thread.get_absolute_url()
        expect(bell.locator(".count")).to_have_count(0)  # read now
    finally:
        a_context.close()
        b_context.close()
