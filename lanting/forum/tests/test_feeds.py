"""RSS 2.0 and Atom feeds of boards and threads: what guests may read, as well-formed XML."""

import xml.etree.ElementTree as ET

import pytest

from lanting.forum.models import BoardPermission, Thread

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _xml(content):
    return ET.fromstring(content)  # noqa: S314  (the site's own output, read as a crawler reads it)


def _rss(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _xml(response.content)
    assert root.tag == "rss"
    return root.find("channel")


def test_board_feed_lists_its_newest_threads_with_their_first_post(
    client, board, make_thread, other_board
):
    first = make_thread(board, "出租一居室")
    second = make_thread(board, "求租单间", body="[b]预算[/b] £800 & 以内")
    deleted = make_thread(board, "已删除")
    Thread.objects.filter(pk=deleted.pk).update(is_deleted=True)
    make_thread(other_board, "别的版块")
    channel = _rss(client, f"/forum/{board.slug}/feed/")
    assert channel.findtext("link") == f"http://testserver/forum/{board.slug}/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["求租单间", "出租一居室"]
    assert items[0].findtext("link") == f"http://testserver/thread/{second.pk}/"
    assert "<strong>预算</strong> £800 &amp; 以内" in items[0].findtext("description")
    assert items[1].findtext("link") == f"http://testserver/thread/{first.pk}/"
    atom = _xml(client.get(f"/forum/{board.slug}/feed/atom/").content)
    assert atom.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [
        "求租单间",
        "出租一居室",
    ]


def test_thread_feed_lists_its_newest_posts(client, thread, make_reply, make_member):
    replier = make_member("huitie")
    make_reply(thread, replier, "第二楼")
    make_reply(thread, replier, "第三楼")
    channel = _rss(client, f"/thread/{thread.pk}/feed/")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["3楼 huitie", "2楼 huitie", thread.title]
    assert items[0].findtext("link") == f"http://testserver/thread/{thread.pk}/#p3"
    assert "第三楼" in items[0].findtext("description")
    atom = _xml(client.get(f"/thread/{thread.pk}/feed/atom/").content)
    assert len(atom.findall(f"{ATOM}entry")) == 3


def test_feeds_of_hidden_or_missing_boards_and_threads_answer_404(
    admin_client, board, thread, make_thread, other_board
):
    BoardPermission.objects.create(board=board, group=None, can_view=False)
    deleted = make_thread(other_board, "回收站里的帖子")
    Thread.objects.filter(pk=deleted.pk).update(is_deleted=True)
    for url in [
        f"/forum/{board.slug}/feed/",
        f"/forum/{board.slug}/feed/atom/",
        f"/thread/{thread.pk}/feed/",
        f"/thread/{thread.pk}/feed/atom/",
        "/forum/nowhere/feed/",
        "/thread/999999/feed/",
        f"/thread/{deleted.pk}/feed/",
        f"/thread/{2**70}/feed/",
    ]:
        # Feeds are what guests may read, even when staff ask.
        assert admin_client.get(url).status_code == 404, url
