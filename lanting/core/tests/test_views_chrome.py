import datetime as dt
import re
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone

from lanting.core.models import NavItem, Page, SiteSettings
from lanting.core.tests.qr_decode import decode_svg

pytestmark = pytest.mark.django_db


def test_header_shows_nav_items_from_the_admin(admin_client, client):
    response = admin_client.post(
        "/admin/core/navitem/add/",
        {
            "label": "代购代带网",
            "location": "header",
            "url": "https://daigou.example/",
            "order": 3,
            "new_tab": "on",
            "is_visible": "on",
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<a href="https://daigou.example/" target="_blank" rel="noopener">代购代带网</a>' in html


def test_nav_item_needs_exactly_one_target(admin_client):
    response = admin_client.post(
        "/admin/core/navitem/add/",
        {"label": "nowhere", "location": "header", "order": 1, "is_visible": "on"},
    )
    assert response.status_code == 200
    assert not NavItem.objects.exists()


def test_footer_links_pages_edited_in_the_admin(admin_client, client):
    admin_client.post(
        "/admin/core/page/add/",
        {"title": "关于我们", "slug": "about", "body": "<p>Hello<script>x()</script></p>"},
    )
    page = Page.objects.get(slug="about")
    assert page.body_html == "<p>Hello</p>"
    NavItem.objects.create(label="关于我们", location="footer", page=page, order=1)
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/page/about/">关于我们</a>' in footer
    assert client.get("/page/about/").content.decode().count("<script") == 0


def test_footer_hides_links_to_sections_this_site_does_not_have(client):
    NavItem.objects.create(label="手机版", location="footer", section="core:mobile", order=1)
    NavItem.objects.create(label="Nowhere", location="footer", section="no-such-app:index", order=2)
    html = client.get("/").content.decode()
    assert '<a href="/mobile/">手机版</a>' in html
    assert "Nowhere" not in html


def test_site_name_and_slogan_come_from_site_settings(admin_client, client):
    SiteSettings.objects.create(name="英国伦敦华人网", slogan="英国伦敦第一中文门户网站")
    html = client.get("/").content.decode()
    assert "<title>英国伦敦华人网 - 英国伦敦第一中文门户网站</title>" in html


def _footer_clock(html: str) -> str:
    match = re.search(r'<p class="clock"><time[^>]*>([^<]+)</time>', html)
    assert match, "no clock in the footer"
    return match.group(1)


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "Europe/London"])
def test_footer_clock_shows_the_site_time_zone(client, settings, zone):
    settings.TIME_ZONE = zone
    before = timezone.now().astimezone(zoneinfo.ZoneInfo(zone))
    clock = _footer_clock(client.get("/").content.decode())
    after = timezone.now().astimezone(zoneinfo.ZoneInfo(zone))
    expected = {f"{t.tzname()}, {t.year}-{t.month}-{t.day} {t:%H:%M}" for t in (before, after)}
    assert clock in expected


def test_article_time_is_shown_in_the_site_time_zone(client, settings, make_article):
    settings.TIME_ZONE = "Asia/Shanghai"
    article = make_article(published_at=dt.datetime(2019, 2, 19, 3, 48, tzinfo=dt.UTC))
    html = client.get(article.get_absolute_url()).content.decode()
    assert ">2019-2-19 11:48</time>" in html


def test_qr_code_decodes_to_the_page_url(client, article):
    html = client.get(article.get_absolute_url() + "?from=qr").content.decode()
    svg = re.search(r'<figure class="qr">\s*(<svg.*?</svg>)', html, re.S).group(1)
    assert decode_svg(svg) == f"http://testserver/article/{article.pk}/?from=qr"
    assert "扫一扫，访问手机版" in html


def test_language_switch_turns_the_page_english_and_back(client):
    assert settings.LANGUAGE_CODE == "zh-hans"
    html = client.get("/").content.decode()
    assert "注册" in html and 'lang="zh-Hans"' in html
    response = client.get("/language/en/?next=/category/news/")
    assert response.status_code == 302
    assert response["Location"] == "/category/news/"
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert ">Register</a>" in html and "Scan to open on your phone" in html
    client.get("/language/zh-hans/?next=/")
    assert "注册" in client.get("/").content.decode()


def test_language_switch_refuses_other_sites_and_unknown_languages(client):
    response = client.get("/language/en/?next=https://evil.example/")
    assert response["Location"] == "/"
    assert client.get("/language/fr/").status_code == 404


def test_anonymous_pages_carry_no_per_visitor_token(client, article):
    assert "csrfmiddlewaretoken" not in client.get(article.get_absolute_url()).content.decode()


def test_unknown_page_is_a_404_in_the_site_language(client):
    response = client.get("/page/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_back_to_top_needs_no_script(client):
    html = client.get("/").content.decode()
    assert '<body id="top">' in html
    assert 'href="#top"' in html


def test_mobile_page_offers_a_qr_code_of_the_home_page(client):
    html = client.get("/mobile/").content.decode()
    svg = re.search(r'<figure class="qr qr-large">(<svg.*?</svg>)', html, re.S).group(1)
    assert decode_svg(svg) == "http://testserver/"
