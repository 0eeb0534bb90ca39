"""The walks every app's browser tests take the same way: screen widths, mail, registering.

A newcomer registers through the form, confirms from the mail and logs in, so the tests
walk with the rights a new member really has (the rank 新手上路), not hand-picked ones.
"""

import re
import time
from typing import Any

from django.core import mail
from playwright.sync_api import expect

from lanting.accounts.models import User

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
WIDTHS: dict[int, dict[str, Any]] = {390: PHONE, 1280: DESKTOP}
NEWCOMER_RANK = "新手上路"


def assert_stylesheet_applied(page: Any) -> None:
    """The site's stylesheet was served and applied (else a layout check proves nothing).

    After a click the new page's heading can show before its load event, stylesheet and all.
    """
    page.wait_for_load_state("load")
    assert page.evaluate("() => getComputedStyle(document.body).marginTop") == "0px"


def mail_link(
    count: int, path_part: str = "/accounts/register/verify/", *, exact: bool = True
) -> str:
    """The one link containing `path_part` in mail number `count` (waiting up to 5 s for it).

    `exact`: the outbox holds exactly `count` mails, none sent besides.
    """
    deadline = time.monotonic() + 5
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    subjects = [message.subject for message in mail.outbox]
    assert len(mail.outbox) == count if exact else len(mail.outbox) >= count, subjects
    body = str(mail.outbox[count - 1].body)
    links = [link for link in re.findall(r"https?://\S+", body) if path_part in link]
    assert len(links) == 1, body
    return str(links[0])


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()
    account = page.locator(".site-header .account")
    expect(account.get_by_role("link", name=username, exact=True)).to_be_visible()


def register_newcomer(
    page: Any,
    live_server: Any,
    username: str,
    password: str,
    *,
    mails: int = 1,
    email: str | None = None,
    from_home: bool = False,
    exact: bool = True,
) -> User:
    """Register through the form, confirm from mail number `mails`, log in; the new member.

    `from_home`: reach the form by the 注册 link in the site header, as a visitor does.
    """
    if from_home:
        page.goto(live_server.url + "/")
        page.locator(".site-header .account").get_by_role("link", name="注册", exact=True).click()
    else:
        page.goto(live_server.url + "/accounts/register/")
    page.get_by_label("用户名", exact=True).fill(username)
    page.get_by_label("电子邮箱", exact=True).fill(email or f"{username}@example.com")
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_label("确认密码", exact=True).fill(password)
    page.get_by_role("button", name="创建账号", exact=True).click()
    expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
    page.goto(mail_link(mails, exact=exact))
    expect(page.locator(".messages")).to_contain_text("邮箱已确认")
    log_in(page, live_server, username, password)
    member = User.objects.get(username=username)
    assert not member.is_staff and member.rank is not None
    assert member.rank.name == NEWCOMER_RANK  # a newcomer's rights, not hand-picked ones
    return member
