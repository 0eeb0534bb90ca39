"""Avatars from the UCenter folder and portal uploads from data/attachment/portal."""

import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import resolve

from lanting.accounts.models import User
from lanting.importers.discuz.members import avatar_path
from lanting.portal.models import Article

pytestmark = pytest.mark.django_db


def _import(dsn, attachments, *extra):
    call_command(
        "import-discuz",
        "--dsn",
        dsn,
        "--attachments",
        str(attachments),
        "--avatars",
        str(attachments.parent / "avatar"),
        *extra,
    )


def _served(url, settings):
    """What a browser gets for a media URL (the route serves MEDIA_ROOT as set at start)."""
    match = resolve(url)
    request = RequestFactory().get(url)
    response = match.func(request, **{**match.kwargs, "document_root": settings.MEDIA_ROOT})
    return response.status_code, b"".join(response.streaming_content)


def test_avatar_path_splits_the_uid_as_ucenter_does():
    assert avatar_path(1, "big") == "000/00/00/01_avatar_big.jpg"
    assert avatar_path(1234567, "small") == "001/23/45/67_avatar_small.jpg"


def test_member_avatar_shows_on_their_profile(discuz_dsn, client, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    wang = User.objects.get(username="伦敦小王")
    assert wang.avatar_large and wang.avatar_small
    page = client.get(f"/u/{wang.username}/").content.decode()
    assert wang.avatar_large.url in page
    status, body = _served(wang.avatar_large.url, settings)
    assert status == 200 and body[:4] == b"RIFF"  # stored as WebP, like an upload
    assert not User.objects.get(username="kate_w").avatar_large  # her file is not a picture


def test_missing_and_broken_avatars_are_listed_not_fatal(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    data = json.loads(report.read_text())
    avatars = data["tables"]["avatars"]
    assert avatars["imported"] == 1
    assert avatars["skipped"] == {
        "avatar file missing from --avatars": 1,
        "avatar file unusable (not a picture, or too large)": 1,
    }
    assert avatars["examples"]["avatar file unusable (not a picture, or too large)"] == ["3"]
    assert "000/00/00/01_avatar_big.jpg" in data["missing_files"]
    assert User.objects.filter(username="admin").exists()


def test_avatars_are_not_imported_twice(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    first = User.objects.get(username="伦敦小王").avatar_large.name
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    assert User.objects.get(username="伦敦小王").avatar_large.name == first
    assert json.loads(report.read_text())["tables"]["avatars"]["unchanged"] == 1


def test_article_picture_and_cover_show_the_copied_files(discuz_dsn, client, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments)
    article = Article.objects.get(title__startswith="U.S., DPRK")
    picture = default_storage.url("portal/discuz/201902/20/map.png")
    assert f'src="{picture}"' in article.body_html
    assert "data/attachment" not in article.body_html
    assert article.cover.url == picture
    original = (attachments / "portal" / "201902" / "20" / "map.png").read_bytes()
    assert _served(picture, settings) == (200, original)
    notes = default_storage.url("portal/discuz/201902/20/notes.txt")
    assert f'href="{notes}"' in article.body_html  # was portal.php?mod=attachment&id=71
    assert _served(notes, settings) == (200, b"liaison officers")
    page = client.get(article.get_absolute_url()).content.decode()
    assert picture in page


def test_portal_uploads_are_counted_and_the_lost_one_listed(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "report.json"
    _import(dsn, attachments, "--report", str(report))
    data = json.loads(report.read_text())
    files = data["tables"]["portal attachments"]
    assert (files["read"], files["imported"]) == (3, 2)
    assert files["skipped"] == {"file missing from --attachments": 1}
    assert "portal/201902/20/gone.jpg" in data["missing_files"]
    _import(dsn, attachments, "--report", str(report))
    again = json.loads(report.read_text())["tables"]["portal attachments"]
    assert (again["imported"], again["unchanged"]) == (0, 2)
