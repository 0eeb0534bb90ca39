"""A newcomer's picture on object storage, in a browser at 390 and 1280 px: registered
through the form, posted through the composer, stored in the bucket, shown and downloaded
through signed URLs; a hidden board's attachment is refused to a guest."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from lanting.accounts.models import User
from lanting.conftest import new_browser_context
from lanting.core.tests.browser import WIDTHS, register_newcomer
from lanting.forum import services
from lanting.forum.models import Attachment, Board, BoardPermission, Section
from lanting.forum.permissions import forget_rules
from lanting.messages.tests.test_browser_messages import PASSWORD, _check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _picture(path):
    Image.new("RGB", (1000, 700), (20, 120, 90)).save(path, "PNG")
    return path


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_newcomer_s_picture_goes_to_the_bucket_and_back(
    live_server, chromium_browser, tmp_path, width, s3_bucket
):
    section = Section.objects.create(name="伦敦生活")
    board = Board.objects.create(section=section, name="随手拍", slug="photos")
    office = Board.objects.create(section=section, name="版主办公室", slug="office")
    BoardPermission.objects.create(board=office, group=None, can_view=False)
    forget_rules()
    admin = User.objects.create_superuser("admin", "admin@example.com", "admin-pass-2026")
    hidden = services.create_thread(
        board=office,
        author=admin,
        title="内部",
        body="内部照片",
        uploads=[_upload(tmp_path / "secret.png")],
    )
    secret = hidden.posts.get().attachments.get()

    context = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    guest = new_browser_context(chromium_browser, live_server, **WIDTHS[width])
    try:
        page = context.new_page()
        register_newcomer(page, live_server, "paizhao", PASSWORD, from_home=True)
        page.goto(live_server.url + board.get_absolute_url())
        page.get_by_role("link", name="发帖", exact=True).click()
        page.get_by_label("标题", exact=True).fill("塔桥的傍晚")
        page.get_by_label("内容", exact=True).fill("随手拍的")
        page.locator("input[name=attachments]").set_input_files(_picture(tmp_path / "bridge.png"))
        endpoint = s3_bucket.meta.client.meta.endpoint_url
        from_bucket: list[int] = []
        page.on("response", lambda r: r.url.startswith(endpoint) and from_bucket.append(r.status))
        page.get_by_role("button", name="发表主题", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("塔桥的傍晚")

        item = Attachment.objects.get(name="bridge.png")
        assert f"private/{item.file.name}" in {o.key for o in s3_bucket.objects.all()}
        shown = page.locator("article#p1 img[alt='bridge.png']")
        expect(shown).to_be_visible()
        loaded = "img => img.complete && img.naturalWidth > 0"
        page.wait_for_function(loaded, arg=shown.element_handle())
        assert 200 in from_bucket  # the thumbnail came from the bucket, by a signed URL
        _check_page(page, width)
        page.screenshot(path=tmp_path / f"picture-{width}.png", full_page=True)

        download = page.request.get(live_server.url + item.get_absolute_url())
        assert download.ok and download.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(download.body())).size == (1000, 700)

        refused = guest.new_page().goto(live_server.url + secret.get_absolute_url())
        assert refused is not None and refused.status == 404
    finally:
        context.close()
        guest.close()


def _upload(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _picture(path)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/png")
