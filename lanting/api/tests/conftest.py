"""API fixtures: a small forum with a hidden board, an article, members and their tokens."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from lanting.accounts.models import MemberGroup, User
from lanting.accounts.services import rank_for
from lanting.api.services import create_token
from lanting.forum.models import Board, BoardPermission, Section, Thread
from lanting.forum.permissions import forget_rules
from lanting.forum.services import create_thread, reply_to_thread


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def new_member(username: str, **fields: Any) -> User:
    fields.setdefault("rank", rank_for(int(fields.get("credits", 0))))
    user = User(username=username, email=f"{username}@example.com", **fields)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def make_member_with_rank(db: None) -> Callable[..., User]:
    return new_member


@pytest.fixture
def forum(db: None) -> dict[str, Any]:
    section = Section.objects.create(name="社区")
    public = Board.objects.create(section=section, name="生活杂谈", slug="life")
    office = Board.objects.create(section=section, name="版主办公室", slug="office")
    BoardPermission.objects.create(board=office, group=None, can_view=False)
    for rank in MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK):
        BoardPermission.objects.create(board=office, group=rank, can_view=False)
    forget_rules()
    staff = new_member("zhanzhang", is_staff=True, is_superuser=True)
    author = new_member("louzhu")
    thread = create_thread(board=public, author=author, title="伦敦租房指南", body="先看地段。")
    reply_to_thread(thread=thread, author=staff, body="谢谢分享")
    secret = create_thread(board=office, author=staff, title="内部讨论", body="秘密")
    return {
        "section": section,
        "public": public,
        "office": office,
        "staff": staff,
        "author": author,
        "thread": thread,
        "secret": secret,
    }


@pytest.fixture
def member(forum: dict[str, Any]) -> User:
    return new_member("reader")


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def token_for() -> Callable[..., str]:
    def make(member: User, scope: str = "write") -> str:
        return create_token(member=member, name="bot", scope=scope).plain

    return make


@pytest.fixture
def as_member(token_for: Callable[..., str]) -> Callable[..., Client]:
    """A client that sends ``member``'s token with every request."""

    def make(member: User, scope: str = "write") -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(member, scope)}")

    return make


def thread_url(thread: Thread) -> str:
    return f"/api/threads/{thread.pk}"
