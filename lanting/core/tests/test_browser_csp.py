"""A newcomer walks the site under its Content-Security-Policy, at 390 px and 1280 px, and the
browser refuses nothing: registering past the captcha (its worker and its styles), the
mobile menu, an article, a poll and its bars, the composer's toolbar and @mention
autocomplete, the bell, the inbox, the API docs (Swagger UI) and the admin's login page.

Each refusal shows as a ``securitypolicyviolation`` event in the page and as a console
error; the test collects both and fails on any.
"""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.models import NavItem, SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.forum.models import Board, Section
from lanting.forum.services import create_thread
from lanting.polls.services import start_poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Primrose-Hill-1842-view"  # test members only
WIDTHS = {
    390: {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    1280: {"viewport": {"width": 1280, "height": 900}},
}
# Playwright adds this before any page script runs (outside the page's policy).
LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  (window.__refused = window.__refused || []).push(
    `${e.violatedDirective} ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Refusals:
    """What the browser refused on every page of one context."""

    def __init__(self, page) -> None:
        self.page = page
        self.seen: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.seen.append(f"page error: {error}"))

    def _console(self, message) -> None:
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused" in text):
            self.seen.append(f"{self.page.url}: {text}")

    def check(self) -> None:
        events = self.page.evaluate("() => window.__refused || []")
        assert self.seen + events == [], "\n".join(self.seen + events)


def _mail_link() -> str:
    deadline = time.monotonic() + 5
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    links = re.findall(r"https?://\S+/accounts/register/verify/\S+", str(mail.outbox[-1].body))
    assert len(links) == 1
    return str(links[0])


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_newcomer_walks_the_site_and_the_browser_refuses_nothing(
    live_server, chromium_browser, settings, make_member, article, width
):
    settings.LANTING_SITE_URL = live_server.url
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.registration_captcha = True
    site.save()
    NavItem.objects.create(label="论坛", location="main", url="/forum/")
    forget_site_chrome()
    board = Board.objects.create(
        section=Section.objects.create(name="伦敦生活"), name="聚会", slug="meetups"
    )
    host = make_member("amy_host")
    thread = create_thread(board=board, author=host, title="周末聚餐吃什么？", body="投个票。")
    start_poll(thread=thread, author=host, options=["火锅", "烧烤"])
    thread_url = live_server.url + thread.get_absolute_url()
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        refusals = Refusals(page)
        username = f"csp{width}"

        # Register through the form: the captcha solves its puzzle in a worker.
        page.goto(live_server.url + "/")
        if width < 500:  # the phone's menu is a checkbox and a label: no script
            page.locator("label.menu-button").click()
            expect(page.locator("#site-menu-main")).to_be_visible()
        page.goto(live_server.url + "/accounts/register/")
        page.get_by_label("用户名", exact=True).fill(username)
        page.get_by_label("电子邮箱", exact=True).fill(f"{username}@example.com")
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_label("确认密码", exact=True).fill(PASSWORD)
        expect(page.locator("altcha-widget")).to_contain_text("验证通过，可以注册", timeout=20_000)
        refusals.check()
        # The widget's styles came from the linked file (it adds no <style> of its own).
        assert page.evaluate("() => document.querySelectorAll('style').length") == 0
        page.get_by_role("button", name="创建账号", exact=True).click()
        expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
        page.goto(_mail_link())
        expect(page.locator(".messages")).to_contain_text("邮箱已确认")
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名或邮箱").fill(username)
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.locator("main").get_by_role("button", name="登录", exact=True).click()
        account = page.locator(".site-header .account")
        expect(account.get_by_role("link", name=username, exact=True)).to_be_visible()
        assert User.objects.get(username=username).rank.name == "新手上路"  # a newcomer

        # An article, then the poll: vote and see the bars.
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
        page.goto(thread_url)
        page.locator("section.poll").get_by_label("烧烤").check()
        page.locator("section.poll").get_by_role("button", name="投票", exact=True).click()
        bar = page.locator(".poll-results li").nth(1).locator("progress.poll-bar")
        expect(bar).to_have_attribute("value", "100.0")
        assert bar.evaluate("e => e.getBoundingClientRect().width") > 0
        refusals.check()

        # Reply with the composer: its toolbar and the @mention autocomplete.
        box = page.locator("#reply textarea")
        expect(page.locator("#reply [role=toolbar]")).to_be_visible()
        box.click()
        box.press_sequentially("@amy")
        page.get_by_role("listbox").get_by_role("option", name="@amy_host").click()
        box.press_sequentially(" 烧烤好！")
        page.locator("#reply").get_by_role("button", name="发表回复", exact=True).click()
        expect(page.locator("article#p2 a.mention")).to_have_attribute("href", "/u/amy_host/")
        refusals.check()

        # The member's own pages, the API docs, the Archiver, the admin's door.
        for path in ("/notifications/", "/messages/", "/accounts/settings/", "/archiver/"):
            page.goto(live_server.url + path)
            expect(page.locator("body")).not_to_be_empty()
        page.goto(live_server.url + "/api/docs")
        expect(page.locator(".swagger-ui .info .title")).to_be_visible(timeout=20_000)
        page.locator(".opblock-summary").first.click()
        expect(page.locator(".opblock-body").first).to_be_visible()
        context.clear_cookies()
        page.goto(live_server.url + "/admin/login/")
        expect(page.locator("#id_username")).to_be_visible()
        refusals.check()
    finally:
        context.close()
