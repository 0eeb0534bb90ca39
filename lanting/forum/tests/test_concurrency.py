"""Two members replying at once: every floor is unique and every counter exact."""

import threading

import pytest
from django.db import close_old_connections

from lanting.accounts.models import User
from lanting.forum.models import Board, Post, Section, Thread
from lanting.forum.services import create_thread, reply_to_thread


@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_keep_floors_and_counters_exact(make_member):
    section = Section.objects.create(name="生活")
    board = Board.objects.create(section=section, name="生活", slug="life")
    starter = make_member("starter")
    thread = create_thread(board=board, author=starter, title="同时回复", body="开始")
    members = [make_member(f"writer{n}") for n in range(4)]
    barrier = threading.Barrier(len(members))
    errors: list[BaseException] = []

    def write(member: User) -> None:
        try:
            barrier.wait()
            for n in range(10):
                reply_to_thread(thread=thread, author=member, body=f"{member.username} {n}")
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    workers = [threading.Thread(target=write, args=(m,)) for m in members]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    thread.refresh_from_db()
    board.refresh_from_db()
    positions = sorted(Post.objects.filter(thread=thread).values_list("position", flat=True))
    assert positions == list(range(1, 42))
    assert thread.reply_count == 40 and thread.last_position == 41
    assert (board.thread_count, board.post_count) == (1, 41)
    assert board.today_posts == 41
    for member in members:
        member.refresh_from_db()
        assert member.post_count == 10 and member.credits == 10
    assert Thread.objects.get(pk=thread.pk).last_poster_name.startswith("writer")
