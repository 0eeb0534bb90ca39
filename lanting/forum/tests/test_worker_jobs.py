"""Thumbnails and search indexing are the worker's: a write does not wait for them, the page
shows the picture itself until its thumbnail lands, and what leaves search leaves at once."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult
from PIL import Image

from lanting.forum import services
from lanting.forum.models import Attachment
from lanting.search.models import Kind, SearchEntry

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 60, 60)).save(out, "PNG")
    return SimpleUploadedFile("bus.png", out.getvalue(), content_type="image/png")


def run_worker() -> None:
    call_command("worker", burst=True, interval=0)


def waiting(name: str) -> int:
    return DBTaskResult.objects.filter(task_path__endswith=name, status="READY").count()


def hits(client, words: str):
    return client.get("/search/", {"q": words}).content.decode().count('class="search-hit"')


@override_settings(TASKS=DATABASE)
def test_the_page_shows_the_picture_until_the_worker_has_made_its_thumbnail(
    client, board, author, media_root
):
    thread = services.create_thread(
        board=board, author=author, title="红色巴士", body="看图", uploads=[png()]
    )
    picture = Attachment.objects.get()
    assert not picture.thumbnail and waiting(".make_thumbnail") == 1

    page = client.get(thread.get_absolute_url()).content.decode()  # a guest: kept in the cache
    assert f'src="/attachment/{picture.pk}/"' in page and 'width="400"' in page
    assert client.get(f"/attachment/{picture.pk}/?thumb=1")["Content-Type"] == "image/png"

    run_worker()

    picture.refresh_from_db()
    with Image.open(picture.thumbnail.path) as thumb:
        assert thumb.format == "WEBP" and thumb.size == (400, 267)
    page = client.get(thread.get_absolute_url()).content.decode()  # the cached copy was dropped
    assert f'src="/attachment/{picture.pk}/?thumb=1"' in page


@override_settings(TASKS=DATABASE)
def test_a_reply_is_indexed_by_the_worker_and_leaves_search_at_once_when_deleted(
    client, thread, make_member, board
):
    run_worker()  # the thread itself
    replier = make_member("huifu")
    reply = services.reply_to_thread(thread=thread, author=replier, body="泰晤士河边的咖啡馆")
    assert not SearchEntry.objects.filter(kind=Kind.POST, object_id=reply.pk).exists()
    assert waiting(".reindex_posts") == 1

    run_worker()
    assert hits(client, "咖啡馆") == 1

    moderator = make_member("banzhu")
    board.moderators.add(moderator)
    services.delete_posts(thread=thread, post_ids=[reply.pk], moderator=moderator)
    assert hits(client, "咖啡馆") == 0  # before any worker runs
    assert waiting(".reindex_posts") == 0


@override_settings(TASKS=DATABASE)
def test_a_thread_moved_into_a_hidden_board_leaves_guests_search_before_the_worker_runs(
    client, thread, other_board, make_member, board
):
    from lanting.forum.models import BoardPermission
    from lanting.forum.permissions import forget_rules

    run_worker()
    assert hits(client, "推荐") == 1
    BoardPermission.objects.create(board=other_board, group=None, can_view=False)
    forget_rules()
    moderator = make_member("banzhu", is_staff=True, is_superuser=True)

    services.move_thread(thread=thread, board=other_board, moderator=moderator)

    assert hits(client, "推荐") == 0
    run_worker()
    assert hits(client, "推荐") == 0
    assert SearchEntry.objects.get(kind=Kind.THREAD).board_id == other_board.pk


def test_rebuilding_the_index_still_works(thread):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.filter(kind=Kind.THREAD, object_id=thread.pk).exists()
