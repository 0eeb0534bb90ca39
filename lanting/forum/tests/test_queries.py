"""Forum pages cost the same number of queries at any size, and deep pages cost what page 1 does."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanting.forum.models import Board, Post, Section, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """Measure rendering itself: with the guest page cache on, a warm page costs 0 queries."""
    settings.LANTING_GUEST_PAGE_CACHE = False


def _queries(client, url: str) -> int:
    client.get(url)  # warm the caches (site chrome, board rules), as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _grow(board: Board, author, threads: int, replies: int):
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            board=board,
            title=f"话题 {n}",
            author=author,
            author_name=author.username,
            created_at=now - dt.timedelta(minutes=n),
            last_post_at=now - dt.timedelta(minutes=n),
            last_poster_name=author.username,
        )
        for n in range(threads)
    )
    long = Thread.objects.filter(board=board).order_by("-created_at")[0]
    Post.objects.bulk_create(
        Post(
            thread=long,
            position=n,
            author=author,
            author_name=author.username,
            body=f"第{n}楼",
            body_html=f"<p>第{n}楼</p>",
        )
        for n in range(1, replies + 2)
    )
    Thread.objects.filter(pk=long.pk).update(reply_count=replies, last_position=replies + 1)
    Board.objects.filter(pk=board.pk).update(thread_count=threads, post_count=threads + replies)
    return long


@pytest.mark.parametrize("logged_in", [False, True])
def test_forum_pages_cost_the_same_small_and_large(client, member, logged_in):
    if logged_in:
        client.force_login(member)
        # The visit begins (its "new since" moment is set), as on a running site: the
        # forum index is kept for members by that moment, so this keeps both sizes alike.
        client.get("/")
    section = Section.objects.create(name="分类信息")
    counts = []
    for size, (threads, replies) in enumerate([(5, 30), (300, 10_000)]):
        board = Board.objects.create(section=section, name=f"租房{size}", slug=f"rent{size}")
        Board.objects.create(section=section, name=f"二手{size}", slug=f"market{size}")
        long = _grow(board, member, threads, replies)
        urls = {
            "index": "/forum/",
            "board": f"/forum/{board.slug}/",
            "thread": long.get_absolute_url(),
            "thread_last": f"{long.get_absolute_url()}?page={long.last_page}",
        }
        counts.append({name: _queries(client, url) for name, url in urls.items()})
    small, large = counts
    assert small == large
    assert large["thread_last"] == large["thread"]
    assert max(large.values()) <= 12, large


def test_page_500_of_a_10000_reply_thread_shows_its_floors(client, member):
    section = Section.objects.create(name="生活")
    board = Board.objects.create(section=section, name="生活", slug="life")
    long = _grow(board, member, 1, 10_000)
    html = client.get(f"{long.get_absolute_url()}?page=500").content.decode()
    assert 'id="p9981"' in html and 'id="p10000"' in html and 'id="p9980"' not in html
    html = client.get(f"{long.get_absolute_url()}?page=last").content.decode()
    assert 'id="p10001"' in html


def test_a_reply_is_written_in_one_go(member):
    """Post, thread, board, member, credits and search entry: one transaction, no savepoints."""
    from lanting.forum.services import create_thread, reply_to_thread

    board = Board.objects.create(section=Section.objects.create(name="生活"), name="生活", slug="l")
    thread = create_thread(board=board, author=member, title="一次写完", body="一楼")
    reply_to_thread(thread=thread, author=member, body="热身")  # rank table cached, as on a site
    with CaptureQueriesContext(connection) as captured:
        reply_to_thread(thread=thread, author=member, body="二楼的回复")
    statements = [q["sql"] for q in captured.captured_queries]
    # The test runs inside a transaction, so the service's own shows as one savepoint.
    assert sum(s.startswith("SAVEPOINT") for s in statements) == 1
    writes = [s for s in statements if s.split()[0] in {"INSERT", "UPDATE"}]
    assert len(writes) <= 6, writes  # post, thread, board, credit entry, member, search entry
