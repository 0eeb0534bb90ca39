"""The forum's fixtures (a board, its moderator, a thread's author), and polls on top."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from lanting.forum.models import Board, Thread
from lanting.forum.tests.conftest import (  # noqa: F401  (fixtures)
    author,
    board,
    group,
    make_thread,
    media_root,
    moderator,
    section,
    thread,
)
from lanting.polls import services
from lanting.polls.models import Poll


@pytest.fixture
def make_poll(author, board: Board, make_thread) -> Callable[..., Poll]:  # noqa: F811  (fixtures)
    def make(
        options: Any = "红队\n蓝队\n绿队", title: str = "周末比赛谁赢？", **settings: Any
    ) -> Poll:
        new = make_thread(board, title=title)
        made: Poll = services.start_poll(thread=new, author=author, options=options, **settings)
        return made

    return make


@pytest.fixture
def poll(make_poll):
    return make_poll()


def later(hours: float = 1) -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=hours)


def option_ids(poll: Poll) -> list[int]:
    return list(poll.options.order_by("order").values_list("pk", flat=True))


def thread_of(poll: Poll) -> Thread:
    return Thread.objects.get(pk=poll.thread_id)
