"""The article page in headless Chromium, at a desktop width and at a phone width."""

import re

import pytest
from playwright.sync_api import expect

from lanting.conftest import new_browser_context
from lanting.demo.loader import load_demo
from lanting.portal.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_TITLE = "U.S., DPRK consider exchanging liaison officers: report"

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}

# Elements whose right edge lies beyond the screen width, unless a scrolling or
# clipping ancestor (a wide table, a <pre>) keeps them from widening the page.
# The width is passed in: on a phone (is_mobile) Chromium widens the layout
# viewport to fit wide content, so window.innerWidth grows with the overflow.
OVERFLOWING_ELEMENTS_JS = """
(width) => {
  const limit = width + 1;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const offending = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right + window.scrollX > limit && !clipped(el)) {
      offending.push(`${el.tagName.toLowerCase()}.${el.className} right=${box.right}`);
    }
  }
  return offending;
}
"""


@pytest.fixture
def seed_article():
    load_demo()
    return Article.objects.get(title=SEED_TITLE)


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_article_page_shows_every_element_without_horizontal_overflow(
    name, live_server, chromium_browser, seed_article, tmp_path
):
    context = new_browser_context(chromium_browser, live_server, **VIEWPORTS[name])
    try:
        page = context.new_page()
        response = page.goto(live_server.url + seed_article.get_absolute_url())
        assert response is not None
        assert response.ok
        # The stylesheet was served and applied (else the layout checks prove nothing).
        summary = page.locator(".summary")
        assert summary.evaluate("el => getComputedStyle(el).borderLeftStyle") == "solid"

        expect(page.locator("h1", has_text=SEED_TITLE)).to_be_visible()

        meta = page.locator(".article-meta")
        expect(meta).to_be_visible()
        for text in ["发布者", "查看", "评论", "原作者", "Gu Liping", "来自"]:
            expect(meta).to_contain_text(text)
        expect(meta.get_by_role("link", name="leedell", exact=True)).to_be_visible()
        expect(meta.get_by_role("link", name="Xinhua", exact=True)).to_be_visible()

        expect(summary).to_be_visible()
        expect(summary).to_have_text(re.compile(r"^\s*摘要"))

        body = page.locator(".article-body")
        expect(body).to_be_visible()
        paragraphs = body.locator("p")
        expect(paragraphs).to_have_count(7)
        for index in range(7):
            expect(paragraphs.nth(index)).to_be_visible()

        expect(page.get_by_role("heading", name="最新评论")).to_be_visible()

        nav = page.locator(".site-nav")
        if name == "phone":  # the partner links fold into the menu on a phone
            expect(nav).to_be_hidden()
            page.locator("label.menu-button").click()
        for label in ["联邦留学辅导", "鸣挚海外家政服务", "代购代带网", "人口普查", "买书"]:
            expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
        account = page.locator(".account")
        expect(account.get_by_role("link", name="找回密码", exact=True)).to_be_visible()
        expect(account.get_by_role("link", name="注册", exact=True)).to_be_visible()

        qr = page.locator("figure.qr")
        qr.scroll_into_view_if_needed()
        expect(qr.locator("svg")).to_be_visible()
        expect(qr.locator("figcaption")).to_have_text("扫一扫，访问手机版")
        expect(qr.locator("figcaption")).to_be_visible()

        clock = page.locator(".site-footer .clock")
        clock.scroll_into_view_if_needed()
        expect(clock).to_be_visible()
        to_top = page.get_by_role("link", name="返回顶部", exact=True)
        expect(to_top).to_be_visible()

        # Nothing is wider than the screen.
        width = VIEWPORTS[name]["viewport"]["width"]
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner_width == width, "the phone zoomed out to fit content wider than the screen"
        assert scroll_width <= inner_width, f"page is {scroll_width}px wide on a {width}px screen"
        assert page.evaluate(OVERFLOWING_ELEMENTS_JS, width) == []

        # "返回顶部" is a plain anchor to #top: no script needed.
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => window.scrollY > 0")
        to_top.click()
        page.wait_for_function("() => window.scrollY === 0")
        assert page.evaluate("() => window.scrollY") == 0

        shot = tmp_path / f"article-{name}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.exists()
        assert shot.stat().st_size > 0
    finally:
        context.close()
