"""robots.txt, the web app manifest, canonical and language addresses, cached static files."""

import io
import re

import pytest
from django.test import Client
from PIL import Image

from lanting.core.models import DEFAULT_ROBOTS_TXT, SiteSettings

pytestmark = pytest.mark.django_db


def _static_storage():
    # Imported here, not at the top: pytest's collection touches module names,
    # which would set the lazy storage up before conftest points STATIC_ROOT
    # at the collected files.
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def test_robots_txt_points_to_the_sitemap_by_default(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()


def test_robots_txt_is_edited_in_the_admin(admin_client, client):
    SiteSettings.objects.create(name="英国伦敦华人网")
    response = admin_client.post(
        "/admin/core/sitesettings/1/change/",
        {
            "name": "英国伦敦华人网",
            "registration": "open",
            "posting_captcha_posts": "0",
            "robots_txt": "User-agent: *\r\nDisallow: /forum/\r\n"
            "Sitemap: https://cdn.example.org/sitemap.xml\r\n",
        },
    )
    assert response.status_code == 302
    text = client.get("/robots.txt").content.decode()
    assert text == (
        "User-agent: *\nDisallow: /forum/\nSitemap: https://cdn.example.org/sitemap.xml\n"
    )


def test_new_site_settings_start_with_the_default_robots_txt():
    assert SiteSettings.objects.create().robots_txt == DEFAULT_ROBOTS_TXT


def test_manifest_carries_the_site_name_and_its_icons(client):
    SiteSettings.objects.create(name="英国伦敦华人网", short_name="伦敦华人网")
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "英国伦敦华人网"
    assert manifest["short_name"] == "伦敦华人网"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert set(sizes) == {"192x192", "512x512"}
    for size, icon in sizes.items():
        assert icon["type"] == "image/png"
        with _static_storage().open(icon["src"].removeprefix("/static/")) as file:
            picture = Image.open(io.BytesIO(file.read()))
            assert picture.format == "PNG"
            assert f"{picture.width}x{picture.height}" == size


def test_every_page_links_the_manifest_and_the_icon(client):
    head = _head(client.get("/").content.decode())
    assert '<link rel="manifest" href="/manifest.webmanifest">' in head
    assert re.search(r'<link rel="icon" type="image/png" sizes="192x192" href="/static/', head)
    assert '<link rel="apple-touch-icon"' in head


def test_pages_name_their_canonical_address_and_each_language(client):
    head = _head(client.get("/?page=2&sort=new&utm_source=x").content.decode())
    assert '<link rel="canonical" href="http://testserver/?page=2">' in head
    assert (
        '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/?page=2&amp;lang=zh-hans">'
        in head
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/?page=2&amp;lang=en">' in head
    )
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/?page=2">' in head


def test_a_language_version_is_its_own_canonical_address(client):
    head = _head(client.get("/?lang=en").content.decode())
    assert '<link rel="canonical" href="http://testserver/?lang=en">' in head


def test_lang_parameter_overrides_the_cookie_for_one_request(client):
    client.cookies["django_language"] = "zh-hans"
    english = client.get("/?lang=en")
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()
    assert client.get("/")["Content-Language"] == "zh-hans"  # the cookie is unchanged
    assert client.get("/?lang=xx")["Content-Language"] == "zh-hans"  # unknown: ignored


def test_switching_language_drops_the_lang_parameter_from_the_way_back(client):
    response = client.get("/language/zh-hans/", {"next": "/forum/?lang=en&page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/forum/?page=2"
    assert response.cookies["django_language"].value == "zh-hans"


def test_hashed_static_files_are_cached_for_a_year_or_more():
    url = _static_storage().url("core/site.css")
    assert re.search(r"/core/site\.[0-9a-f]{12}\.css$", url), url
    response = Client().get(url)  # a new client: WhiteNoise reads the collected files
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 3600
    b"".join(response.streaming_content)


def test_pages_load_no_web_fonts():
    with _static_storage().open("core/site.css") as file:
        css = file.read().decode()
    assert "@font-face" not in css
    assert "@import" not in css
