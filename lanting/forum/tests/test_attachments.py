"""Files attached to posts: real pictures only, no location data, nothing half-saved."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from PIL import Image

from lanting.accounts.models import MemberGroup
from lanting.forum import services
from lanting.forum.models import Attachment, BoardPermission, Post, Thread

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def png(name: str = "sunset.png", size: tuple[int, int] = (640, 480)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 0.0)}
    return exif.tobytes()


def jpeg_with_gps(name: str = "holiday.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 90, 160)).save(out, "JPEG", exif=gps_exif())
    content = out.getvalue()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)  # the photo has a place
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def noise_png(name: str = "noise.png") -> SimpleUploadedFile:
    """A picture that does not compress: a few KB whatever the PNG encoder does."""
    noisy = Image.effect_noise((64, 64), 100).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "PNG")
    assert len(out.getvalue()) > 2048
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def thread_form(**extra):
    return {"title": "晒晒周末的照片", "body": "见附件", "markup": "bbcode", **extra}


@pytest.fixture
def uploader(make_member, rank):
    """A registered member (注册会员 may upload up to 2048 KB)."""
    return make_member("paizhao", rank=rank("注册会员"), credits=100)


@pytest.fixture
def special_group(db):
    def make(**rules) -> MemberGroup:
        return MemberGroup.objects.create(name="测试组", kind=MemberGroup.Kind.SPECIAL, **rules)

    return make


# Pictures that are accepted


def test_pictures_posted_with_a_new_thread_are_stored_without_location(
    client, board, uploader, media_root
):
    client.force_login(uploader)

    response = client.post("/forum/life/new/", thread_form(attachments=[png(), jpeg_with_gps()]))

    assert response.status_code == 302
    post = Post.objects.get()
    sunset, holiday = post.attachments.order_by("pk")
    assert (sunset.name, sunset.content_type, sunset.is_image) == ("sunset.png", "image/png", True)
    assert (holiday.content_type, holiday.width, holiday.height) == ("image/jpeg", 1200, 900)
    with Image.open(holiday.file.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif().get_ifd(GPS_IFD)
        assert "exif" not in stored.info
    for attachment in (sunset, holiday):
        with Image.open(attachment.thumbnail.path) as thumb:
            assert thumb.format == "WEBP"
            assert max(thumb.size) <= 400
    page = client.get(response["Location"]).content.decode()
    assert f'src="/attachment/{holiday.pk}/?thumb=1"' in page


def test_several_files_attach_to_a_reply(client, thread, uploader):
    client.force_login(uploader)
    notes = SimpleUploadedFile("notes.txt", "路线：先坐地铁".encode(), content_type="text/plain")

    response = client.post(
        f"/thread/{thread.pk}/reply/",
        {"body": "补充两张图和说明", "markup": "bbcode", "attachments": [png(), notes]},
    )

    assert response.status_code == 302
    reply = thread.posts.get(position=2)
    assert sorted(a.name for a in reply.attachments.all()) == ["notes.txt", "sunset.png"]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "notes.txt" in page and "0 次下载" in page


def test_camera_photo_with_an_embedded_preview_is_accepted(client, board, uploader):
    out = io.BytesIO()
    photo, preview = Image.new("RGB", (640, 480), "navy"), Image.new("RGB", (160, 120), "navy")
    photo.save(out, "MPO", save_all=True, append_images=[preview], exif=gps_exif())
    client.force_login(uploader)

    response = client.post(
        "/forum/life/new/",
        thread_form(attachments=[SimpleUploadedFile("DSC_0001.JPG", out.getvalue())]),
    )

    assert response.status_code == 302
    stored = Attachment.objects.get()
    assert stored.content_type == "image/jpeg"
    with Image.open(stored.file.path) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


def test_location_in_a_png_is_not_published(client, board, uploader):
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "green").save(out, "PNG", exif=gps_exif())
    client.force_login(uploader)

    client.post(
        "/forum/life/new/",
        thread_form(attachments=[SimpleUploadedFile("map.png", out.getvalue())]),
    )

    stored = Attachment.objects.get()
    with Image.open(stored.file.path) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


# Files that are refused: nothing is saved


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("shell.php", b"<?php system($_GET['c']); ?>"),
            "shell.php：不允许上传此类文件。",
        ),
        (
            lambda: SimpleUploadedFile("photo.jpg", b"just some text, not a JPEG at all"),
            "photo.jpg 不是真正的图片。",
        ),
        (
            lambda: SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
            "page.html：不允许上传此类文件。",
        ),
    ],
    ids=["php", "fake-picture", "html"],
)
def test_bad_file_refuses_the_whole_new_thread(
    client, board, uploader, media_root, upload, message
):
    client.force_login(uploader)

    response = client.post("/forum/life/new/", thread_form(attachments=[png(), upload()]))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (0, 0)


def test_bad_file_refuses_the_whole_reply(client, thread, uploader, media_root):
    client.force_login(uploader)
    fake = SimpleUploadedFile("photo.jpg", b"not a picture")

    response = client.post(
        f"/thread/{thread.pk}/reply/",
        {"body": "看图", "markup": "bbcode", "attachments": [png(), fake]},
    )

    assert response.status_code == 400
    assert "photo.jpg 不是真正的图片。" in response.content.decode()
    assert thread.posts.count() == 1
    assert stored_files(media_root) == []


def test_picture_with_too_many_pixels_is_refused(client, board, uploader, media_root):
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 million pixels, a tiny file
    client.force_login(uploader)

    response = client.post(
        "/forum/life/new/",
        thread_form(attachments=[SimpleUploadedFile("huge.png", out.getvalue())]),
    )

    assert response.status_code == 400
    assert "huge.png 不是可以接受的图片。" in response.content.decode()
    assert not Thread.objects.exists()
    assert stored_files(media_root) == []


def test_file_over_the_groups_size_limit_is_refused(
    client, board, make_member, special_group, media_root
):
    small = make_member("xiaohao", group=special_group(upload_max_kb=1))
    client.force_login(small)

    response = client.post("/forum/life/new/", thread_form(attachments=[noise_png()]))

    assert response.status_code == 400
    assert "noise.png 超过 1 KB。" in response.content.decode()
    assert not Thread.objects.exists()
    assert stored_files(media_root) == []


def test_group_that_may_not_upload_is_refused(
    client, board, make_member, special_group, media_root
):
    no_files = make_member("wutu", group=special_group(can_upload=False))
    client.force_login(no_files)

    response = client.post("/forum/life/new/", thread_form(attachments=[png()]))

    assert response.status_code == 400  # said on the form, what was typed kept
    html = response.content.decode()
    assert "您所在的用户组没有此权限。" in html and 'name="title"' in html
    assert not Thread.objects.exists()
    assert stored_files(media_root) == []
    # The same member may still post without files.
    assert client.post("/forum/life/new/", thread_form()).status_code == 302


def test_board_that_refuses_uploads_for_a_group_says_so(
    client, board, thread, uploader, rank, media_root
):
    BoardPermission.objects.create(board=board, group=rank("注册会员"), can_upload=False)
    client.force_login(uploader)

    response = client.post(
        f"/thread/{thread.pk}/reply/",
        {"body": "看图", "markup": "bbcode", "attachments": [png()]},
    )

    assert response.status_code == 400  # said on the form, what was typed kept
    assert "您不能在本版块上传附件。" in response.content.decode()
    assert "看图" in response.content.decode()
    assert thread.posts.count() == 1
    assert stored_files(media_root) == []


def test_more_than_ten_files_are_refused(client, board, uploader, media_root):
    client.force_login(uploader)
    files = [SimpleUploadedFile(f"n{n}.txt", b"x") for n in range(11)]

    response = client.post("/forum/life/new/", thread_form(attachments=files))

    assert response.status_code == 400
    assert "每帖最多 10 个附件。" in response.content.decode()
    assert stored_files(media_root) == []


# Downloads and placing pictures in the text


def test_downloading_a_file_counts_each_download(client, thread, uploader):
    content = "第一天：西湖；第二天：灵隐寺".encode()
    post = services.reply_to_thread(
        thread=thread,
        author=uploader,
        body="行程见附件",
        uploads=[SimpleUploadedFile("plan.txt", content)],
    )
    attachment = post.attachments.get()

    first = client.get(f"/attachment/{attachment.pk}/")
    assert first.status_code == 200
    assert b"".join(first.streaming_content) == content
    assert first["Content-Disposition"].startswith("attachment")
    assert first["X-Content-Type-Options"] == "nosniff"
    client.get(f"/attachment/{attachment.pk}/")

    attachment.refresh_from_db()
    assert attachment.downloads == 2
    assert "2 次下载" in client.get(thread.get_absolute_url()).content.decode()


def test_thumbnails_do_not_count_as_downloads(client, thread, uploader):
    post = services.reply_to_thread(thread=thread, author=uploader, body="图", uploads=[png()])
    picture = post.attachments.get()

    response = client.get(f"/attachment/{picture.pk}/?thumb=1")

    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    picture.refresh_from_db()
    assert picture.downloads == 0


def test_attachment_of_a_deleted_reply_is_hidden_from_members(
    client, thread, uploader, moderator, member
):
    post = services.reply_to_thread(thread=thread, author=uploader, body="图", uploads=[png()])
    services.delete_post(post=post, actor=moderator)
    picture = post.attachments.get()

    client.force_login(member)
    assert client.get(f"/attachment/{picture.pk}/").status_code == 404
    client.force_login(moderator)
    assert client.get(f"/attachment/{picture.pk}/").status_code == 200


def test_attachment_of_a_thread_in_the_recycle_bin_is_hidden(client, board, uploader, moderator):
    thread = services.create_thread(
        board=board, author=uploader, title="违规图片", body="图", uploads=[png()]
    )
    services.delete_thread(thread=thread, moderator=moderator)
    picture = Attachment.objects.get()

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(f"/attachment/{picture.pk}/").status_code == 404


def test_picture_placed_with_attach_code_shows_in_the_post(client, board, uploader):
    thread = services.create_thread(
        board=board, author=uploader, title="新家布置", body="先传图", uploads=[png()]
    )
    post = thread.posts.get()
    picture = post.attachments.get()

    services.edit_post(post=post, editor=uploader, body=f"客厅：[attach]{picture.pk}[/attach] 完")

    post.refresh_from_db()
    img = f'<img src="/attachment/{picture.pk}/" alt="sunset.png" loading="lazy" width="640"'
    assert img in post.body_html
    assert img in client.get(thread.get_absolute_url()).content.decode()


def test_attach_code_for_someone_elses_file_stays_text(client, board, thread, uploader, author):
    other = services.create_thread(
        board=board, author=uploader, title="我的图", body="图", uploads=[png()]
    )
    picture = other.posts.get().attachments.get()
    post = thread.posts.get()

    services.edit_post(post=post, editor=author, body=f"借用 [attach]{picture.pk}[/attach]")

    post.refresh_from_db()
    assert "<img" not in post.body_html
    assert f"[attach]{picture.pk}[/attach]" in post.body_html


def test_an_attachment_is_not_served_from_its_media_path_past_the_permission_check(
    client, thread, uploader, media_root
):
    client.force_login(uploader)
    client.post(
        f"/thread/{thread.pk}/reply/", {"body": "图", "markup": "bbcode", "attachments": [png()]}
    )
    picture = Attachment.objects.get()
    client.logout()

    with pytest.raises(Resolver404):
        resolve(f"/media/{picture.file.name}")
    with pytest.raises(Resolver404):
        resolve("/media/forum/thumbs/2026/12/sunset.webp")
    assert client.get(f"/media/{picture.file.name}").status_code == 404
    assert client.get(picture.get_absolute_url()).status_code == 200
    for public in ("/media/forum/icons/life.png", "/media/avatars/paizhao.webp"):
        assert resolve(public).url_name is None  # still served by Lanting (LANTING_SERVE_MEDIA)
