"""sitemap.xml: an index of sitemaps; the articles' one lists published articles only."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from lanting.portal.models import Article
from lanting.portal.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(content):
    return ET.fromstring(content)  # noqa: S314  (the site's own output, read as a crawler reads it)


def _locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = _xml(response.content)
    return root, [loc.text for loc in root.iter(f"{NS}loc")]


def test_sitemap_index_lists_the_sitemap_of_each_kind(client, article):
    root, locations = _locations(client, "/sitemap.xml")
    assert root.tag == f"{NS}sitemapindex"
    for section in ["articles", "categories", "boards", "threads"]:
        assert f"http://testserver/sitemap-{section}.xml" in locations


def test_articles_sitemap_lists_published_articles_only(client, make_article):
    shown = make_article("Published")
    make_article("Draft", status=Article.Status.DRAFT)
    make_article("Scheduled", published_at=timezone.now() + dt.timedelta(days=1))
    root, locations = _locations(client, "/sitemap-articles.xml")
    assert root.tag == f"{NS}urlset"
    assert locations == [f"http://testserver/article/{shown.pk}/"]
    assert root.find(f"{NS}url/{NS}lastmod").text.startswith(str(shown.updated_at.year))


def test_robots_txt_sitemap_address_answers(client, article):
    robots = client.get("/robots.txt").content.decode()
    sitemap_line = next(line for line in robots.splitlines() if line.startswith("Sitemap:"))
    url = sitemap_line.split(" ", 1)[1].removeprefix("http://testserver")
    assert client.get(url).status_code == 200


def test_sitemaps_hold_at_most_50000_addresses_a_page():
    assert ArticleSitemap.limit == 50_000
