"""A newcomer's first visit in headless Chromium on a phone, all in Chinese.

Register, confirm the address from the mail, log in, fill in the profile with an
avatar, log out, recover the password from the mail and log in with the new one.
"""

import re
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import PHONE, assert_stylesheet_applied

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "伦敦新人"
EMAIL = "newcomer@example.com"
PASSWORD = "Tower-Bridge-1894-fog"  # a test member only
NEW_PASSWORD = "Thames-Barrier-1982-tide"
DISPLAY_NAME = "泰晤士河畔的小王"
LOCATION = "伦敦卡姆登"

PHONE_WIDTH = 390

LINK = re.compile(r"https?://\S+")


def _new_context(browser, live_server):
    return new_browser_context(browser, live_server, **PHONE)


def _mail_link(count, path_part):
    """The link in the newest mail, once ``count`` mails have been sent."""
    deadline = time.monotonic() + 5
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) == count, [m.subject for m in mail.outbox]
    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    links = [link for link in LINK.findall(message.body) if path_part in link]
    assert len(links) == 1, message.body
    return links[0]


def _assert_fits_phone(page, shot):
    assert_stylesheet_applied(page)
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner_width == PHONE_WIDTH, "the phone zoomed out to fit content wider than the screen"
    assert scroll_width <= PHONE_WIDTH, f"page is {scroll_width}px wide on a 390px screen"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 0


