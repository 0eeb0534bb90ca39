"""Unread markers: how far each member has read each thread, shown on board lists."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanting.forum import reading
from lanting.forum.models import ReadMark, Thread
from lanting.pagecache.tags import touch

pytestmark = pytest.mark.django_db


def _long_thread(make_thread, make_reply, board, author, replies: int):
    thread = make_thread(board)
    for n in range(replies):
        make_reply(thread, author, f"第 {n + 2} 楼")
    thread.refresh_from_db()
    return thread


def _board_html(client, board):
    reading.flush()
    return client.get(board.get_absolute_url()).content.decode()


def test_a_member_sees_how_many_replies_they_have_not_read(
    client, member, author, board, make_thread, make_reply
):
    thread = _long_thread(make_thread, make_reply, board, author, 24)  # floors 1-25
    client.force_login(member)
    client.get(thread.get_absolute_url())  # page 1: floors 1-20
    html = _board_html(client, board)
    assert "5 new replies" in html or "5 条新回复" in html
    # The marker leads to the first floor not read: page 2, floor 21.
    response = client.get(f"/thread/{thread.pk}/unread/")
    assert response.status_code == 302
    assert response["Location"] == f"/thread/{thread.pk}/?page=2#p21"
    client.get(f"{thread.get_absolute_url()}?page=2")
    html = _board_html(client, board)
    assert "new repl" not in html and "条新回复" not in html
    # Someone answers: one new reply; reading page 1 again does not undo page 2.
    make_reply(thread, author, "又来一楼")
    client.get(thread.get_absolute_url())
    html = _board_html(client, board)
    assert "1 new reply" in html or "1 条新回复" in html
    assert ReadMark.objects.get(member=member, thread=thread).position == 25


def test_a_thread_never_opened_is_new_only_if_it_moved_since_the_last_visit(
    client, member, author, board, make_thread
):
    old = make_thread(board, title="老帖子")
    Thread.objects.filter(pk=old.pk).update(last_post_at=timezone.now() - dt.timedelta(days=3))
    member.last_visit = timezone.now() - dt.timedelta(days=1)
    member.save()
    fresh = make_thread(board, title="新帖子")
    client.force_login(member)
    html = client.get(board.get_absolute_url()).content.decode()
    rows = {
        title: row
        for row in html.split('<li class="thread-card')
        for title in ("老帖子", "新帖子")
        if title in row
    }
    assert "tag new" in rows["新帖子"] and "tag new" not in rows["老帖子"]
    client.get(fresh.get_absolute_url())
    html = _board_html(client, board)
    assert "tag new" not in html.split("新帖子", 1)[1].split("</li>", 1)[0]


def test_the_forum_index_shows_boards_with_posts_since_the_last_visit(
    client, member, author, board, other_board, make_thread
):
    member.last_visit = timezone.now() - dt.timedelta(hours=5)
    member.save()
    make_thread(board)
    client.force_login(member)
    html = client.get("/forum/").content.decode()
    life = html.split(board.name, 1)[1].split("</li>", 1)[0]
    market = html.split(other_board.name, 1)[1].split("</li>", 1)[0]
    assert "tag new" in life and "tag new" not in market


def test_guests_see_no_markers(client, author, board, make_thread):
    make_thread(board)
    assert "tag new" not in client.get(board.get_absolute_url()).content.decode()


def test_the_board_page_costs_the_same_queries_with_more_threads_read(
    client, member, author, board, make_thread, settings
):
    settings.LANTING_GUEST_PAGE_CACHE = False
    client.force_login(member)
    counts = []
    for n in (2, 12):
        while Thread.objects.filter(board=board).count() < n:
            thread = make_thread(board, title=f"话题 {Thread.objects.count()}")
            client.get(thread.get_absolute_url())
        reading.flush()
        client.get(board.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            client.get(board.get_absolute_url())
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_rereading_a_page_writes_nothing(client, member, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        client.get(thread.get_absolute_url())
    writes = [q["sql"] for q in captured if q["sql"].split()[0] in {"INSERT", "UPDATE"}]
    assert not [sql for sql in writes if "forum_readmark" in sql], writes


def test_write_keeps_the_highest_floor_and_skips_threads_gone(member, thread):
    reading.write({(member.pk, thread.pk): 5})
    reading.write({(member.pk, thread.pk): 3, (member.pk, 10**9): 1})
    assert ReadMark.objects.get(member=member, thread=thread).position == 5
    assert ReadMark.objects.count() == 1


@pytest.mark.skipif(not settings.REDIS_URL, reason="the shared buffer lives in Redis")
def test_in_production_marks_wait_in_redis_and_count_before_they_are_written(member, thread):
    store = reading.get_store()
    assert isinstance(store, reading.RedisStore)
    reading.record(member.pk, thread.pk, 7)
    reading.record(member.pk, thread.pk, 4)  # lower: the highest stays
    assert not ReadMark.objects.exists()
    assert reading.positions(member.pk, [thread.pk]) == {thread.pk: 7}
    assert reading.flush() == 1
    assert ReadMark.objects.get(member=member, thread=thread).position == 7
    assert reading.flush() == 0


def test_members_sharing_the_forum_index_each_see_their_own_markers_and_name(
    member, author, board, other_board, make_thread
):
    from django.test import Client

    member.last_visit = timezone.now() - dt.timedelta(hours=5)
    member.save()
    make_thread(board)
    author.last_visit = timezone.now() + dt.timedelta(minutes=1)
    author.save()
    clients = {member.pk: Client(), author.pk: Client()}
    for reader in (member, author):
        clients[reader.pk].force_login(reader)
    for reader in (member, author, member, author):  # made once per kind of reader, then kept
        html = clients[reader.pk].get("/forum/").content.decode()
        life = html.split(board.name, 1)[1].split("</li>", 1)[0]
        assert ("tag new" in life) is (reader == member)
        assert reader.shown_name in html
    # A new thread in the other board: the kept copy is made afresh for the next reader.
    make_thread(other_board)
    html = clients[member.pk].get("/forum/").content.decode()
    assert "tag new" in html.split(other_board.name, 1)[1].split("</li>", 1)[0]


def test_members_sharing_a_board_page_each_see_their_own_markers_and_name(
    member, author, board, make_thread
):
    from django.test import Client

    from lanting.forum.models import Post

    thread = make_thread(board, title="共读的帖子")
    clients = {member.pk: Client(), author.pk: Client()}
    for reader in (member, author):
        clients[reader.pk].force_login(reader)
    clients[member.pk].get(thread.get_absolute_url())  # the member has read it to the end
    Post.objects.create(thread=thread, author=author, body="又一条", position=2)
    Thread.objects.filter(pk=thread.pk).update(last_position=2, reply_count=1)
    touch(f"board:{board.pk}")
    for reader in (member, author, member, author):  # made once, then kept for both
        html = clients[reader.pk].get(board.get_absolute_url()).content.decode()
        row = html.split("共读的帖子", 1)[1].split("</li>", 1)[0]
        assert ("1 new reply" in row or "1 条新回复" in row) is (reader == member)
        assert reader.shown_name in html
        assert "unread-" not in html and "<!--unread:" not in html  # every hole filled
    clients[member.pk].get(thread.get_absolute_url())
    html = clients[member.pk].get(board.get_absolute_url()).content.decode()
    assert "条新回复" not in html and "new repl" not in html


@pytest.mark.skipif(not settings.REDIS_URL, reason="the known floors live in Redis")
def test_in_production_a_board_page_asks_the_database_once_for_what_its_member_read(
    client, member, author, board, make_thread
):
    threads = [make_thread(board, title=f"话题 {n}") for n in range(3)]
    reading.write({(member.pk, threads[0].pk): 1})
    client.force_login(member)
    client.get(board.get_absolute_url())  # what they read is asked once, then known
    with CaptureQueriesContext(connection) as captured:
        html = client.get(board.get_absolute_url()).content.decode()
    assert not [q for q in captured if "forum_readmark" in q["sql"]]
    assert reading.positions(member.pk, [t.pk for t in threads]) == {threads[0].pk: 1}
    # Reading on (on any worker) raises what is known; so does a flush that wrote it.
    reading.record(member.pk, threads[1].pk, 1)
    assert reading.positions(member.pk, [threads[1].pk]) == {threads[1].pk: 1}
    store = reading.get_store()
    assert isinstance(store, reading.RedisStore)
    store._client.hset(reading.KNOWN_KEY.format(member.pk), str(threads[2].pk), 0)
    reading.write({(member.pk, threads[2].pk): 1})  # written while it was being asked
    store._client.hset(reading.PENDING_KEY, f"{member.pk}:{threads[2].pk}", 1)
    reading.flush()
    assert reading.positions(member.pk, [threads[2].pk]) == {threads[2].pk: 1}
    # The page drawn from the known floors: the thread read shows nothing, the others are new.
    rows = {
        t.title: row
        for row in html.split('<li class="thread-card')
        for t in threads
        if t.title in row
    }
    assert "tag new" not in rows[threads[0].title]
    assert all("tag new" in rows[t.title] for t in threads[1:])


@pytest.mark.skipif(not settings.REDIS_URL, reason="the known floors live in Redis")
def test_known_floors_are_forgotten_after_a_while(member, thread):
    reading.positions(member.pk, [thread.pk])
    store = reading.get_store()
    assert isinstance(store, reading.RedisStore)
    ttl = store._client.ttl(reading.KNOWN_KEY.format(member.pk))
    assert 0 < ttl <= reading.KNOWN_SECONDS


@pytest.mark.skipif(not settings.REDIS_URL, reason="the known floors live in Redis")
def test_while_redis_is_down_what_was_read_comes_from_the_database(member, thread, monkeypatch):
    from lanting.pagecache import outage

    reading.write({(member.pk, thread.pk): 2})
    monkeypatch.setattr(outage, "is_down", lambda: True)
    assert reading.positions(member.pk, [thread.pk]) == {thread.pk: 2}
