"""A backup and its restore: every table's rows back, posts byte for byte, uploads too."""

import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lanting.accounts.models import User
from lanting.forum import services as forum
from lanting.forum.models import Attachment, Board, Post, Section
from lanting.operations.backup import LEFT_OUT, backup
from lanting.search.models import SearchEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _site(make_member, make_article):
    author, reader = make_member("louzhu"), make_member("duzhe")
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="杂谈", slug="chat"
    )
    thread = forum.create_thread(
        board=board, author=author, title="伦敦的秋天", body="[b]落叶[/b]满地"
    )
    forum.reply_to_thread(thread=thread, author=reader, body="@louzhu 真美 😀")
    post = thread.posts.get(position=1)
    stored = Attachment.objects.create(
        post=post,
        uploader=author,
        file=SimpleUploadedFile("leaf.txt", b"autumn leaves\n"),
        name="leaf.txt",
        size=14,
        content_type="text/plain",
    )
    make_article()
    return stored


def _counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in LEFT_OUT and model._meta.managed
    }


def test_backup_and_restore_round_trip(make_member, make_article, tmp_path, media):
    stored = _site(make_member, make_article)
    before = _counts()
    posts = {p.pk: (p.body, p.body_html, p.created_at) for p in Post.objects.all()}
    archive = tmp_path / "site.tar.gz"
    manifest = backup(archive)
    assert manifest["rows"]["forum.post"] == 2
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert {"manifest.json", "data.jsonl"} <= set(names)
    assert any(name.endswith("leaf.txt") for name in names)

    # A fresh install: nothing in the database, nothing uploaded.
    call_command("flush", interactive=False, verbosity=0)
    stored.file.storage.delete(stored.file.name)
    call_command("restore", str(archive), verbosity=0)

    assert _counts() == before
    assert {p.pk: (p.body, p.body_html, p.created_at) for p in Post.objects.all()} == posts
    restored = Attachment.objects.get()
    assert restored.file.read() == b"autumn leaves\n"
    assert User.objects.get(username="louzhu").check_password("correct-horse-battery-staple")
    assert SearchEntry.objects.exists()  # the index is built again


def test_restore_refuses_an_install_with_content_and_a_stranger_s_file(
    make_member, make_article, tmp_path
):
    _site(make_member, make_article)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="already has members"):
        call_command("restore", str(archive), verbosity=0)
    stranger = tmp_path / "other.tar.gz"
    stranger.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a Lanting backup"):
        call_command("restore", str(stranger), verbosity=0)
