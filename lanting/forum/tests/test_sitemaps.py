"""The forum's sitemaps: boards guests may view and their threads, nothing else."""

import xml.etree.ElementTree as ET

import pytest

from lanting.forum.models import BoardPermission, Thread
from lanting.forum.sitemaps import BoardSitemap, ThreadSitemap

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _xml(content):
    return ET.fromstring(content)  # noqa: S314  (the site's own output, read as a crawler reads it)


def _locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [loc.text for loc in _xml(response.content).iter(f"{NS}loc")]


def test_sitemaps_list_boards_guests_may_view_and_their_threads(
    admin_client, board, other_board, make_thread
):
    shown = make_thread(board, "看得见")
    make_thread(other_board, "看不见")
    deleted = make_thread(board, "删掉了")
    Thread.objects.filter(pk=deleted.pk).update(is_deleted=True)
    BoardPermission.objects.create(board=other_board, group=None, can_view=False)

    boards = _locations(admin_client, "/sitemap-boards.xml")  # staff see the guests' map too
    assert boards == [f"http://testserver/forum/{board.slug}/"]
    threads = _locations(admin_client, "/sitemap-threads.xml")
    assert threads == [f"http://testserver/thread/{shown.pk}/"]


def test_sitemap_index_dates_each_sitemap_by_its_newest_change(client, thread):
    root = _xml(client.get("/sitemap.xml").content)
    dated = {
        entry.findtext(f"{NS}loc"): entry.findtext(f"{NS}lastmod")
        for entry in root.findall(f"{NS}sitemap")
    }
    assert dated["http://testserver/sitemap-threads.xml"].startswith(
        thread.last_post_at.date().isoformat()[:4]
    )


def test_forum_sitemaps_hold_at_most_50000_addresses_a_page():
    assert BoardSitemap.limit == ThreadSitemap.limit == 50_000
