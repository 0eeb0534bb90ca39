"""What search engines and link previews read on an article page."""

import json
import re

import pytest

from lanting.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def _json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_article_page_has_title_description_canonical_and_share_tags(client, make_article):
    SiteSettings.objects.create(name="英国伦敦华人网")
    article = make_article("Liaison officers", summary="Talks go on.")
    html = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    head = html[: html.index("</head>")]
    assert "<title>Liaison officers - 新闻资讯 - 英国伦敦华人网</title>" in head
    assert '<meta name="description" content="Talks go on.">' in head
    url = f"http://testserver/article/{article.pk}/"
    assert f'<link rel="canonical" href="{url}">' in head
    assert f'<link rel="alternate" hreflang="en" href="{url}?lang=en">' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Liaison officers">' in head
    assert f'<meta property="og:url" content="{url}">' in head
    assert '<meta property="og:site_name" content="英国伦敦华人网">' in head
    assert '<meta name="twitter:card" content="summary">' in head
    image = r'<meta property="og:image" content="http://testserver/static/core/icon-512'
    assert re.search(image, head)


def test_article_json_ld_is_a_news_article(client, make_article):
    SiteSettings.objects.create(name="英国伦敦华人网")
    article = make_article("Liaison officers", summary="Talks go on.", original_author="Gu Liping")
    data = _json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Liaison officers"
    assert data["description"] == "Talks go on."
    assert data["author"] == [{"@type": "Person", "name": "Gu Liping"}]
    assert data["publisher"]["name"] == "英国伦敦华人网"
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver/article/{article.pk}/"
    assert data["datePublished"].startswith(article.published_at.date().isoformat()[:4])
    assert data["articleSection"] == "新闻资讯"


def test_json_ld_cannot_close_its_script_element(client, make_article):
    article = make_article("</script><script>alert(1)</script> & <!--")
    html = client.get(article.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert script
    assert "<" not in script.group(1)
    assert json.loads(script.group(1))["headline"] == "</script><script>alert(1)</script> & <!--"
    assert "<script>alert(1)" not in html
