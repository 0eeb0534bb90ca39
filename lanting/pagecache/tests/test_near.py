"""Pages a worker keeps itself: served with no round trip, dropped when another worker changes them.

These need Redis (the production setup); on the embedded setup they are skipped.
"""

import time
from typing import Any

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from lanting.forum.models import Board, Section, Thread
from lanting.forum.services import create_thread
from lanting.pagecache.counters import flush
from lanting.pagecache.keys import CHECK_PREFIX
from lanting.pagecache.redispages import RedisPages, redis_pages
from lanting.portal.models import Article
from lanting.portal.selectors import ARTICLE_VIEWS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.REDIS_URL, reason="near copies sit in front of Redis"),
]


@pytest.fixture
def pages() -> RedisPages:
    found = redis_pages()
    assert found is not None
    return found


@pytest.fixture
def other_worker() -> redis.Redis:
    """A connection of its own, as another worker process would have."""
    return redis.Redis.from_url(settings.REDIS_URL)


@pytest.fixture
def thread(make_member: Any) -> Thread:
    section = Section.objects.create(name="生活")
    board = Board.objects.create(section=section, name="生活", slug="life")
    return create_thread(board=board, author=make_member("op"), title="近处的副本", body="一楼")


def _no_redis(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("the page was asked of Redis")


def _keep_near(client: Any, url: str) -> None:
    """Ask until the page came from Redis once: from then on this worker keeps it."""
    for _ in range(3):
        if client.get(url).get("X-Page-Cache") == "hit":
            return
    raise AssertionError("the page was never kept")


def _until(check: Any) -> None:
    """Redis's message reaches the worker a moment after the write: wait up to a second."""
    deadline = time.monotonic() + 1
    while not check() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_hot_page_is_served_without_asking_redis(client, thread, pages, monkeypatch):
    _keep_near(client, thread.get_absolute_url())
    monkeypatch.setattr(pages, "_script", _no_redis)
    page = client.get(thread.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "近处的副本" in page.content.decode()


def test_change_made_by_another_worker_drops_the_near_copy(client, thread, other_worker):
    _keep_near(client, thread.get_absolute_url())
    # Another worker renames the thread: the database changes and the tag gets a
    # new version, neither through this process.
    Thread.objects.filter(pk=thread.pk).update(title="改过的标题")
    other_worker.set(cache.make_key(f"tag:thread:{thread.pk}"), b"1")

    def renamed() -> bool:
        return "改过的标题" in client.get(thread.get_absolute_url()).content.decode()

    _until(renamed)
    assert renamed()


def test_page_stored_again_elsewhere_replaces_the_near_copy(client, thread, other_worker):
    _keep_near(client, thread.get_absolute_url())
    key = client.get(thread.get_absolute_url()).wsgi_request.META["lanting.page_key"]
    other_worker.delete(CHECK_PREFIX + key)  # another worker forgot the page

    def rendered_again() -> bool:
        return bool(client.get(thread.get_absolute_url())["X-Page-Cache"] == "miss")

    _until(rendered_again)
    assert client.get(thread.get_absolute_url())["X-Page-Cache"] == "hit"


def test_views_of_near_copies_all_reach_the_database(client, article: Article, pages):
    for _ in range(30):
        client.get(article.get_absolute_url())
    assert flush(ARTICLE_VIEWS) == 30
    article.refresh_from_db()
    assert article.views == 30


def test_view_count_on_a_near_copy_keeps_counting(client, article: Article):
    for n in range(1, 6):
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'<em id="_viewnum">{n}</em>' in html


def test_broken_link_to_redis_falls_back_to_asking_redis(client, thread, pages, other_worker):
    _keep_near(client, thread.get_absolute_url())
    near = pages._near
    assert near is not None and near.listener_id is not None
    other_worker.client_kill_filter(_id=near.listener_id)
    Thread.objects.filter(pk=thread.pk).update(title="断线后改的")
    other_worker.set(cache.make_key(f"tag:thread:{thread.pk}"), b"2")
    # The message about that change could not arrive; the copy must not be served.
    assert "断线后改的" in client.get(thread.get_absolute_url()).content.decode()


def test_page_changed_while_it_was_read_is_not_kept(
    client, thread, pages, other_worker, monkeypatch
):
    url = thread.get_absolute_url()
    _keep_near(client, url)
    pages.clear_near()  # the page is in Redis, not in this worker
    read = pages._script

    def read_then_another_worker_changes_it(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        Thread.objects.filter(pk=thread.pk).update(title="读的时候改了")
        other_worker.set(cache.make_key(f"tag:thread:{thread.pk}"), b"3")
        time.sleep(0.05)  # Redis's message is in before the page would be kept
        return found

    monkeypatch.setattr(pages, "_script", read_then_another_worker_changes_it)
    client.get(url)  # this reader got the page as it was read; it must not be kept
    monkeypatch.undo()
    assert "读的时候改了" in client.get(url).content.decode()


def test_a_redis_that_refuses_tracking_is_asked_every_time(client, thread, pages, monkeypatch):
    near = pages.near()
    assert near is not None
    near.close()
    monkeypatch.setattr(near, "_refused", False)  # as it was, after this test
    monkeypatch.setattr(near, "_prefixes", ["overlapping:", "overlapping:too"])  # refused
    _keep_near(client, thread.get_absolute_url())
    page = client.get(thread.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"  # from Redis
    assert near._refused and not near._copies
    near.close()  # the next test links again with the right prefixes


def test_board_rules_changed_by_another_worker_apply_at_once(
    client, thread, make_member, other_worker
):
    from lanting.accounts.models import MemberGroup
    from lanting.forum.models import BoardPermission
    from lanting.forum.permissions import RULES_CACHE_KEY

    member = make_member("reader", group=MemberGroup.objects.get(code="moderator"))
    thread.board.moderators.clear()  # a moderator group, but not this board's moderator
    client.force_login(member)
    url = thread.get_absolute_url()
    for _ in range(2):  # the rules are read, then kept near
        assert 'class="reply-form"' in client.get(url).content.decode()
    # Another worker's admin takes replies away from the member's group: no signal here.
    group = member.current_group
    assert group is not None
    BoardPermission.objects.bulk_create(
        [BoardPermission(board=thread.board, group=group, can_reply=False)]
    )
    other_worker.delete(cache.make_key(RULES_CACHE_KEY))

    def refused() -> bool:
        return 'class="reply-form"' not in client.get(url).content.decode()

    _until(refused)
    assert refused()


def test_a_members_bell_is_kept_near_and_rings_at_once(
    client, thread, make_member, pages, django_capture_on_commit_callbacks
):
    from lanting.notifications.selectors import unread_key
    from lanting.notifications.services import notify
    from lanting.pagecache.redispages import is_tracked

    member = make_member("reader")
    client.force_login(member)
    url = thread.get_absolute_url()
    assert is_tracked(unread_key(member.pk))
    for _ in range(2):  # the count is read from Redis, then kept in this worker
        assert 'class="bell"' in client.get(url).content.decode()
    near = pages.near()
    assert near is not None and near.values([cache.make_key(unread_key(member.pk))]) is not None
    # A notice written in this worker drops the kept count before Redis's message comes.
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[member.pk], kind="reply", actor=None, subject="回复", url=url, group_key="g"
        )
    assert near.values([cache.make_key(unread_key(member.pk))]) is None
    assert 'class="bell unread"' in client.get(url).content.decode()


def test_a_count_another_worker_changes_is_asked_again(client, thread, make_member, other_worker):
    from lanting.notifications.models import Notification
    from lanting.notifications.selectors import unread_key

    member = make_member("reader")
    client.force_login(member)
    url = thread.get_absolute_url()
    for _ in range(2):
        assert 'class="bell"' in client.get(url).content.decode()
    Notification.objects.create(recipient=member, kind="reply", subject="回复", url=url)
    other_worker.delete(cache.make_key(unread_key(member.pk)))  # as that worker's notify does

    def rung() -> bool:
        return 'class="bell unread"' in client.get(url).content.decode()

    _until(rung)
    assert rung()
