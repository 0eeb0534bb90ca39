"""A board, a thread by its author and a reply: what votes are cast on."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import translation

from lanting.accounts.models import MemberGroup, User
from lanting.forum import services
from lanting.forum.models import Board, BoardPermission, Post, Section, Thread


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def board(db: None) -> Board:
    return Board.objects.create(
        section=Section.objects.create(name="社区生活"), name="生活", slug="life"
    )


@pytest.fixture
def author(make_member: Callable[..., User]) -> User:
    return make_member("louzhu")


@pytest.fixture
def thread(board: Board, author: User) -> Thread:
    return services.create_thread(
        board=board, author=author, title="周末去哪儿玩", body="推荐一下。"
    )


@pytest.fixture
def first_post(thread: Thread) -> Post:
    return thread.posts.get(position=1)


@pytest.fixture
def reply(thread: Thread, make_member: Callable[..., User]) -> Post:
    return services.reply_to_thread(thread=thread, author=make_member("huifu"), body="顶一下")


@pytest.fixture(autouse=True)
def _in_english(client, settings) -> Iterator[None]:
    """Messages in English, in the code and on the pages (the site's own language is Chinese)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def hide() -> Callable[[Board], None]:
    """Hide a board from every rank and from guests."""

    def hide(board: Board) -> None:
        BoardPermission.objects.create(board=board, group=None, can_view=False)
        for rank in MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK):
            BoardPermission.objects.create(board=board, group=rank, can_view=False)

    return hide
