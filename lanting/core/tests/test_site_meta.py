"""What search engines, browsers and home screens ask of the site beside its pages."""

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from lanting.core.models import SiteSettings

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site(db):
    SiteSettings.objects.get_or_create(pk=1)


def _description(html: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert found, "no meta description"
    return found[1]


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/register/", "/darkroom/", "/search/?q=伦敦", "/mobile/"]
)
def test_every_page_has_a_description_in_the_readers_language(client, path):
    chinese = _description(client.get(path).content.decode())
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    english = _description(
        client.get(path + ("&" if "?" in path else "?") + "lang=en").content.decode()
    )
    assert re.search(r"[A-Za-z]{4}", english) and english != chinese


def _urls(client, path: str) -> dict[str, str | None]:
    root = ElementTree.fromstring(client.get(path).content)  # noqa: S314  (our own sitemap)
    return {
        node.findtext(f"{SITEMAP}loc") or "": node.findtext(f"{SITEMAP}lastmod")
        for node in [*root.iter(f"{SITEMAP}url"), *root.iter(f"{SITEMAP}sitemap")]
    }


def test_home_and_the_forum_index_are_in_a_sitemap(client, article):
    index = _urls(client, "/sitemap.xml")
    assert "http://testserver/sitemap-home.xml" in index
    assert "http://testserver/sitemap-forum.xml" in index
    home = _urls(client, "/sitemap-home.xml")
    assert list(home) == ["http://testserver/"]
    assert home["http://testserver/"] is not None
    assert list(_urls(client, "/sitemap-forum.xml")) == ["http://testserver/forum/"]


def test_categories_have_a_lastmod_of_their_newest_article(client, article, make_article):
    from lanting.portal.models import Category

    make_article("另一篇")
    empty = Category.objects.create(name="空栏目", slug="empty")
    urls = _urls(client, "/sitemap-categories.xml")
    newest = max(a.updated_at for a in article.category.articles.all())
    assert urls[f"http://testserver{article.category.get_absolute_url()}"] == newest.isoformat()
    assert urls[f"http://testserver{empty.get_absolute_url()}"] is None


def test_the_manifest_has_an_id_and_a_maskable_icon_inside_its_safe_zone(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["id"] == "/"
    [maskable] = [i for i in manifest["icons"] if i.get("purpose") == "maskable"]
    assert maskable["sizes"] == "512x512"
    found = finders.find("core/icon-maskable-512.png")
    assert found
    picture = Image.open(Path(found)).convert("RGB")
    assert picture.size == (512, 512)
    background = picture.getpixel((0, 0))
    # Whatever differs from the background lies inside the central circle of 80 % diameter.
    radius = 0.4 * 512
    for x in range(0, 512, 4):
        for y in range(0, 512, 4):
            if picture.getpixel((x, y)) != background:
                assert (x - 255.5) ** 2 + (y - 255.5) ** 2 <= radius**2, (x, y)


def test_the_archiver_links_an_icon_and_favicon_ico_answers(client):
    html = client.get("/archiver/").content.decode()
    icon = re.search(r'<link rel="icon"[^>]* href="([^"]+)"', html)
    assert icon and "icon-192" in icon[1]
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].startswith(settings.STATIC_URL)
    assert "icon-192" in answer["Location"]


def test_the_mobile_page_shows_its_qr_code_once(client):
    html = client.get("/mobile/").content.decode()
    assert html.count('class="qr"') == 1
    assert html.count("<svg") == 1
