"""Uploads on S3-compatible object storage (a local moto server): stored in the bucket,
handed out after the forum's permission check by short-lived signed URLs, gone with their
rows, and carried by backup and restore."""

import io
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from lanting.forum import services
from lanting.forum.models import Attachment, BoardPermission, Post, Thread
from lanting.forum.permissions import can_view_board, forget_rules

pytestmark = pytest.mark.django_db


def png(name: str = "bridge.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 90, 160)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fetch(url: str) -> tuple[int, Message, bytes]:
    """What a browser gets at a signed URL on the object store."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (our test server)
        return response.status, response.headers, response.read()


def keys(bucket) -> list[str]:
    return sorted(item.key for item in bucket.objects.all())


@pytest.fixture
def newcomer(make_member, rank):
    """A member as registration leaves them: 新手上路, no credits (may upload 2048 KB)."""
    return make_member("xinren", rank=rank("新手上路"))


def _post_thread_with(client, board, *uploads):
    response = client.post(
        f"/forum/{board.slug}/new/",
        {"title": "塔桥的傍晚", "body": "随手拍", "markup": "bbcode", "attachments": list(uploads)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Thread.objects.get(title="塔桥的傍晚")


def test_a_new_member_s_picture_lands_in_the_bucket_and_is_handed_out_signed(
    client, board, newcomer, s3_bucket
):
    client.force_login(newcomer)
    thread = _post_thread_with(client, board, png())

    picture = Attachment.objects.get()
    assert picture.file.name.startswith("forum/") and picture.thumbnail  # made by the job
    stored = keys(s3_bucket)
    assert f"private/{picture.file.name}" in stored
    assert f"private/{picture.thumbnail.name}" in stored
    assert not [key for key in stored if key.startswith("public/")]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'src="/attachment/{picture.pk}/?thumb=1"' in page

    client.logout()  # a guest may read this board
    response = client.get(picture.get_absolute_url())
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, max-age=150"
    signed = response["Location"]
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    status, headers, body = fetch(signed)
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert body == picture.file.open("rb").read()
    assert Image.open(io.BytesIO(body)).size == (900, 600)
    thumb = client.get(f"{picture.get_absolute_url()}?thumb=1")
    _status, headers, body = fetch(thumb["Location"])
    assert headers["Content-Type"] == "image/webp" and max(Image.open(io.BytesIO(body)).size) == 400
    picture.refresh_from_db()
    assert picture.downloads == 1  # the thumbnail is not a download

    # Without the signature the bucket answers no one.
    unsigned = signed.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError):
        fetch(unsigned)


def test_a_file_comes_back_as_a_download_with_its_name(client, board, newcomer, s3_bucket):
    client.force_login(newcomer)
    notes = SimpleUploadedFile("路线.txt", "先坐地铁".encode(), content_type="text/plain")
    _post_thread_with(client, board, notes)
    item = Attachment.objects.get()

    response = client.get(item.get_absolute_url())

    _status, headers, body = fetch(response["Location"])
    assert body == "先坐地铁".encode()
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%B7%AF%E7%BA%BF.txt" in headers["Content-Disposition"]


def test_an_attachment_in_a_hidden_board_is_refused_to_a_guest_and_signed_for_its_moderator(
    client, board, make_member, s3_bucket
):
    moderator = make_member("banzhu")
    board.moderators.add(moderator)
    BoardPermission.objects.create(board=board, group=None, can_view=False)  # guests
    forget_rules()
    assert not can_view_board(AnonymousUser(), board)
    thread = services.create_thread(
        board=board, author=moderator, title="内部", body="内部照片", uploads=[png()]
    )
    item = thread.posts.get().attachments.get()

    for url in (item.get_absolute_url(), f"{item.get_absolute_url()}?thumb=1"):
        refused = client.get(url)
        assert refused.status_code == 404 and "Location" not in refused

    client.force_login(moderator)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 302
    assert fetch(response["Location"])[0] == 200


def test_a_deleted_post_s_files_are_refused_then_removed_with_the_row(
    client, board, newcomer, make_member, s3_bucket, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)
    thread = _post_thread_with(client, board, png())
    item = Attachment.objects.get()
    post = thread.posts.get()
    moderator = make_member("banzhu")
    board.moderators.add(moderator)
    forget_rules()

    services.delete_thread(thread=thread, moderator=moderator, reason="重复")
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert len(keys(s3_bucket)) == 2  # in the recycle bin: kept, it can be restored

    with django_capture_on_commit_callbacks(execute=True):
        Post.objects.filter(pk=post.pk).delete()  # for good (the admin): the rows cascade
    assert keys(s3_bucket) == []


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_bucket_s_files(
    client, board, newcomer, s3_bucket, tmp_path, settings, s3_server
):
    client.force_login(newcomer)
    _post_thread_with(client, board, png())
    item = Attachment.objects.get()
    original = item.file.open("rb").read()
    before = keys(s3_bucket)
    archive = tmp_path / "site.tar.gz"

    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"Uploads from s3://{s3_bucket.name}/private." in out.getvalue()
    s3_bucket.objects.all().delete()  # the bucket is lost
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), verbosity=0)

    assert keys(s3_bucket) == before
    assert Attachment.objects.get().file.open("rb").read() == original
