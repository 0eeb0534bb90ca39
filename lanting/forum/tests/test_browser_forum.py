"""Posting in the forum in headless Chromium: a thread with BBCode and a picture, a quoted reply.

One member logs in, starts a thread in 租房 from the board page and attaches a
picture; a second member quotes the first post in a reply; the forum index then
shows the board's counts and last post. The thread page is also checked at a
phone width.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import DESKTOP, PHONE, assert_stylesheet_applied
from lanting.forum.models import Board, Post, Section, Thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTHOR = "zufang_louzhu"
REPLIER = "zufang_huitie"
PASSWORD = "Camden-Lock-1791-canal"  # test members only

TITLE = "卡姆登一居室转租，近地铁"
BODY = (
    "房子很新，[b]粗体[/b]说明：[color=red]红字[/color]是重点。\n"
    "详情见[url=https://example.com/]链接[/url]。\n"
    "[quote]引用的话[/quote]\n"
    "[list]\n[*]家具齐全\n[*]包水电\n[/list]"
)
REPLY_LINE = "我想约个时间看房。"

DESKTOP_WIDTH = 1280
PHONE_WIDTH = 390

# A full-page screenshot draws a sticky box where the screen's bottom edge was,
# over the posts; in its own place it shows the page as it reads when scrolled.
UNSTICK = ".reply-box, .reply-bar { position: static !important; }"


def _new_context(browser, live_server, options):
    return new_browser_context(browser, live_server, **options)


def _log_in(page, live_server, login, password):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(login)
    page.get_by_label("密码", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="登录", exact=True).click()
    account = page.locator(".site-header .account")
    expect(account.get_by_role("button", name="退出", exact=True)).to_be_visible()


def _png(path):
    image = Image.new("RGB", (800, 600), (240, 240, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 700, 500), fill=(200, 40, 60))
    draw.ellipse((300, 200, 500, 400), fill=(40, 90, 200))
    image.save(path, "PNG")
    return path


def _wait_until_loaded(page, img):
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=img.element_handle(), timeout=5000
    )


def _assert_stylesheet_applied(page):
    assert_stylesheet_applied(page)


def test_member_posts_a_thread_with_a_picture_and_another_quotes_it(
    live_server, chromium_browser, make_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="租房", slug="rent")
    author = make_member(AUTHOR)
    replier = make_member(REPLIER)
    for member in (author, replier):
        member.set_password(PASSWORD)
        member.save(update_fields=["password"])

    # 1-3. The author starts a thread with BBCode and a picture, at desktop width.
    context = _new_context(chromium_browser, live_server, DESKTOP)
    try:
        page = context.new_page()
        _log_in(page, live_server, AUTHOR, PASSWORD)

        page.goto(live_server.url + "/forum/")
        _assert_stylesheet_applied(page)
        page.locator(".board-list").get_by_role("link", name="租房", exact=True).click()
        expect(page.get_by_role("heading", name="租房", exact=True)).to_be_visible()
        page.get_by_role("link", name="发帖", exact=True).click()
        expect(page.get_by_role("heading", name="发帖", exact=True)).to_be_visible()

        page.get_by_label("标题", exact=True).fill(TITLE)
        page.get_by_label("内容", exact=True).fill(BODY)
        page.locator("input[name=attachments]").set_input_files(_png(tmp_path / "room.png"))
        page.get_by_role("button", name="发表主题", exact=True).click()

        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        thread = Thread.objects.get(board=board)
        assert urlsplit(page.url).path == thread.get_absolute_url()
        first = Post.objects.get(thread=thread, position=1)
        stored = Path(settings.MEDIA_ROOT) / first.attachments.get().file.name
        assert stored.is_file(), f"the attachment is not under MEDIA_ROOT: {stored}"

        op = page.locator("article#p1")
        body = op.locator(".post-body")
        expect(op.locator(".floor")).to_have_text("楼主")
        expect(body.locator("strong", has_text="粗体")).to_be_visible()
        red = body.locator("span[style*='color']", has_text="红字")
        expect(red).to_be_visible()
        assert red.evaluate("el => getComputedStyle(el).color") == "rgb(255, 0, 0)"
        link = body.get_by_role("link", name="链接", exact=True)
        expect(link).to_have_attribute("href", "https://example.com/")
        expect(link).to_have_attribute("rel", re.compile(r"\bnofollow\b"))
        expect(body.locator("blockquote", has_text="引用的话")).to_be_visible()
        expect(body.locator("li")).to_have_text(["家具齐全", "包水电"])
        for raw in ["[b]", "[/b]", "[color", "[url", "[quote]", "[list]", "[*]"]:
            expect(body).not_to_contain_text(raw)
        expect(page.get_by_text("[b]")).to_have_count(0)

        picture = op.locator(".attachments img")
        expect(picture).to_have_count(1)
        expect(picture).to_be_visible()
        _wait_until_loaded(page, picture)
        assert picture.evaluate("img => img.naturalWidth") > 0
        src = picture.get_attribute("src") or ""
        assert src.startswith("/attachment/"), src
        answer = page.request.get(live_server.url + src)
        assert answer.status == 200, f"{src} answered {answer.status}"
    finally:
        context.close()

    # 4. A second member quotes the first post in a reply.
    context = _new_context(chromium_browser, live_server, DESKTOP)
    try:
        page = context.new_page()
        _log_in(page, live_server, REPLIER, PASSWORD)
        page.goto(live_server.url + thread.get_absolute_url())
        page.locator("article#p1 .post-actions").get_by_role("link", name="引用").click()
        page.wait_for_url(re.compile(rf"[?&]quote={first.pk}\b"))

        box = page.locator(".reply-box textarea[name=body]")
        expect(box).to_have_value(
            re.compile(
                rf"^\[quote\]\[color=#999999\]{AUTHOR} 发表于 .*粗体.*\[/quote\]\s*$", re.DOTALL
            )
        )
        box.fill(box.input_value() + REPLY_LINE)
        page.get_by_role("button", name="发表回复", exact=True).click()

        reply = page.locator("article#p2")
        expect(reply).to_be_visible()
        expect(reply.locator(".floor")).to_have_text("2楼")
        expect(reply.locator(".post-author")).to_have_text(REPLIER)
        quoted = reply.locator(".post-body > blockquote").first
        expect(quoted).to_be_visible()
        expect(quoted).to_contain_text(AUTHOR)
        expect(quoted).to_contain_text("粗体")
        expect(quoted).to_contain_text("红字")
        expect(reply.locator(".post-body")).to_contain_text(REPLY_LINE)
        expect(reply.locator(".post-body")).not_to_contain_text("[quote]")
        # The reply box is empty again (no quote left over after posting).
        expect(box).to_have_value("")

        _wait_until_loaded(page, page.locator("article#p1 .attachments img"))
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=tmp_path / "thread-desktop.png", full_page=True, style=UNSTICK)

        # 5. The forum index: counts and last post of the board.
        page.goto(live_server.url + "/forum/")
        card = page.locator(".board-card", has=page.get_by_role("link", name="租房", exact=True))
        expect(card.locator(".board-counts")).to_have_text(re.compile(r"^\s*主题 1 · 帖子 2\s*$"))
        last = card.locator(".board-last")
        expect(last.get_by_role("link", name=TITLE)).to_be_visible()
        expect(last).to_contain_text(REPLIER)
        board.refresh_from_db()
        assert (board.thread_count, board.post_count) == (1, 2)
    finally:
        context.close()

    # 6. The thread page on a phone: nothing wider than the screen, the reply box at hand.
    context = _new_context(chromium_browser, live_server, PHONE)
    try:
        page = context.new_page()
        _log_in(page, live_server, AUTHOR, PASSWORD)
        page.goto(live_server.url + thread.get_absolute_url())
        _assert_stylesheet_applied(page)
        expect(page.locator("article#p2")).to_be_attached()
        _wait_until_loaded(page, page.locator("article#p1 .attachments img"))
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_function("() => window.scrollY === 0")

        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner_width == PHONE_WIDTH, "the phone zoomed out to fit wide content"
        assert scroll_width <= PHONE_WIDTH, f"page is {scroll_width}px wide on a 390px screen"

        # A one-line bar stuck to the bottom of the screen leads to the reply box, which
        # waits at the end of the page instead of covering the posts.
        bar = page.locator("a.reply-bar")
        assert bar.evaluate("el => getComputedStyle(el).position") == "sticky"
        expect(bar).to_be_in_viewport()
        top, bottom, height = bar.evaluate(
            "el => { const r = el.getBoundingClientRect();"
            " return [r.top, r.bottom, window.innerHeight]; }"
        )
        assert abs(bottom - height) <= 1 and bottom - top < 60, (top, bottom, height)
        reply_box = page.locator(".reply-box")
        assert reply_box.evaluate("el => getComputedStyle(el).position") == "static"
        expect(reply_box).not_to_be_in_viewport()
        bar.click()
        expect(reply_box.get_by_role("button", name="发表回复", exact=True)).to_be_in_viewport()
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_function("() => window.scrollY === 0")

        # As seen on the phone (the reply bar at the bottom), then the whole page.
        page.screenshot(path=tmp_path / "thread-phone-screen.png")
        page.screenshot(path=tmp_path / "thread-phone.png", full_page=True, style=UNSTICK)
        for name in ["thread-desktop.png", "thread-phone-screen.png", "thread-phone.png"]:
            assert (tmp_path / name).stat().st_size > 0
    finally:
        context.close()
