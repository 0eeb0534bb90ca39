"""Two members registered through the form: one starts a poll, the other votes and sees the
bars, the first sees the count; at a phone's width and a desktop's, in Chinese."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.core.tests.test_standards import AXE, _needs
from lanting.forum.models import Board, Section
from lanting.polls.models import Ballot, Poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Greenwich-Park-1433-hill"  # test members only


def _shots(width: int) -> Path:
    """Screenshots for a person to look through: var/test-output/polls-<width>/."""
    folder = Path(os.environ.get("LANTING_TEST_OUTPUT", "var/test-output")) / f"polls-{width}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_sideways_scroll(page, width: int) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] == width, widths


def _no_axe_violations(page) -> None:
    """The page's own parts; the message list is core's (role="status" on its <ul>)."""
    _needs(AXE, "axe-core")
    page.evaluate(AXE.read_text())  # through DevTools, so the page's CSP lets it run
    violations = page.evaluate(
        """async () => (await axe.run({exclude: [['.messages']]}, {resultTypes: ['violations']}))
          .violations.map(v => `${v.id} (${v.impact}): ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == [], violations


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_member_starts_a_poll_another_votes_and_both_see_it(
    live_server, chromium_browser, settings, tmp_path, width
):
    settings.LANTING_SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    board = Board.objects.create(
        section=Section.objects.create(name="伦敦生活"), name="聚会", slug="meetups"
    )
    starter = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    voter = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = starter.new_page()
        register_newcomer(page, live_server, f"faqi{width}", PASSWORD, mails=1, exact=False)

        # Start a thread that is a poll: 发起投票 on the new-thread page.
        page.goto(live_server.url + board.get_absolute_url())
        page.get_by_role("link", name="发帖", exact=True).click()
        page.get_by_label("标题", exact=True).fill("周末聚餐吃什么？")
        page.get_by_label("内容", exact=True).fill("大家投个票。")
        page.locator("details.poll-start summary").click()
        page.get_by_label("发起投票", exact=True).check()
        page.get_by_label("选项（每行一个）", exact=True).fill("火锅\n烧烤\n日料")
        _no_sideways_scroll(page, width)
        _no_axe_violations(page)
        page.screenshot(path=_shots(width) / "1-start-poll.png", full_page=True)
        page.get_by_role("button", name="发表主题", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("周末聚餐吃什么？")
        poll_block = page.locator("section.poll")
        expect(poll_block).to_contain_text("0 人参与")
        expect(poll_block.get_by_role("radio")).to_have_count(3)
        _no_axe_violations(page)
        poll = Poll.objects.get()
        thread_url = live_server.url + poll.thread.get_absolute_url()
        page.goto(live_server.url + board.get_absolute_url())
        expect(page.locator(".thread-list .tag.poll")).to_have_text("投票")

        # The second member votes and sees the bars with the figures beside them.
        other = voter.new_page()
        member = register_newcomer(
            other, live_server, f"toupiao{width}", PASSWORD, mails=2, exact=False
        )
        other.goto(thread_url)
        block = other.locator("section.poll")
        block.get_by_label("烧烤").check()
        block.get_by_role("button", name="投票", exact=True).click()
        expect(other.locator(".messages")).to_contain_text("你的投票已计入")
        results = other.locator(".poll-results")
        expect(results).to_be_visible()
        expect(results.locator("li").nth(1)).to_contain_text("1 票，100%")
        expect(results.locator("li").nth(1)).to_contain_text("你的选择")
        bar = results.locator("li").nth(1).locator("progress.poll-bar")
        assert bar.get_attribute("value") == "100.0"
        assert bar.evaluate("e => e.getBoundingClientRect().width") > 0
        expect(block.get_by_role("radio")).to_have_count(0)  # one vote, no change allowed
        _no_sideways_scroll(other, width)
        _no_axe_violations(other)
        other.screenshot(path=_shots(width) / "2-voted.png", full_page=True)
        assert Ballot.objects.get().member == member

        # The first member sees the count.
        page.goto(thread_url)
        expect(page.locator("section.poll")).to_contain_text("1 人参与")
        expect(page.locator(".poll-results li").nth(1)).to_contain_text("1 票，100%")
        expect(page.locator(".poll-results")).not_to_contain_text("你的选择")
        _no_sideways_scroll(page, width)
        page.screenshot(path=_shots(width) / "3-starter-sees-the-count.png", full_page=True)
    finally:
        starter.close()
        voter.close()
