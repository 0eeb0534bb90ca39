"""A member registered through the form watches a thread, hears of a reply on the bell,
unwatches from the notice itself and chooses how replies reach them by e-mail: at a
phone's width and a desktop's."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.forum import services as forum
from lanting.forum.models import Board, Section
from lanting.notifications.mailing import mode_for, preference_for
from lanting.notifications.models import Watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Hampstead-Heath-1871-pond"  # a test member only


def _no_sideways_scroll(page, width: int) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] == width, widths


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_watch_hear_unwatch_and_choose_mail(
    live_server, chromium_browser, make_member, settings, tmp_path, width
):
    settings.LANTING_SITE_URL = live_server.url
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="租房", slug="rent")
    landlord = make_member("fangdong")
    thread = forum.create_thread(
        board=board, author=landlord, title="卡姆登两居室出租", body="近地铁，家具齐全。"
    )
    username = f"zuke{width}"
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()

        member = register_newcomer(page, live_server, username, PASSWORD, exact=False)

        # Watch the thread from its page.
        page.goto(live_server.url + thread.get_absolute_url())
        page.locator("form.watch").get_by_role("button", name="关注", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("关注成功")
        expect(page.locator("form.watch .tag")).to_have_text("已关注")
        expect(page.locator("form.watch").get_by_role("button", name="取消关注")).to_be_visible()
        _no_sideways_scroll(page, width)
        page.screenshot(path=tmp_path / "watching.png", full_page=True)
        assert Watch.objects.get(member=member).thread_id == thread.pk

        # Another member replies; the bell rings, and the mail went out (with its headers).
        forum.reply_to_thread(thread=thread, author=landlord, body="周六可以看房。")
        page.reload()
        bell = page.locator(".site-header .bell")
        expect(bell.locator(".count")).to_have_text("1")
        sent = [m for m in mail.outbox if m.to == [member.email]][-1]
        assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        bell.click()
        line = page.locator(".notification.unread")
        expect(line).to_contain_text("fangdong 在你关注的《卡姆登两居室出租》中回复")
        expect(line).to_contain_text("周六可以看房。")
        _no_sideways_scroll(page, width)
        page.screenshot(path=tmp_path / "notice.png", full_page=True)

        # Unwatch from the notice itself.
        line.get_by_role("button", name="取消关注此主题").click()
        expect(page.locator(".messages")).to_contain_text("你已不再关注它。")
        assert not Watch.objects.filter(member=member).exists()
        page.goto(live_server.url + thread.get_absolute_url())
        expect(
            page.locator("form.watch").get_by_role("button", name="关注", exact=True)
        ).to_be_visible()

        # Replies to my threads: by e-mail at once, from the settings page.
        page.goto(live_server.url + "/notifications/")
        page.get_by_role("link", name="通知设置").click()
        page.get_by_label("回复了你的主题").select_option("instant")
        page.get_by_label("支持了你的帖子").select_option("digest")
        page.get_by_label("自动关注我回复过的主题").check()
        _no_sideways_scroll(page, width)
        page.get_by_role("button", name="保存", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("通知设置已保存。")
        expect(page.get_by_label("回复了你的主题")).to_have_value("instant")
        page.screenshot(path=tmp_path / "settings.png", full_page=True)
        preference = preference_for(member.pk)
        assert mode_for(preference, "reply") == "instant" and preference.watch_replied
    finally:
        context.close()
