"""A newcomer registered through the form (past the registration captcha) replies with the
posting captcha until they have the posts the owner asks for; then it is gone."""

import pytest
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.core.tests.browser import WIDTHS, mail_link
from lanting.forum.models import Board, Post, Section
from lanting.forum.services import create_thread
from lanting.messages.tests.test_browser_messages import _check_page

PASSWORD = "Camden-Lock-1791-canal"  # test members only
POSTS = 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_newcomer_replies_past_the_captcha_until_they_have_enough_posts(
    live_server, chromium_browser, width, make_member
):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.registration_captcha, site.posting_captcha_posts = True, POSTS
    site.save()
    forget_site_chrome()
    section = Section.objects.create(name="生活")
    board = Board.objects.create(section=section, name="闲聊", slug="chat")
    thread = create_thread(
        board=board, author=make_member("louzhu", post_count=50), title="新人报到帖", body="欢迎！"
    )
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        # Registered through the form, solving the registration captcha as newcomers do.
        page.goto(live_server.url + "/accounts/register/")
        page.get_by_label("用户名", exact=True).fill("验证新人")
        page.get_by_label("电子邮箱", exact=True).fill("captcha@example.com")
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_label("确认密码", exact=True).fill(PASSWORD)
        expect(page.locator("altcha-widget")).to_contain_text("验证通过，可以注册", timeout=20_000)
        page.get_by_role("button", name="创建账号", exact=True).click()
        expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
        page.goto(mail_link(1))
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名或邮箱").fill("验证新人")
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.locator("main").get_by_role("button", name="登录", exact=True).click()
        member = User.objects.get(username="验证新人")

        for n in range(1, POSTS + 1):
            page.goto(live_server.url + thread.get_absolute_url())
            reply = page.locator("#reply")
            widget = reply.locator("altcha-widget")
            expect(widget).to_have_count(1)
            # Typing focuses the form: the puzzle is solved while they write.
            reply.get_by_label("回复", exact=True).fill(f"大家好，这是我的第{n}条回复")
            expect(widget).to_contain_text("验证通过，可以发帖", timeout=20_000)
            _check_page(page, width)
            reply.get_by_role("button", name="发表回复", exact=True).click()
            expect(page.locator(f"article#p{n + 1}")).to_contain_text(f"这是我的第{n}条回复")
        assert Post.objects.filter(author=member).count() == POSTS

        # With enough posts the captcha is gone: no widget, no script, the reply lands.
        page.goto(live_server.url + thread.get_absolute_url())
        reply = page.locator("#reply")
        expect(reply.get_by_label("回复", exact=True)).to_be_visible()
        expect(page.locator("altcha-widget")).to_have_count(0)
        assert "altcha" not in page.content()
        reply.get_by_label("回复", exact=True).fill("不用验证了")
        reply.get_by_role("button", name="发表回复", exact=True).click()
        expect(page.locator(f"article#p{POSTS + 2}")).to_contain_text("不用验证了")
    finally:
        context.close()
