"""Forum fixtures: a board group, boards, a thread, and the people who moderate them."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lanting.accounts.models import MemberGroup, User
from lanting.forum import services
from lanting.forum.models import Board, Post, Section, Thread


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Uploads land in the test's own folder, never in the shared var/media."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def group() -> Callable[[str], MemberGroup]:
    """A default group by its system code (the data migration creates them)."""

    def get(code: str) -> MemberGroup:
        return MemberGroup.objects.get(code=code)

    return get


@pytest.fixture
def rank(db: None) -> Callable[[str], MemberGroup]:
    """A rank group by its Chinese name: 新手上路 (0 credits), 注册会员 (50) …"""

    def get(name: str) -> MemberGroup:
        return MemberGroup.objects.get(kind=MemberGroup.Kind.RANK, name=name)

    return get


@pytest.fixture
def section(db: None) -> Section:
    return Section.objects.create(name="社区生活")


@pytest.fixture
def board(section: Section) -> Board:
    return Board.objects.create(section=section, name="生活杂谈", slug="life")


@pytest.fixture
def other_board(section: Section) -> Board:
    return Board.objects.create(section=section, name="二手市场", slug="market")


@pytest.fixture
def author(make_member: Callable[..., User]) -> User:
    return make_member("louzhu")


@pytest.fixture
def make_thread(author: User) -> Callable[..., Thread]:
    def make(board: Board, title: str = "周末去哪儿玩", **fields: Any) -> Thread:
        fields.setdefault("author", author)
        fields.setdefault("body", "大家推荐一下。")
        return services.create_thread(board=board, title=title, **fields)

    return make


@pytest.fixture
def thread(make_thread: Callable[..., Thread], board: Board) -> Thread:
    return make_thread(board)


@pytest.fixture
def make_reply() -> Callable[..., Post]:
    def make(thread: Thread, author: User, body: str = "顶一下") -> Post:
        return services.reply_to_thread(thread=thread, author=author, body=body)

    return make


@pytest.fixture
def moderator(make_member: Callable[..., User], group, board: Board) -> User:
    """The moderator (版主) of ``board`` only."""
    banzhu = make_member("banzhu", group=group("moderator"))
    board.moderators.add(banzhu)
    return banzhu


@pytest.fixture
def super_moderator(make_member: Callable[..., User], group) -> User:
    return make_member("chaoban", group=group("super_moderator"))
