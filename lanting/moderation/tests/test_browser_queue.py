"""举报 in a browser: a member registered through the form reports a post on a phone; the
board's moderator sees it in the queue (at a phone's and a desktop's width) and removes it;
the reporter's bell rings with the outcome."""

import re

import pytest
from playwright.sync_api import expect

from lanting.accounts.models import MemberGroup
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import DESKTOP, PHONE, register_newcomer
from lanting.forum import services
from lanting.forum.models import Board, Post, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Covent-Garden-1830-opera"  # test members only
PHONE_WIDTH = 390


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()
    expect(page.locator(".site-header .account").get_by_role("link", name=username)).to_be_visible()


def _fits(page, width, shot):
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"page is {scroll_width}px wide on a {width}px screen"
    page.screenshot(path=shot, full_page=True)


def test_a_report_reaches_the_moderator_who_acts_and_the_reporter_is_told(
    live_server, chromium_browser, make_member, tmp_path
):
    board = Board.objects.create(
        section=Section.objects.create(name="伦敦生活"), name="闲聊", slug="chat"
    )
    author = make_member("louzhu")
    thread = services.create_thread(board=board, author=author, title="周末骑车", body="谁来？")
    spam = services.reply_to_thread(
        thread=thread, author=make_member("guanggao"), body="低价代购名表，加微信 abc123"
    )
    moderator = make_member("banzhu", group=MemberGroup.objects.get(code="moderator"))
    moderator.set_password(PASSWORD)
    moderator.save(update_fields=["password"])
    board.moderators.add(moderator)

    reporter_context = new_browser_context(chromium_browser, live_server, **PHONE)
    moderator_context = new_browser_context(chromium_browser, live_server, **DESKTOP)
    moderator_phone = new_browser_context(chromium_browser, live_server, **PHONE)
    try:
        r = reporter_context.new_page()
        register_newcomer(
            r, live_server, "热心市民", PASSWORD, email="reporter@example.com", exact=False
        )
        r.goto(live_server.url + thread.get_absolute_url())
        r.locator("article#p2").get_by_role("link", name="举报", exact=True).click()
        expect(r.get_by_role("heading", name="向版主举报")).to_be_visible()
        _fits(r, PHONE_WIDTH, tmp_path / "report-form.png")
        r.get_by_role("button", name="提交举报").click()  # no reason chosen: said, on the page
        expect(r.locator(".errors").first).to_be_visible()
        r.get_by_label("广告或垃圾信息").check()
        r.get_by_label(re.compile("补充说明")).fill("卖假表的广告")
        r.get_by_role("button", name="提交举报").click()
        expect(r.get_by_text("您的举报已提交给版主")).to_be_visible()
        # The queue is not for members: a clear page in the site's layout.
        response = r.goto(live_server.url + "/moderation/queue/")
        assert response.status == 403
        expect(r.get_by_text("审核队列仅供版主使用")).to_be_visible()
        expect(r.locator("footer")).to_be_visible()

        # The moderator's queue fits a phone too.
        p = moderator_phone.new_page()
        _log_in(p, live_server, "banzhu")
        p.goto(live_server.url + "/moderation/queue/?kind=report")
        expect(p.locator(".queue-entry")).to_contain_text("卖假表的广告")
        _fits(p, PHONE_WIDTH, tmp_path / "queue-phone.png")

        m = moderator_context.new_page()
        _log_in(m, live_server, "banzhu")
        m.goto(live_server.url + "/moderation/queue/?kind=report")
        entry = m.locator(".queue-entry")
        expect(entry).to_contain_text("低价代购名表")
        expect(entry).to_contain_text("1 次举报")
        expect(entry).to_contain_text("热心市民")
        m.screenshot(path=tmp_path / "queue-desktop.png", full_page=True)
        entry.get_by_role("button", name="删除", exact=True).click()  # no reason yet
        expect(m.locator(".queue-entry .errors")).to_contain_text("请填写理由")
        m.locator(".queue-entry").get_by_label("理由").fill("商业广告")
        m.locator(".queue-entry").get_by_role("button", name="删除", exact=True).click()
        expect(m.get_by_text("这里没有待处理的内容")).to_be_visible()
        assert Post.objects.get(pk=spam.pk).is_deleted

        # The reporter hears the outcome.
        r.goto(live_server.url + "/")
        bell = r.locator(".site-header .bell")
        expect(bell.locator(".count")).to_have_text("1")
        bell.click()
        line = r.locator(".notification.unread")
        expect(line).to_contain_text("周末骑车")
        expect(line).to_contain_text("商业广告")
        _fits(r, PHONE_WIDTH, tmp_path / "reporter-told.png")
    finally:
        reporter_context.close()
        moderator_context.close()
        moderator_phone.close()