def _log_in(page, live_server, login, password):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(login)
    page.get_by_label("密码", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()


def _png(path):
    Image.new("RGB", (64, 48), (200, 40, 60)).save(path, "PNG")
    return path


def test_newcomer_registers_confirms_fills_profile_and_recovers_password(
    live_server, chromium_browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    context = _new_context(chromium_browser, live_server)
    try:
        page = context.new_page()
        account = page.locator(".site-header .account")
        profile_path = "/u/" + quote(USERNAME) + "/"

        # 1. Register from the header link.
        response = page.goto(live_server.url + "/")
        assert response is not None and response.ok
        account.get_by_role("link", name="注册", exact=True).click()
        expect(page.get_by_role("heading", name="注册", exact=True)).to_be_visible()
        _assert_fits_phone(page, tmp_path / "register-phone.png")
        page.get_by_label("用户名", exact=True).fill(USERNAME)
        page.get_by_label("电子邮箱", exact=True).fill(EMAIL)
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_label("确认密码", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="创建账号", exact=True).click()
        expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
        expect(page.locator("main")).to_contain_text(EMAIL)
        member = User.objects.get(username=USERNAME)
        assert member.email == EMAIL and not member.email_verified

        # 2. Confirm the address from the mail.
        link = _mail_link(1, "/accounts/register/verify/")
        assert link.startswith(live_server.url + "/accounts/register/verify/")
        page.goto(link)
        expect(page.locator(".messages")).to_contain_text("邮箱已确认")
        assert User.objects.get(pk=member.pk).email_verified

        # 3. Log in: the header names the member.
        _log_in(page, live_server, USERNAME, PASSWORD)
        expect(account.get_by_role("link", name=USERNAME, exact=True)).to_be_visible()
        expect(account.get_by_role("button", name="退出", exact=True)).to_be_visible()

        # 4. Settings: display name, location and an avatar.
        account.get_by_role("link", name="设置", exact=True).click()
        expect(page.get_by_role("heading", name="设置", exact=True)).to_be_visible()
        _assert_fits_phone(page, tmp_path / "settings-phone.png")
        page.get_by_label("显示名称").fill(DISPLAY_NAME)
        page.get_by_label("所在地", exact=True).fill(LOCATION)
        page.locator("input[name=avatar]").set_input_files(_png(tmp_path / "me.png"))
        page.locator("main").get_by_role("button", name="保存", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("个人资料已保存")
        member.refresh_from_db()
        assert member.display_name == DISPLAY_NAME and member.location == LOCATION
        assert member.avatar_large
        stored = Path(settings.MEDIA_ROOT) / member.avatar_large.name
        assert stored.is_file(), f"the avatar is not under MEDIA_ROOT: {stored}"
        # The header now shows the display name, linking to the profile.
        own = account.get_by_role("link", name=DISPLAY_NAME, exact=True)
        expect(own).to_have_attribute("href", profile_path)

        page.goto(live_server.url + profile_path)
        profile = page.locator("section.profile")
        expect(profile.get_by_role("heading", level=1)).to_contain_text(DISPLAY_NAME)
        expect(profile.get_by_role("heading", level=1)).to_contain_text("@" + USERNAME)
        # The settings form and the profile both say 所在地.
        expect(profile.locator("dl.facts dt", has_text="所在地")).to_be_visible()
        expect(profile.locator("dl.facts dd", has_text=LOCATION)).to_be_visible()
        avatar = profile.locator("img.avatar")
        expect(avatar).to_have_count(1)
        expect(avatar).to_have_attribute("src", settings.MEDIA_URL + member.avatar_large.name)
        avatar.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete", arg=avatar.element_handle(), timeout=5000)
        media = page.request.get(live_server.url + avatar.get_attribute("src"))
        assert media.status == 200, f"{avatar.get_attribute('src')} answered {media.status}"
        assert avatar.evaluate("img => img.naturalWidth") == 200

        # 5. Log out with the header's button (a POST form).
        account.get_by_role("button", name="退出", exact=True).click()
        expect(account.get_by_role("link", name="登录", exact=True)).to_be_visible()
        expect(account.get_by_role("link", name=DISPLAY_NAME, exact=True)).to_have_count(0)

        # 6. Recover the password from the header link and the mail.
        account.get_by_role("link", name="找回密码", exact=True).click()
        expect(page.get_by_role("heading", name="找回密码", exact=True)).to_be_visible()
        page.get_by_label("电子邮箱", exact=True).fill(EMAIL)
        page.get_by_role("button", name="发送链接", exact=True).click()
        expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
        link = _mail_link(2, "/accounts/password/reset/")
        assert link.startswith(live_server.url + "/accounts/password/reset/")
        page.goto(link)
        # Django swaps the token for a session key and redirects to .../set-password/.
        expect(page.get_by_label("新密码", exact=True)).to_be_visible()
        page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("新密码确认", exact=True).fill(NEW_PASSWORD)
        page.get_by_role("button", name="保存新密码", exact=True).click()
        expect(page.get_by_role("heading", name="密码已修改", exact=True)).to_be_visible()

        # 7. The new password lets the member in...
        _log_in(page, live_server, USERNAME, NEW_PASSWORD)
        expect(account.get_by_role("link", name=DISPLAY_NAME, exact=True)).to_have_attribute(
            "href", profile_path
        )
        expect(account.get_by_role("button", name="退出", exact=True)).to_be_visible()
    finally:
        context.close()

    # ...and the old one no longer does (a fresh browser, no session).
    context = _new_context(chromium_browser, live_server)
    try:
        page = context.new_page()
        _log_in(page, live_server, EMAIL, PASSWORD)
        expect(page.locator("main .errors")).to_contain_text("用户名、邮箱或密码不正确")
        expect(
            page.locator(".site-header .account").get_by_role("link", name="登录")
        ).to_be_visible()
        assert urlsplit(page.url).path == "/accounts/login/"
    finally:
        context.close()


def test_register_page_hides_the_bot_trap_field(live_server, chromium_browser):
    context = _new_context(chromium_browser, live_server)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/register/")
        expect(page.get_by_role("button", name="创建账号", exact=True)).to_be_visible()
        expect(page.locator("input[name=website]")).to_be_hidden(timeout=1000)
        expect(page.get_by_text("此项请留空")).to_be_hidden(timeout=1000)
    finally:
        context.close()
