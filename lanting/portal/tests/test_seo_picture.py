"""An article previews and is described with its own picture; the site icon only without one."""

import html as markup
import json
import re

import pytest

from lanting.core.seo import SHARE_IMAGE

pytestmark = pytest.mark.django_db


def _pictures(client, article) -> tuple[list[str], str]:
    html = client.get(article.get_absolute_url()).content.decode()
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert og
    return json.loads(script)["image"], markup.unescape(og[1])


def test_an_article_with_a_cover_shows_its_cover(client, make_article):
    article = make_article()
    article.cover.name = "portal/covers/2026/12/cover.jpg"
    article.save(update_fields=["cover"])
    image, og = _pictures(client, article)
    assert image == ["http://testserver/media/portal/covers/2026/12/cover.jpg"] == [og]


def test_an_article_without_a_cover_shows_its_first_picture(client, make_article):
    article = make_article(
        body='<p>正文</p><p><img src="https://img.example.org/a&amp;b.jpg" alt="图"></p>'
        '<p><img src="https://img.example.org/second.jpg" alt="二"></p>'
    )
    image, og = _pictures(client, article)
    assert image == ["https://img.example.org/a&b.jpg"] == [og]


def test_an_article_without_pictures_shows_the_site_icon(client, article):
    image, og = _pictures(client, article)
    stem = SHARE_IMAGE.rsplit(".", 1)[0]
    assert stem in image[0] and stem in og
