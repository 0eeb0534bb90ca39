"""RSS 2.0 and Atom feeds of the portal: well-formed XML with the published articles."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from lanting.core.models import SiteSettings
from lanting.portal.models import Article, Category

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _xml(content):
    return ET.fromstring(content)  # noqa: S314  (the site's own output, read as a crawler reads it)


@pytest.fixture
def articles(make_article, category):
    SiteSettings.objects.create(name="英国伦敦华人网", slogan="英国伦敦第一中文门户网站")
    child = Category.objects.create(name="英国新闻", slug="uk", parent=category)
    other = Category.objects.create(name="生活", slug="life")
    now = timezone.now()
    return {
        "old": make_article("Older news", published_at=now - dt.timedelta(days=2)),
        "new": make_article("Newer news <&>", published_at=now - dt.timedelta(hours=1)),
        "child": make_article(
            "Child news", category=child, published_at=now - dt.timedelta(days=1)
        ),
        "other": make_article(
            "Life story", category=other, published_at=now - dt.timedelta(hours=3)
        ),
        "draft": make_article("Draft", status=Article.Status.DRAFT),
        "future": make_article("Scheduled", published_at=now + dt.timedelta(days=1)),
    }


def _rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _xml(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, [
        (item.findtext("title"), item.findtext("link")) for item in channel.findall("item")
    ]


def test_portal_rss_lists_published_articles_newest_first(client, articles):
    channel, items = _rss_items(client, "/feed/")
    assert channel.findtext("title") == "最新文章 - 英国伦敦华人网"
    assert channel.findtext("link") == "http://testserver/"
    titles = [title for title, _ in items]
    assert titles == ["Newer news <&>", "Life story", "Child news", "Older news"]
    assert items[0][1] == f"http://testserver/article/{articles['new'].pk}/"
    item = channel.find("item")
    assert item.findtext("description") == articles["new"].summary_text
    assert item.findtext("category") == articles["new"].category.name
    assert item.findtext("pubDate")


def test_portal_atom_feed_is_valid_atom(client, articles):
    response = client.get("/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _xml(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == "Newer news <&>"
    assert len(entries) == 4
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").endswith(f"/article/{articles['new'].pk}/")
    assert first.findtext(f"{ATOM}updated")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "leedell"


def test_category_feed_has_the_category_and_its_children(client, articles, category):
    channel, items = _rss_items(client, f"/category/{category.slug}/feed/")
    assert channel.findtext("link") == f"http://testserver/category/{category.slug}/"
    assert [title for title, _ in items] == ["Newer news <&>", "Child news", "Older news"]
    root = _xml(client.get(f"/category/{category.slug}/feed/atom/").content)
    assert len(root.findall(f"{ATOM}entry")) == 3


def test_feed_of_an_unknown_category_answers_404(client, articles):
    assert client.get("/category/nowhere/feed/").status_code == 404
    assert client.get("/category/nowhere/feed/atom/").status_code == 404


def test_pages_point_feed_readers_to_their_feeds(client, articles, category):
    home = client.get("/").content.decode()
    feed_link = (
        '<link rel="alternate" type="application/rss+xml" title="英国伦敦华人网" href="/feed/">'
    )
    assert feed_link in home
    listing = client.get(f"/category/{category.slug}/").content.decode()
    assert f'href="/category/{category.slug}/feed/"' in listing
