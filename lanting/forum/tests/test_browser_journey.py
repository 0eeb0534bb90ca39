"""A new member's whole first visit, at 390 px and at 1280 px, in Chinese, as a newcomer does it.

Register through the form, confirm from the mail in the test outbox, log in, start a
thread with a picture and BBCode from the toolbar, preview it, post it, jump to page 3
of a long thread with the jump box, reply quoting a post, search for one's own words and
see the post's date, log out. The member has only the rights a new member gets (the
starting rank 新手上路). Each step leaves a screenshot in ``var/test-output/journey-<width>/``
(or ``$LANTING_TEST_OUTPUT``) for a person to look through.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, mail_link
from lanting.forum import services
from lanting.forum.models import POSTS_PER_PAGE, Board, Post, Section, Thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "初来乍到"
EMAIL = "chulai@example.com"
PASSWORD = "Primrose-Hill-1842-view"  # a test member only
TITLE = "第一次发帖：在伦敦找中文学校"
WORDS = "周末中文学校 哪家老师耐心"  # what the member later searches for
QUOTED_LINE = "第四十二楼的老话"


def _shots(width: int) -> Path:
    root = Path(os.environ.get("LANTING_TEST_OUTPUT", "var/test-output"))
    folder = root / f"journey-{width}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


class Steps:
    """Numbered screenshots of each step, and a check that nothing scrolls sideways."""

    def __init__(self, page, folder: Path, width: int) -> None:
        self.page, self.folder, self.width, self.count = page, folder, width, 0

    def shot(self, name: str) -> None:
        self.count += 1
        widths = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[0] <= widths[1] == self.width, f"{name}: the page scrolls sideways {widths}"
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0


def _picture(path: Path) -> Path:
    image = Image.new("RGB", (640, 480), (245, 240, 230))
    ImageDraw.Draw(image).ellipse((200, 120, 440, 360), fill=(200, 40, 60))
    image.save(path, "PNG")
    return path


def _long_thread(board: Board) -> Thread:
    regular = User.objects.create_user("老会员", "old@example.com", "not-used-here-1")
    thread = services.create_thread(
        board=board, author=regular, title="伦敦华人聊天楼", body="大家好，这里随便聊。"
    )
    for n in range(2, 2 * POSTS_PER_PAGE + 6):  # three pages
        line = QUOTED_LINE if n == 2 * POSTS_PER_PAGE + 2 else f"第{n}楼：今天天气不错。"
        services.reply_to_thread(thread=thread, author=regular, body=line)
    thread.refresh_from_db()
    assert thread.last_page == 3
    return thread


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_new_member_s_first_visit(live_server, chromium_browser, settings, tmp_path, width):
    settings.MEDIA_ROOT = tmp_path / "media"
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="教育", slug="education")
    long_thread = _long_thread(board)
    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept("1")))
        steps = Steps(page, _shots(width), width)
        account = page.locator(".site-header .account")

        # Register through the form.
        page.goto(live_server.url + "/")
        account.get_by_role("link", name="注册", exact=True).click()
        page.get_by_label("用户名", exact=True).fill(USERNAME)
        page.get_by_label("电子邮箱", exact=True).fill(EMAIL)
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_label("确认密码", exact=True).fill(PASSWORD)
        steps.shot("register")
        page.get_by_role("button", name="创建账号", exact=True).click()
        expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
        steps.shot("check-your-mail")

        # Confirm from the mail, as sent by the site.
        assert mail.outbox[0].from_email.endswith(f"<{settings.DEFAULT_FROM_EMAIL}>")
        page.goto(mail_link(1))
        expect(page.locator(".messages")).to_contain_text("邮箱已确认")
        steps.shot("confirmed")

        # Log in.
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名或邮箱").fill(USERNAME)
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        steps.shot("login")
        page.locator("main").get_by_role("button", name="登录", exact=True).click()
        expect(account.get_by_role("link", name=USERNAME, exact=True)).to_be_visible()
        member = User.objects.get(username=USERNAME)
        assert not member.is_staff and member.email_verified
        assert member.rank is not None and member.rank.name == "新手上路"  # a newcomer's rights

        # Start a thread: a picture, bold words and the picture placed from the toolbar.
        page.goto(live_server.url + board.get_absolute_url())
        page.get_by_role("link", name="发帖", exact=True).click()
        page.get_by_label("标题", exact=True).fill(TITLE)
        body = page.get_by_label("内容", exact=True)
        body.fill(f"请问{WORDS}？")
        body.evaluate("area => area.setSelectionRange(2, 8)")  # 周末中文学校
        toolbar = page.get_by_role("toolbar")
        toolbar.get_by_role("button", name="粗体").click()
        body.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
        toolbar.get_by_role("button", name="插入附件").click()
        assert dialogs == ["附件编号"]
        expect(body).to_have_value("请问[b]周末中文学校[/b] 哪家老师耐心？[attach]1[/attach]")
        page.locator("input[name=attachments]").set_input_files(_picture(tmp_path / "school.png"))
        steps.shot("new-thread")

        # Preview: rendered by the server, nothing saved, the text kept.
        page.get_by_role("button", name="预览", exact=True).click()
        preview = page.locator(".preview .post-body")
        expect(preview.locator("strong")).to_have_text("周末中文学校")
        expect(page.get_by_label("内容", exact=True)).to_have_value(re.compile(r"\[b\]周末"))
        assert not Thread.objects.filter(title=TITLE).exists()
        steps.shot("preview")

        # Post (the browser forgot the file on the preview page: attach it again).
        page.locator("input[name=attachments]").set_input_files(_picture(tmp_path / "school.png"))
        page.get_by_role("button", name="发表主题", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        first = page.locator("article#p1 .post-body")
        expect(first.locator("strong")).to_have_text("周末中文学校")
        picture = first.locator("img")
        expect(picture).to_have_count(1)
        picture.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth === 640", arg=picture.element_handle()
        )
        mine = Thread.objects.get(title=TITLE)
        assert mine.author_id == member.pk
        assert Post.objects.get(thread=mine, position=1).attachments.count() == 1
        steps.shot("thread-posted")

        # Jump to page 3 of a long thread with the jump box.
        page.goto(live_server.url + long_thread.get_absolute_url())
        jump = page.locator("nav.pager").first.get_by_label("页")
        jump.fill("3")
        jump.press("Enter")
        expect(page).to_have_url(re.compile(r"[?&]page=3\b"))
        expect(page.locator("nav.pager strong[aria-current=page]").first).to_have_text("3")
        steps.shot("page-3")

        # Reply quoting a post there.
        quoted = page.locator("article.post", has_text=QUOTED_LINE)
        quoted.get_by_role("link", name="引用", exact=True).click()
        reply_box = page.locator("#reply textarea")
        expect(reply_box).to_have_value(re.compile(QUOTED_LINE))
        reply_box.press("End")
        reply_box.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
        reply_box.press_sequentially("\n我也记得这句。")
        if width == 390:
            # On a phone the box shows six lines, and nothing sticky covers the quoted post.
            lines = reply_box.evaluate(
                "a => a.clientHeight / parseFloat(getComputedStyle(a).lineHeight)"
            )
            assert lines >= 6, f"the reply box shows {lines:.1f} lines"
            covered = page.evaluate(
                """() => [...document.querySelectorAll('body *')].filter(e => {
                  const p = getComputedStyle(e).position;
                  const r = e.getBoundingClientRect();
                  return (p === 'sticky' || p === 'fixed') && r.height > 0 && r.bottom > 0
                    && r.top < innerHeight && getComputedStyle(e).display !== 'none';
                }).reduce((sum, e) => sum + e.getBoundingClientRect().height, 0)"""
            )
            assert covered < 844 / 3, f"sticky parts cover {covered}px of 844"
        steps.shot("quote-reply")
        page.locator("#reply").get_by_role("button", name="发表回复", exact=True).click()
        expect(page.locator("article.post").last).to_contain_text("我也记得这句。")
        expect(page.locator("article.post").last.locator("blockquote")).to_contain_text(QUOTED_LINE)
        steps.shot("replied")

        # Search for one's own words: the hit shows when the post was written.
        page.goto(live_server.url + "/search/?q=" + "中文学校")
        hit = page.locator(".search-hit", has_text=TITLE)
        expect(hit).to_have_count(1)
        written = mine.created_at.astimezone(timezone.get_default_timezone())
        when = hit.locator("time")
        expect(when).to_have_attribute("datetime", re.compile(written.strftime("^%Y-%m-%dT%H:%M")))
        steps.shot("search")
        hit.get_by_role("link").first.click()
        assert urlsplit(page.url).path == mine.get_absolute_url()

        # Log out.
        account.get_by_role("button", name="退出", exact=True).click()
        expect(account.get_by_role("link", name="登录", exact=True)).to_be_visible()
        steps.shot("logged-out")
    finally:
        context.close()
    assert Post.objects.filter(author=member).count() == 2
