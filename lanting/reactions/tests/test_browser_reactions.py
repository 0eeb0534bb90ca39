"""Two newcomers, both registered through the form: A starts a thread; B supports A's post
and keeps the thread in the favourites, in place, without a reload; A's bell counts the like.
At 390 px and at 1280 px, in Chinese. Screenshots go to ``var/test-output/reactions-<width>/``."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.favorites.models import Favorite
from lanting.forum.models import Board, Post, Section
from lanting.reactions.models import PostVote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Hampstead-Heath-1871-kite"  # test members only


def _shots(width: int) -> Path:
    folder = Path(os.environ.get("LANTING_TEST_OUTPUT", "var/test-output")) / f"reactions-{width}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def _shot(page, folder: Path, name: str, width: int) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] == width, f"{name}: the page scrolls sideways {widths}"
    page.screenshot(path=folder / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_b_supports_a_s_post_and_keeps_the_thread(live_server, chromium_browser, width):
    board = Board.objects.create(
        section=Section.objects.create(name="伦敦生活"), name="闲聊", slug="chat"
    )
    folder = _shots(width)
    a_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    b_context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
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

        # B supports A's post: the count moves in place, the page is not reloaded.
        b.goto(thread_url)
        b.evaluate("() => { window.notReloaded = true; }")
        votes = b.locator("article#p1 .votes")
        support = votes.get_by_role("button", name=re.compile("支持"))
        expect(support.locator("[data-count]")).to_have_text("0")
        _shot(b, folder, "01-b-before", width)
        support.click()
        expect(support.locator("[data-count]")).to_have_text("1")
        expect(votes.locator("[data-said]")).to_have_text("您支持了该帖子。")
        _shot(b, folder, "02-b-supported", width)
        # Twice is said, and counted once.
        support.click()
        expect(votes.locator("[data-said]")).to_have_text("您已经评价过该帖子了。")
        expect(support.locator("[data-count]")).to_have_text("1")
        assert b.evaluate("() => window.notReloaded") is True
        assert PostVote.objects.count() == 1
        assert Post.objects.get(thread__title="周六去摄政公园骑车", position=1).support == 1

        # B keeps the thread: 收藏, its count, then 我的收藏.
        keep = b.locator(".thread-actions").get_by_role("button", name=re.compile("收藏"))
        keep.click()
        expect(keep.locator("[data-count]")).to_have_text("1")
        expect(b.locator(".thread-actions [data-said]")).to_have_text("已加入您的收藏。")
        keep.click()
        expect(b.locator(".thread-actions [data-said]")).to_have_text("已经在您的收藏中了。")
        assert Favorite.objects.count() == 1
        _shot(b, folder, "03-b-kept", width)
        b.goto(live_server.url + "/favorites/")
        expect(b.get_by_role("heading", name="我的收藏")).to_be_visible()
        expect(b.locator(".favorite-row")).to_contain_text("周六去摄政公园骑车")
        _shot(b, folder, "04-b-favourites", width)

        # A's bell counts the like; the notice leads to A's post.
        a.reload()
        expect(bell.locator(".count")).to_have_text("1")
        expect(a.locator("article#p1 .votes [data-count='support']")).to_have_text("1")
        _shot(a, folder, "05-a-bell", width)
        bell.click()
        line = a.locator(".notification.unread")
        expect(line).to_contain_text("bob_b 支持了你在《周六去摄政公园骑车》中的帖子")
        _shot(a, folder, "06-a-notifications", width)
        line.get_by_role("link").click()
        expect(a).to_have_url(re.compile(r"/thread/\d+/#p1$"))

        # A cannot support their own post: said in place.
        own = a.locator("article#p1 .votes")
        own.get_by_role("button", name=re.compile("支持")).click()
        expect(own.locator("[data-said]")).to_have_text("您不能评价自己的帖子。")
        expect(own.locator("[data-count='support']")).to_have_text("1")
        _shot(a, folder, "07-a-own-post", width)

        # Without JavaScript the same buttons post and come back to the post, with the message.
        plain = new_browser_context(
            chromium_browser, live_server, java_script_enabled=False, **WIDTHS[width]
        )
        try:
            c = plain.new_page()
            c.goto(live_server.url + "/accounts/login/")
            c.get_by_label("用户名或邮箱").fill("bob_b")
            c.get_by_label("密码", exact=True).fill(PASSWORD)
            c.locator("main").get_by_role("button", name="登录", exact=True).click()
            c.goto(thread_url)
            c.locator("article#p1 .votes").get_by_role("button", name=re.compile("支持")).click()
            expect(c).to_have_url(re.compile(r"/thread/\d+/#p1$"))
            expect(c.locator(".messages")).to_contain_text("您已经评价过该帖子了。")
            expect(c.locator("article#p1 .votes [data-count='support']")).to_have_text("1")
            _shot(c, folder, "08-b-without-script", width)
        finally:
            plain.close()
    finally:
        a_context.close()
        b_context.close()
